import { Args, Context, Float, ID, Int, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { OwnUnitsOfWork } from '@commons/audit';
import {
  Allow,
  ChecksStandingItself,
  CurrentMember,
  type Principal,
  PrincipalsService,
  resolvePermitted,
  type Revoked,
  whilePermitted,
} from '@commons/auth';
import { type Connection, NotFoundError, type RequestContext, requestLoader } from '@commons/core';
import { type MemberEntity, MembersDirectoryService, memberLoader, MemberModel } from '@commons/members';
import { UnitOfWork } from '@commons/db';
import { BallotsService, type VoteReceipt } from './ballots.service.js';
import { CastVoteInput, CreateProposalInput } from './dto/create-proposal.input.js';
import type { ProposalOptionEntity } from './entities/proposal-option.entity.js';
import { ProposalEntity, ProposalStatus, type StoredTally } from './entities/proposal.entity.js';
import { ProposalConnection, ProposalModel, ProposalOptionModel, TallyModel, VoteReceiptModel } from './models/proposal.model.js';
import { ProposalsDirectoryService } from './proposals-directory.service.js';
import { ProposalsService } from './proposals.service.js';
import { TallyEventsService } from './tally-events.service.js';
import { TallyService } from './tally.service.js';
import { VotingPolicy } from './voting.policy.js';

/** The stored or live tally in the shape members read. */
export function toTallyModel(stored: StoredTally, options: ProposalOptionEntity[]): TallyModel {
  const byId = new Map(options.map((option) => [option.id, { id: option.id, label: option.label }]));
  const result = (entry: { optionId: string; votes: string }) => ({ option: byId.get(entry.optionId)!, votes: Number(entry.votes) });
  return {
    eligible: stored.eligible,
    participants: stored.participants,
    quorumReached: stored.quorumReached,
    results: stored.results.map(result),
    rounds: stored.rounds ? stored.rounds.map((round) => round.map(result)) : null,
    notes: stored.notes,
  };
}

@Resolver(() => ProposalModel)
export class ProposalsResolver {
  constructor(
    private readonly work: UnitOfWork,
    private readonly lifecycle: ProposalsService,
    private readonly directory: ProposalsDirectoryService,
    private readonly ballots: BallotsService,
    private readonly tally: TallyService,
    private readonly events: TallyEventsService,
    private readonly members: MembersDirectoryService,
    private readonly principals: PrincipalsService,
  ) {
    events.recount = (proposalId) => this.recount(proposalId);
  }

  @Query(() => ProposalModel, { nullable: true, description: 'Drafts are visible to their author and admins only.' })
  proposal(@CurrentMember() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<ProposalEntity | null> {
    return this.directory.find(principal, id);
  }

  @Query(() => ProposalConnection, { name: 'proposals', description: 'Newest first.' })
  listProposals(
    @CurrentMember() principal: Principal,
    @Args('status', { type: () => ProposalStatus, nullable: true }) status?: ProposalStatus,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<Connection<ProposalEntity>> {
    return this.directory.list(principal, status, first, after);
  }

  @Query(() => Boolean, { description: 'Whether the ballot with this receipt is counted (the latest one, if you changed your vote).' })
  verifyBallot(@Args('proposalId', { type: () => ID }) proposalId: string, @Args('receipt') receipt: string): Promise<boolean> {
    return this.ballots.verify(proposalId, receipt);
  }

  @Mutation(() => ProposalModel, { description: 'ACTIVE member; starts as DRAFT.' })
  @Allow(VotingPolicy.propose)
  createProposal(@CurrentMember() author: Principal, @Args('input') input: CreateProposalInput): Promise<ProposalEntity> {
    return this.lifecycle.create(author, input);
  }

  @Mutation(() => ProposalModel, {
    description:
      'Author or ADMIN: DRAFT or DISCUSSION -> OPEN; freezes the roll of eligible (ACTIVE) members and closes the amendment window.',
  })
  openProposal(@CurrentMember() actor: Principal, @Args('id', { type: () => ID }) id: string): Promise<ProposalEntity> {
    return this.lifecycle.open(actor, id);
  }

  @Mutation(() => ProposalModel, { description: 'The author, while DRAFT, DISCUSSION or OPEN.' })
  withdrawProposal(@CurrentMember() actor: Principal, @Args('id', { type: () => ID }) id: string): Promise<ProposalEntity> {
    return this.lifecycle.withdraw(actor, id);
  }

  @Mutation(() => ProposalModel, { description: 'ADMIN (proposals with closesAt also close by themselves).' })
  @Allow(VotingPolicy.close)
  closeProposal(@CurrentMember() actor: Principal, @Args('id', { type: () => ID }) id: string): Promise<ProposalEntity> {
    return this.lifecycle.close(actor, id);
  }

  @Mutation(() => VoteReceiptModel, {
    description: 'ACTIVE member on the roll, while OPEN. On open ballots a new vote replaces the old; a secret ballot cannot be changed.',
  })
  @Allow(VotingPolicy.vote)
  // One statement checks the proposal, the voter's standing and the roll, and writes the vote with its
  // audit entry: its own unit of work, one round trip (BallotsService.cast).
  @OwnUnitsOfWork()
  @ChecksStandingItself()
  castVote(@CurrentMember() voter: Principal, @Args('input') input: CastVoteInput): Promise<VoteReceipt> {
    return this.ballots.cast(voter, input);
  }

  @Subscription(() => TallyModel, {
    description: 'The new tally after each vote, on open (not secret) ballots.',
    // A revoked subscription's last event is an error, so the client reads why it stopped.
    resolve: (event: TallyModel | Revoked) => resolvePermitted(event),
  })
  async tallyUpdated(@CurrentMember() principal: Principal, @Args('proposalId', { type: () => ID }) proposalId: string) {
    const proposal = await this.directory.find(principal, proposalId);
    if (!proposal) throw new NotFoundError('Proposal', proposalId);
    return whilePermitted(this.principals, principal, VotingPolicy.followTally, proposal, () => this.events.subscribe(proposal.id));
  }

  @ResolveField('author', () => MemberModel)
  author(@Parent() proposal: ProposalEntity, @Context() context: RequestContext): Promise<MemberEntity | null> {
    return memberLoader(context, this.members).load(proposal.authorId);
  }

  @ResolveField('options', () => [ProposalOptionModel], {
    description: 'MAJORITY, SUPERMAJORITY: FOR, AGAINST, ABSTAIN; CONSENT: CONSENT, OBJECT, STAND_ASIDE.',
  })
  async options(@Parent() proposal: ProposalEntity, @Context() context: RequestContext): Promise<ProposalOptionEntity[]> {
    return (await this.optionLoader(context).load(proposal.id)) ?? [];
  }

  @ResolveField('quorum', () => Float, { description: 'Share of eligible (ACTIVE) members who must take part, 0..1.' })
  quorum(@Parent() proposal: ProposalEntity): number {
    return Number(proposal.quorum);
  }

  @ResolveField('threshold', () => Float, {
    description: 'MAJORITY 0.5 (more than), SUPERMAJORITY e.g. 0.6667 (at least), of FOR / (FOR + AGAINST).',
  })
  threshold(@Parent() proposal: ProposalEntity): number {
    return Number(proposal.threshold);
  }

  @ResolveField('tally', () => TallyModel, { nullable: true, description: 'Live while OPEN unless secret; final once CLOSED.' })
  async tallyField(@Parent() proposal: ProposalEntity, @Context() context: RequestContext): Promise<TallyModel | null> {
    const options = (await this.optionLoader(context).load(proposal.id)) ?? [];
    if (proposal.status === ProposalStatus.CLOSED && proposal.finalTally) return toTallyModel(proposal.finalTally, options);
    if (proposal.status !== ProposalStatus.OPEN || proposal.secret) return null;
    const { stored } = await this.tally.compute(this.work.manager, proposal, options);
    return toTallyModel(stored, options);
  }

  @ResolveField('winners', () => [ProposalOptionModel], {
    nullable: true,
    description: 'Once CLOSED, multi-option methods, in order of election.',
  })
  async winners(@Parent() proposal: ProposalEntity, @Context() context: RequestContext): Promise<ProposalOptionEntity[] | null> {
    if (!proposal.winners) return null;
    const options = (await this.optionLoader(context).load(proposal.id)) ?? [];
    return proposal.winners.map((id) => options.find((option) => option.id === id)!).filter(Boolean);
  }

  @ResolveField('myVote', () => [ProposalOptionModel], {
    nullable: true,
    description: 'Your current choice, in order (open ballots only).',
  })
  async myVote(@Parent() proposal: ProposalEntity, @Context() context: RequestContext): Promise<ProposalOptionEntity[] | null> {
    const principal = context.req.user as Principal | undefined;
    if (!principal || proposal.secret) return null;
    const chosen = await this.ballots.myVote(principal.id, proposal.id);
    if (!chosen) return null;
    const options = (await this.optionLoader(context).load(proposal.id)) ?? [];
    return chosen.map((id) => options.find((option) => option.id === id)!).filter(Boolean);
  }

  private optionLoader(context: RequestContext) {
    return requestLoader(context, 'proposalOptions', (ids) => this.directory.optionsByProposal(ids));
  }

  private async recount(proposalId: string): Promise<void> {
    const proposal = await this.work.manager.getRepository(ProposalEntity).findOneBy({ id: proposalId });
    if (!proposal || proposal.secret) return;
    const options = await this.lifecycle.optionsOf(this.work.manager, proposalId);
    const stored =
      proposal.status === ProposalStatus.CLOSED && proposal.finalTally
        ? proposal.finalTally
        : (await this.tally.compute(this.work.manager, proposal, options)).stored;
    await this.events.publish(proposalId, toTallyModel(stored, options));
  }
}
