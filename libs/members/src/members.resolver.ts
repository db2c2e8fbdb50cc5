import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { OwnUnitsOfWork } from '@commons/audit';
import { Allow, CurrentMember, MemberStatus, permit, type Principal, Public, Role } from '@commons/auth';
import { BadUserInputError, type Connection, ForbiddenError, type RequestContext, requestLoader } from '@commons/core';
import { AccountsService, type SignedIn } from './accounts.service.js';
import { AddMembersInput } from './dto/add-members.input.js';
import { CreateStakeholderClassInput } from './dto/stakeholder-class.input.js';
import { RegisterInput } from './dto/register.input.js';
import type { MemberEntity } from './entities/member.entity.js';
import type { StakeholderClassEntity } from './entities/stakeholder-class.entity.js';
import { MembersDirectoryService } from './members-directory.service.js';
import { MembersPolicy } from './members.policy.js';
import { type AddedMembers, type InvitationOf, MembershipService } from './membership.service.js';
import {
  AddMembersPayloadModel,
  AuthPayloadModel,
  InvitationModel,
  MemberConnection,
  MemberModel,
  StakeholderClassModel,
} from './models/member.model.js';

/** From here on the request acts as the member who just signed in (so they see their own email). */
function signIn(context: RequestContext, signedIn: SignedIn): SignedIn {
  const { member } = signedIn;
  const principal: Principal = { id: member.id, status: member.status, roles: member.roles, stakeholderClass: member.stakeholderClass };
  context.req.user = principal;
  return signedIn;
}

@Resolver(() => MemberModel)
export class MembersResolver {
  constructor(
    private readonly accounts: AccountsService,
    private readonly membership: MembershipService,
    private readonly directory: MembersDirectoryService,
  ) {}

  @Query(() => MemberModel, { description: 'The signed-in member.' })
  async me(@CurrentMember() principal: Principal): Promise<MemberEntity> {
    const member = await this.directory.findById(principal.id);
    if (!member) throw new ForbiddenError();
    return member;
  }

  @Query(() => MemberModel, { nullable: true, description: 'Active members, admins and auditors; anyone may read themself.' })
  member(@CurrentMember() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<MemberEntity | null> {
    permit(MembersPolicy.readMember, principal, id);
    return this.directory.findById(id);
  }

  @Query(() => MemberConnection, { description: 'The register of members, oldest first. Active members, admins and auditors.' })
  members(
    @CurrentMember() principal: Principal,
    @Args('status', { type: () => MemberStatus, nullable: true }) status?: MemberStatus,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<Connection<MemberEntity>> {
    permit(MembersPolicy.readRegister, principal, undefined);
    return this.directory.list(status, first, after);
  }

  @Query(() => [StakeholderClassModel], { description: 'The stakeholder classes a member can belong to.' })
  @Public()
  stakeholderClasses(): Promise<StakeholderClassEntity[]> {
    return this.directory.stakeholderClasses();
  }

  @Mutation(() => AuthPayloadModel, { description: 'Anyone: creates an APPLICANT and signs them in.' })
  @Public()
  @OwnUnitsOfWork()
  async register(@Args('input') input: RegisterInput, @Context() context: RequestContext): Promise<SignedIn> {
    const address = (context.req as { ip?: string }).ip;
    return signIn(context, await this.accounts.register(input, address));
  }

  @Mutation(() => AuthPayloadModel, { description: 'A member an admin added sets their password with their invitation, once.' })
  @Public()
  @OwnUnitsOfWork()
  async acceptInvitation(
    @Args('token') token: string,
    @Args('password', { description: 'At least 8 characters.' }) password: string,
    @Context() context: RequestContext,
  ): Promise<SignedIn> {
    if (password.length < 8 || password.length > 200) {
      throw new BadUserInputError('password must be between 8 and 200 characters long', 'password');
    }
    return signIn(context, await this.accounts.acceptInvitation(token, password));
  }

  @Mutation(() => AddMembersPayloadModel, {
    description: "ADMIN: adds ACTIVE members from the co-op's existing register, with an invitation each to set a password.",
  })
  @Allow(MembersPolicy.manage)
  addMembers(@CurrentMember() actor: Principal, @Args('input') input: AddMembersInput): Promise<AddedMembers> {
    return this.membership.addMembers(actor, input);
  }

  @Mutation(() => InvitationModel, { description: 'ADMIN: a new invitation for a member added without a password.' })
  @Allow(MembersPolicy.manage)
  inviteMember(@CurrentMember() actor: Principal, @Args('memberId', { type: () => ID }) memberId: string): Promise<InvitationOf> {
    return this.membership.invite(actor, memberId);
  }

  @Mutation(() => AuthPayloadModel, { description: 'Fails the same way for an unknown email and a wrong password.' })
  @Public()
  @OwnUnitsOfWork()
  async login(@Args('email') email: string, @Args('password') password: string, @Context() context: RequestContext): Promise<SignedIn> {
    const address = (context.req as { ip?: string }).ip;
    return signIn(context, await this.accounts.login(email, password, address));
  }

  @Mutation(() => MemberModel, { description: 'ADMIN: APPLICANT -> ACTIVE.' })
  @Allow(MembersPolicy.manage)
  admitMember(@CurrentMember() actor: Principal, @Args('memberId', { type: () => ID }) memberId: string): Promise<MemberEntity> {
    return this.membership.admit(actor, memberId);
  }

  @Mutation(() => MemberModel, { description: 'ADMIN: ACTIVE -> SUSPENDED; the member can no longer vote or act.' })
  @Allow(MembersPolicy.manage)
  suspendMember(
    @CurrentMember() actor: Principal,
    @Args('memberId', { type: () => ID }) memberId: string,
    @Args('reason') reason: string,
  ): Promise<MemberEntity> {
    return this.membership.suspend(actor, memberId, reason);
  }

  @Mutation(() => MemberModel, { description: 'ADMIN: SUSPENDED -> ACTIVE.' })
  @Allow(MembersPolicy.manage)
  reinstateMember(@CurrentMember() actor: Principal, @Args('memberId', { type: () => ID }) memberId: string): Promise<MemberEntity> {
    return this.membership.reinstate(actor, memberId);
  }

  @Mutation(() => MemberModel, { description: 'The member themself leaves the co-op (-> WITHDRAWN).' })
  @Allow(MembersPolicy.withdraw)
  withdrawMembership(@CurrentMember() actor: Principal): Promise<MemberEntity> {
    return this.membership.withdraw(actor);
  }

  @Mutation(() => MemberModel, { description: 'ADMIN.' })
  @Allow(MembersPolicy.manage)
  grantRole(
    @CurrentMember() actor: Principal,
    @Args('memberId', { type: () => ID }) memberId: string,
    @Args('role', { type: () => Role }) role: Role,
  ): Promise<MemberEntity> {
    return this.membership.grantRole(actor, memberId, role);
  }

  @Mutation(() => MemberModel, { description: 'ADMIN. The last active admin cannot lose the role (CONFLICT).' })
  @Allow(MembersPolicy.manage)
  revokeRole(
    @CurrentMember() actor: Principal,
    @Args('memberId', { type: () => ID }) memberId: string,
    @Args('role', { type: () => Role }) role: Role,
  ): Promise<MemberEntity> {
    return this.membership.revokeRole(actor, memberId, role);
  }

  @Mutation(() => StakeholderClassModel, { description: 'ADMIN: adds a stakeholder class (e.g. PRODUCER).' })
  @Allow(MembersPolicy.manage)
  createStakeholderClass(
    @CurrentMember() actor: Principal,
    @Args('input') input: CreateStakeholderClassInput,
  ): Promise<StakeholderClassEntity> {
    return this.membership.createStakeholderClass(actor, input);
  }

  @ResolveField('email', () => String, { nullable: true, description: 'Only to the member, admins and auditors.' })
  email(@Parent() member: MemberEntity, @Context() context: RequestContext): string | null {
    return MembersPolicy.readPrivateFields.allows(context.req.user as Principal | undefined, member) ? member.email : null;
  }

  @ResolveField('suspensionReason', () => String, { nullable: true, description: 'Only to the member, admins and auditors.' })
  suspensionReason(@Parent() member: MemberEntity, @Context() context: RequestContext): string | null {
    return MembersPolicy.readPrivateFields.allows(context.req.user as Principal | undefined, member) ? member.suspensionReason : null;
  }
}

/** Loads members by id once per request, for every `author`, `actor` or `member` field. */
export function memberLoader(context: RequestContext, directory: MembersDirectoryService) {
  return requestLoader(context, 'members', (ids) => directory.findByIds(ids));
}
