import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentMember, type Principal } from '@commons/auth';
import { type Connection, ForbiddenError, type RequestContext } from '@commons/core';
import { type MemberEntity, MembersDirectoryService, memberLoader, MemberModel } from '@commons/members';
import { type ProposalEntity, ProposalModel, ProposalsDirectoryService } from '@commons/voting';
import { AssembliesDirectoryService, type AttendanceCounts, type AttendeeRow, quorumNeeded } from './assemblies-directory.service.js';
import {
  canChairAssemblies,
  canCheckIn,
  canGiveProxy,
  canReadAssemblies,
  canSeeProxy,
  seesAttendance,
  seesEveryProxy,
} from './assemblies.policy.js';
import { AssembliesService } from './assemblies.service.js';
import { ConveneAssemblyInput } from './dto/convene-assembly.input.js';
import type { AgendaItemEntity } from './entities/agenda-item.entity.js';
import { type AssemblyEntity, AssemblyStatus } from './entities/assembly.entity.js';
import { AttendanceMode } from './entities/attendance.entity.js';
import type { ProxyEntity } from './entities/proxy.entity.js';
import {
  AgendaItemModel,
  AssemblyConnection,
  AssemblyModel,
  AttendeeConnection,
  AttendeeModel,
  MinutesModel,
  ProxyModel,
} from './models/assembly.model.js';
import { ProxiesService } from './proxies.service.js';

function mayChair(actor: Principal, verb: string): void {
  if (!canChairAssemblies(actor)) throw new ForbiddenError(`Only admins can ${verb} assemblies.`);
}

@Resolver(() => AssemblyModel)
export class AssembliesResolver {
  constructor(
    private readonly assemblies: AssembliesService,
    private readonly proxies: ProxiesService,
    private readonly directory: AssembliesDirectoryService,
  ) {}

  private readonly counted = new WeakMap<AssemblyEntity, Promise<AttendanceCounts>>();

  @Query(() => AssemblyModel, { nullable: true, description: 'Active members, admins and auditors.' })
  assembly(@CurrentMember() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<AssemblyEntity | null> {
    this.mayRead(principal);
    return this.directory.find(id);
  }

  @Query(() => AssemblyConnection, { name: 'assemblies', description: 'Newest first. Active members, admins and auditors.' })
  listAssemblies(
    @CurrentMember() principal: Principal,
    @Args('status', { type: () => AssemblyStatus, nullable: true }) status?: AssemblyStatus,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<Connection<AssemblyEntity>> {
    this.mayRead(principal);
    return this.directory.list(status, first, after);
  }

  @Mutation(() => AssemblyModel, {
    description:
      "ADMIN. startsAt at least the bylaws' noticeDays ahead (else BAD_USER_INPUT, field startsAt); agenda proposals are DRAFTs without closesAt.",
  })
  conveneAssembly(@CurrentMember() actor: Principal, @Args('input') input: ConveneAssemblyInput): Promise<AssemblyEntity> {
    mayChair(actor, 'convene');
    return this.assemblies.convene(actor, input);
  }

  @Mutation(() => ProxyModel, {
    description:
      'ACTIVE member, while CONVENED or IN_SESSION and not checked in; the holder is ACTIVE, is not the grantor and has granted no proxy ' +
      'of their own (no chains). A holder at maxProxiesPerMember is CONFLICT. Granting again replaces the earlier proxy.',
  })
  grantProxy(
    @CurrentMember() actor: Principal,
    @Args('assemblyId', { type: () => ID }) assemblyId: string,
    @Args('holderId', { type: () => ID }) holderId: string,
  ): Promise<ProxyEntity> {
    if (!canGiveProxy(actor)) throw new ForbiddenError('Only ACTIVE members can give a proxy.');
    return this.proxies.grant(actor, assemblyId, holderId);
  }

  @Mutation(() => Boolean, { description: 'The grantor, until they check in. CONFLICT if they gave none.' })
  revokeProxy(@CurrentMember() actor: Principal, @Args('assemblyId', { type: () => ID }) assemblyId: string): Promise<boolean> {
    if (!canGiveProxy(actor)) throw new ForbiddenError('Only ACTIVE members can give or revoke a proxy.');
    return this.proxies.revoke(actor, assemblyId);
  }

  @Mutation(() => AssemblyModel, {
    description:
      'ADMIN at the door (IN_PERSON), or the member themself (REMOTE); only IN_SESSION, members on the roll. A member who checks in ' +
      'votes for themself: a proxy they granted lapses.',
  })
  checkIn(
    @CurrentMember() actor: Principal,
    @Args('assemblyId', { type: () => ID }) assemblyId: string,
    @Args('memberId', { type: () => ID }) memberId: string,
    @Args('mode', { type: () => AttendanceMode }) mode: AttendanceMode,
  ): Promise<AssemblyEntity> {
    if (!canCheckIn(actor, memberId, mode))
      throw new ForbiddenError('Admins check members in at the door (IN_PERSON); an ACTIVE member checks themself in (REMOTE).');
    return this.proxies.checkIn(actor, assemblyId, memberId, mode);
  }

  @Mutation(() => AssemblyModel, {
    description: "ADMIN, at or after startsAt: IN_SESSION; the roll is frozen and the agenda's proposals open.",
  })
  openAssembly(@CurrentMember() actor: Principal, @Args('id', { type: () => ID }) id: string): Promise<AssemblyEntity> {
    mayChair(actor, 'open');
    return this.assemblies.open(actor, id);
  }

  @Mutation(() => AssemblyModel, {
    description:
      'ADMIN: closes its open proposals (minVotingHours does not apply inside a sitting; NO_QUORUM without quorum), writes the minutes.',
  })
  closeAssembly(@CurrentMember() actor: Principal, @Args('id', { type: () => ID }) id: string): Promise<AssemblyEntity> {
    mayChair(actor, 'close');
    return this.assemblies.close(actor, id);
  }

  @Mutation(() => AssemblyModel, { description: 'ADMIN, before it opens.' })
  cancelAssembly(
    @CurrentMember() actor: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
  ): Promise<AssemblyEntity> {
    mayChair(actor, 'cancel');
    return this.assemblies.cancel(actor, id, reason);
  }

  @ResolveField('agenda', () => [AgendaItemModel])
  agenda(@Parent() assembly: AssemblyEntity): Promise<AgendaItemEntity[]> {
    return this.directory.agenda(assembly.id);
  }

  @ResolveField('roll', () => Int, { description: 'ACTIVE members when the sitting opened (before: ACTIVE members now).' })
  async roll(@Parent() assembly: AssemblyEntity): Promise<number> {
    return (await this.attendance(assembly)).roll;
  }

  @ResolveField('present', () => Int, { description: 'Checked in.' })
  async present(@Parent() assembly: AssemblyEntity): Promise<number> {
    return (await this.attendance(assembly)).present;
  }

  @ResolveField('represented', () => Int, { description: 'Absent members whose proxy is held by someone present.' })
  async represented(@Parent() assembly: AssemblyEntity): Promise<number> {
    return (await this.attendance(assembly)).represented;
  }

  @ResolveField('quorumReached', () => Boolean, { description: 'present + represented >= assemblyQuorum × roll.' })
  async quorumReached(@Parent() assembly: AssemblyEntity): Promise<boolean> {
    return (await this.attendance(assembly)).quorumReached;
  }

  @ResolveField('quorumNeeded', () => Int, { description: 'The fewest present + represented that reach the quorum: ⌈quorum × roll⌉.' })
  async quorumNeeded(@Parent() assembly: AssemblyEntity): Promise<number> {
    return quorumNeeded(assembly.quorum, (await this.attendance(assembly)).roll);
  }

  @ResolveField('attendance', () => AttendeeConnection, {
    description:
      'ADMIN, AUDITOR: the roll of the sitting by name (empty until it opens); search: part of the name, any case; ' +
      'checkedIn: only those checked in (true) or not (false).',
  })
  attendanceField(
    @CurrentMember() principal: Principal,
    @Parent() assembly: AssemblyEntity,
    @Args('search', { type: () => String, nullable: true }) search?: string | null,
    @Args('checkedIn', { type: () => Boolean, nullable: true }) checkedIn?: boolean | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<Connection<AttendeeRow>> {
    if (!seesAttendance(principal)) throw new ForbiddenError("Only admins and auditors can read a sitting's attendance.");
    return this.directory.roster(assembly.id, { search, checkedIn }, first, after);
  }

  @ResolveField('proxies', () => [ProxyModel], { description: 'Live proxies. ADMIN, AUDITOR: all; a member: those they granted or hold.' })
  async proxiesField(@CurrentMember() principal: Principal, @Parent() assembly: AssemblyEntity): Promise<ProxyEntity[]> {
    const proxies = await this.directory.proxies(assembly.id, seesEveryProxy(principal) ? undefined : principal.id);
    return proxies.filter((proxy) => canSeeProxy(principal, proxy));
  }

  @ResolveField('minutes', () => MinutesModel, { nullable: true, description: 'Once CLOSED.' })
  minutes(@Parent() assembly: AssemblyEntity): MinutesModel | null {
    if (!assembly.minutesText || !assembly.minutesHash) return null;
    return { text: assembly.minutesText, hash: assembly.minutesHash };
  }

  /** Counted once per assembly object (so once per request for roll, present, represented and quorumReached). */
  private attendance(assembly: AssemblyEntity): Promise<AttendanceCounts> {
    let counts = this.counted.get(assembly);
    if (!counts) {
      counts = this.directory.attendance(assembly);
      this.counted.set(assembly, counts);
    }
    return counts;
  }

  private mayRead(principal: Principal): void {
    if (!canReadAssemblies(principal)) throw new ForbiddenError('Only active members, admins and auditors can read assemblies.');
  }
}

@Resolver(() => AgendaItemModel)
export class AgendaItemsResolver {
  constructor(private readonly proposals: ProposalsDirectoryService) {}

  @ResolveField('proposal', () => ProposalModel, { nullable: true, description: 'The proposal voted on during the sitting.' })
  proposal(@CurrentMember() principal: Principal, @Parent() item: AgendaItemEntity): Promise<ProposalEntity | null> {
    return item.proposalId ? this.proposals.find(principal, item.proposalId) : Promise.resolve(null);
  }
}

@Resolver(() => AttendeeModel)
export class AttendeesResolver {
  constructor(private readonly members: MembersDirectoryService) {}

  @ResolveField('member', () => MemberModel)
  member(@Parent() attendee: AttendeeRow, @Context() context: RequestContext): Promise<MemberEntity | null> {
    return memberLoader(context, this.members).load(attendee.memberId);
  }
}

@Resolver(() => ProxyModel)
export class ProxiesResolver {
  constructor(private readonly members: MembersDirectoryService) {}

  @ResolveField('grantor', () => MemberModel)
  grantor(@Parent() proxy: ProxyEntity, @Context() context: RequestContext): Promise<MemberEntity | null> {
    return memberLoader(context, this.members).load(proxy.grantorId);
  }

  @ResolveField('holder', () => MemberModel)
  holder(@Parent() proxy: ProxyEntity, @Context() context: RequestContext): Promise<MemberEntity | null> {
    return memberLoader(context, this.members).load(proxy.holderId);
  }
}
