import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { connectionType } from '@commons/core';
import { MemberModel } from '@commons/members';
import { TIE_BREAK_RULE } from '../methods/index.js';
import { Outcome, ProposalStatus } from '../entities/proposal.entity.js';

export enum DecisionMethodEnum {
  MAJORITY = 'MAJORITY',
  SUPERMAJORITY = 'SUPERMAJORITY',
  CONSENT = 'CONSENT',
  APPROVAL = 'APPROVAL',
  RANKED_CHOICE = 'RANKED_CHOICE',
  SCHULZE = 'SCHULZE',
  SCORE = 'SCORE',
}

registerEnumType(DecisionMethodEnum, {
  name: 'DecisionMethod',
  description: `How a proposal is decided. ${TIE_BREAK_RULE}`,
  valuesMap: {
    MAJORITY: {
      description:
        'FOR, AGAINST, ABSTAIN: passes when FOR is more than `threshold` (0.5) of FOR + AGAINST; ABSTAIN counts only toward quorum.',
    },
    SUPERMAJORITY: { description: 'FOR, AGAINST, ABSTAIN: passes when FOR is at least `threshold` of FOR + AGAINST.' },
    CONSENT: { description: 'CONSENT, OBJECT, STAND_ASIDE: passes unless someone objects; standing aside does not block.' },
    APPROVAL: { description: 'Approve any set of options; the `seats` options with most approvals win.' },
    RANKED_CHOICE: {
      description: 'Rank options: instant runoff for one seat, single transferable vote (Droop quota, fractional transfers) for more.',
    },
    SCHULZE: { description: 'Rank options: the Schulze (beat-path) method; its full ranking fills `seats`.' },
    SCORE: { description: 'Score options 0..5; the `seats` options with the highest totals win.' },
  },
});
registerEnumType(ProposalStatus, {
  name: 'ProposalStatus',
  description: 'DRAFT (its author and admins) -> DISCUSSION (every ACTIVE member reads, comments, amends; no votes) -> OPEN -> CLOSED.',
  valuesMap: {
    DRAFT: { description: 'Its author and admins only (and the members, once it is on an assembly agenda).' },
    DISCUSSION: { description: 'Published for discussion: comments and amendments, no votes yet.' },
    OPEN: { description: 'The vote is on.' },
  },
});
registerEnumType(Outcome, { name: 'Outcome', description: 'NO_QUORUM when too few eligible members took part.' });

@ObjectType('ProposalOption')
export class ProposalOptionModel {
  @Field(() => ID)
  id: string;

  @Field()
  label: string;
}

@ObjectType('OptionResult')
export class OptionResultModel {
  @Field(() => ProposalOptionModel)
  option: ProposalOptionModel;

  @Field(() => Float, { description: 'Weighted votes (delegations, colleges); approvals, points or first preferences by method.' })
  votes: number;
}

@ObjectType('Tally')
export class TallyModel {
  @Field(() => Int, { description: 'Members on the roll: ACTIVE when the proposal opened.' })
  eligible: number;

  @Field(() => Int, { description: 'Eligible members who took part, directly or through a delegate.' })
  participants: number;

  @Field()
  quorumReached: boolean;

  @Field(() => [OptionResultModel])
  results: OptionResultModel[];

  @Field(() => [[OptionResultModel]], { nullable: true, description: 'RANKED_CHOICE: the count in each round.' })
  rounds: OptionResultModel[][] | null;

  @Field(() => [String], { description: 'Tie-breaks and other things members should know about this count.' })
  notes: string[];
}

@ObjectType('College')
export class CollegeModel {
  @Field()
  stakeholderClass: string;

  @Field(() => Int)
  weight: number;
}

@ObjectType('Proposal')
export class ProposalModel {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field()
  body: string;

  @Field(() => DecisionMethodEnum)
  method: string;

  @Field(() => ProposalStatus)
  status: ProposalStatus;

  @Field({
    description:
      'Secret ballot: nobody, admins included, can link a ballot to a member. A secret ballot cannot be changed once cast, and its results stay hidden until it closes.',
  })
  secret: boolean;

  @Field(() => Int)
  seats: number;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it was put up for discussion (publishProposal).' })
  publishedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  opensAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'It closes by itself then (within 10 seconds).' })
  closesAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  closedAt: Date | null;

  @Field(() => Outcome, { nullable: true, description: 'Once CLOSED.' })
  outcome: Outcome | null;

  @Field(() => [CollegeModel], { nullable: true, description: "Voting colleges: each stakeholder class's votes are scaled to its weight." })
  colleges: CollegeModel[] | null;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;
}

export const ProposalConnection = connectionType(ProposalModel, 'Proposal');

@ObjectType('VoteReceipt')
export class VoteReceiptModel {
  @Field(() => ID)
  proposalId: string;

  @Field({ description: 'Keep it: `verifyBallot` confirms with it that your ballot was counted. It is not stored.' })
  receipt: string;

  @Field(() => GraphQLISODateTime)
  castAt: Date;
}

@ObjectType('Delegation')
export class DelegationModel {
  @Field(() => ID)
  id: string;

  @Field(() => MemberModel)
  from: MemberModel;

  @Field(() => MemberModel)
  to: MemberModel;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;
}

@ObjectType('MyDelegations')
export class MyDelegationsModel {
  @Field(() => DelegationModel, { nullable: true, description: 'Who votes for you on open ballots you do not vote on yourself.' })
  given: DelegationModel | null;

  @Field(() => [DelegationModel], { description: 'Members who delegated their vote to you.' })
  received: DelegationModel[];
}
