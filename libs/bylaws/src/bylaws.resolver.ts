import { Args, GraphQLISODateTime, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentMember, type Principal } from '@commons/auth';
import { ForbiddenError } from '@commons/core';
import { type ProposalEntity, ProposalModel, ProposalsDirectoryService } from '@commons/voting';
import { BylawsAmendmentsService } from './bylaws-amendments.service.js';
import { canFoundBylaws, canProposeAmendment, canReadBylaws } from './bylaws.policy.js';
import { BylawsService } from './bylaws.service.js';
import { BylawsInput } from './dto/bylaws.input.js';
import type { BylawsEntity } from './entities/bylaws.entity.js';
import { BylawsModel } from './models/bylaws.model.js';

@Resolver(() => BylawsModel)
export class BylawsResolver {
  constructor(
    private readonly bylaws: BylawsService,
    private readonly amendments: BylawsAmendmentsService,
    private readonly proposals: ProposalsDirectoryService,
  ) {}

  @Query(() => BylawsModel, { name: 'bylaws', description: 'The bylaws in force. Anyone signed in.' })
  current(@CurrentMember() principal: Principal): Promise<BylawsEntity> {
    this.mayRead(principal);
    return this.bylaws.current();
  }

  @Query(() => [BylawsModel], { description: 'Every version, newest first, with what enacted it. Anyone signed in.' })
  bylawsHistory(@CurrentMember() principal: Principal): Promise<BylawsEntity[]> {
    this.mayRead(principal);
    return this.bylaws.history();
  }

  @Mutation(() => BylawsModel, {
    description: 'ADMIN, only in the founding period (no proposal has closed yet): adjusts version 1 in place.',
  })
  foundBylaws(@CurrentMember() actor: Principal, @Args('changes') changes: BylawsInput): Promise<BylawsEntity> {
    if (!canFoundBylaws(actor)) throw new ForbiddenError('Only admins can adjust the founding bylaws.');
    return this.bylaws.found(actor, changes);
  }

  @Mutation(() => ProposalModel, {
    description:
      "ACTIVE member: a DRAFT SUPERMAJORITY proposal at the bylaws' amendmentThreshold (open it, or put it on an agenda). " +
      'When it PASSES, the next version takes effect inside the closing transaction: the version then in force with these changes.',
  })
  proposeBylawsAmendment(
    @CurrentMember() actor: Principal,
    @Args('title') title: string,
    @Args('body') body: string,
    @Args('changes') changes: BylawsInput,
    @Args('closesAt', { type: () => GraphQLISODateTime, nullable: true }) closesAt?: Date | null,
  ): Promise<ProposalEntity> {
    if (!canProposeAmendment(actor)) throw new ForbiddenError('Only ACTIVE members can propose amendments to the bylaws.');
    return this.amendments.propose(actor, title, body, changes, closesAt);
  }

  @ResolveField('adoptedBy', () => ProposalModel, {
    nullable: true,
    description: 'The proposal that enacted this version; null for version 1.',
  })
  async adoptedBy(@CurrentMember() principal: Principal, @Parent() version: BylawsEntity): Promise<ProposalEntity | null> {
    if (!version.adoptedBy) return null;
    return this.proposals.find(principal, version.adoptedBy);
  }

  private mayRead(principal: Principal | undefined): void {
    if (!canReadBylaws(principal)) throw new ForbiddenError('Sign in to read the bylaws.');
  }
}
