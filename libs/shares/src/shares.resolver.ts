import { Args, Context, GraphQLISODateTime, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow, CurrentMember, permit, type Principal } from '@commons/auth';
import { type Connection, NotFoundError, type RequestContext, requestLoader } from '@commons/core';
import { memberLoader, MembersDirectoryService, type MemberEntity, MemberModel } from '@commons/members';
import { ShareClassInput } from './dto/share-class.input.js';
import type { ShareClassEntity } from './entities/share-class.entity.js';
import { type ShareOperationEntity, ShareOperationStatus } from './entities/share-operation.entity.js';
import { ShareClassModel, ShareOperationConnection, ShareOperationModel } from './models/share.model.js';
import { ShareClassesService } from './share-classes.service.js';
import { ShareRegisterService } from './share-register.service.js';
import { ShareRequestsService } from './share-requests.service.js';
import { ShareSettlementService } from './share-settlement.service.js';
import { SharesPolicy } from './shares.policy.js';

export function shareClassLoader(context: RequestContext, register: ShareRegisterService) {
  return requestLoader(context, 'shareClasses', (ids) => register.classesByIds(ids));
}

@Resolver(() => ShareOperationModel)
export class SharesResolver {
  constructor(
    private readonly register: ShareRegisterService,
    private readonly classes: ShareClassesService,
    private readonly requests: ShareRequestsService,
    private readonly settlement: ShareSettlementService,
    private readonly directory: MembersDirectoryService,
  ) {}

  @Query(() => [ShareClassModel], { description: 'The classes of shares, by code. Anyone signed in.' })
  @Allow(SharesPolicy.readClasses)
  shareClasses(): Promise<ShareClassEntity[]> {
    return this.register.classes();
  }

  @Query(() => ShareOperationConnection, {
    description:
      'ADMIN, AUDITOR: the whole register; a member: their own operations (as subscriber, giver, redeemer or receiver). Entries in number order, then the operations not in effect, oldest request first.',
  })
  @Allow(SharesPolicy.listRegister)
  shareRegister(
    @CurrentMember() principal: Principal,
    @Args('memberId', { type: () => ID, nullable: true }) memberId?: string | null,
    @Args('status', { type: () => ShareOperationStatus, nullable: true }) status?: ShareOperationStatus | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<Connection<ShareOperationEntity>> {
    const whole = SharesPolicy.readWholeRegister.allows(principal, undefined);
    if (!whole && memberId && memberId.toLowerCase() !== principal.id) permit(SharesPolicy.readWholeRegister, principal, undefined);
    return this.register.list({ memberId: whole ? memberId : principal.id, status }, first, after);
  }

  @Query(() => ShareOperationModel, { nullable: true, description: 'One operation: its member (or receiver), admins and auditors.' })
  @Allow(SharesPolicy.listRegister)
  async shareOperation(
    @CurrentMember() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<ShareOperationEntity | null> {
    const operation = await this.register.operation(id);
    if (operation) permit(SharesPolicy.readOperation, principal, operation);
    return operation;
  }

  @Mutation(() => ShareClassModel, { description: 'ADMIN: a new class of shares; fixed once created.' })
  @Allow(SharesPolicy.manage)
  createShareClass(@CurrentMember() actor: Principal, @Args('input') input: ShareClassInput): Promise<ShareClassEntity> {
    return this.classes.create(actor, input);
  }

  @Mutation(() => ShareOperationModel, { description: 'An applicant or ACTIVE member: a SUBSCRIPTION, REQUESTED.' })
  @Allow(SharesPolicy.subscribe)
  requestShares(
    @CurrentMember() actor: Principal,
    @Args('shareClassId', { type: () => ID }) shareClassId: string,
    @Args('quantity', { type: () => Int }) quantity: number,
  ): Promise<ShareOperationEntity> {
    return this.requests.requestShares(actor, shareClassId, quantity);
  }

  @Mutation(() => ShareOperationModel, {
    description: 'A holder (ACTIVE): a TRANSFER to an applicant or ACTIVE member, REQUESTED. Both must be allowed to hold the class.',
  })
  @Allow(SharesPolicy.dispose)
  requestShareTransfer(
    @CurrentMember() actor: Principal,
    @Args('toMemberId', { type: () => ID }) toMemberId: string,
    @Args('shareClassId', { type: () => ID }) shareClassId: string,
    @Args('quantity', { type: () => Int }) quantity: number,
  ): Promise<ShareOperationEntity> {
    return this.requests.requestTransfer(actor, toMemberId, shareClassId, quantity);
  }

  @Mutation(() => ShareOperationModel, { description: 'A holder (ACTIVE): a REDEMPTION of redeemable shares, REQUESTED.' })
  @Allow(SharesPolicy.dispose)
  requestRedemption(
    @CurrentMember() actor: Principal,
    @Args('shareClassId', { type: () => ID }) shareClassId: string,
    @Args('quantity', { type: () => Int }) quantity: number,
  ): Promise<ShareOperationEntity> {
    return this.requests.requestRedemption(actor, shareClassId, quantity);
  }

  @Mutation(() => ShareOperationModel, {
    description: 'ADMIN: APPROVED or REFUSED. A redemption past the yearly cap is QUEUED, and approved by itself once it fits.',
  })
  @Allow(SharesPolicy.manage)
  decideShareOperation(
    @CurrentMember() actor: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('approve') approve: boolean,
    @Args('reason', { type: () => String, nullable: true }) reason?: string | null,
  ): Promise<ShareOperationEntity> {
    return this.requests.decide(actor, id, approve, reason);
  }

  @Mutation(() => ShareOperationModel, {
    description: 'ADMIN, once APPROVED: the money moved. PAID, numbered in the register and posted to the ledger, in one transaction.',
  })
  @Allow(SharesPolicy.manage)
  settleShareOperation(
    @CurrentMember() actor: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('settledOn', { type: () => GraphQLISODateTime }) settledOn: Date,
  ): Promise<ShareOperationEntity> {
    return this.settlement.settle(actor, id, settledOn);
  }

  @Mutation(() => ShareOperationModel, { description: 'Its member, while REQUESTED (or QUEUED).' })
  @Allow(SharesPolicy.listRegister)
  cancelShareOperation(@CurrentMember() actor: Principal, @Args('id', { type: () => ID }) id: string): Promise<ShareOperationEntity> {
    return this.requests.cancel(actor, id);
  }

  @ResolveField('member', () => MemberModel)
  async member(@Parent() operation: ShareOperationEntity, @Context() context: RequestContext): Promise<MemberEntity> {
    const member = await memberLoader(context, this.directory).load(operation.memberId);
    if (!member) throw new NotFoundError('Member', operation.memberId);
    return member;
  }

  @ResolveField('counterpart', () => MemberModel, { nullable: true, description: 'TRANSFER: who receives.' })
  counterpart(@Parent() operation: ShareOperationEntity, @Context() context: RequestContext): Promise<MemberEntity | null> | null {
    return operation.counterpartId ? memberLoader(context, this.directory).load(operation.counterpartId) : null;
  }

  @ResolveField('shareClass', () => ShareClassModel)
  async shareClass(@Parent() operation: ShareOperationEntity, @Context() context: RequestContext): Promise<ShareClassEntity> {
    const shareClass = await shareClassLoader(context, this.register).load(operation.shareClassId);
    if (!shareClass) throw new NotFoundError('Share class', operation.shareClassId);
    return shareClass;
  }
}
