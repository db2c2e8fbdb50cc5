import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { connectionType } from '@commons/core';
import { AmendmentStatus } from '../entities/amendment.entity.js';

registerEnumType(AmendmentStatus, {
  name: 'AmendmentStatus',
  valuesMap: {
    PROPOSED: { description: "Waiting for the proposal's author." },
    ACCEPTED: { description: "The proposal's author took it: it became a revision." },
    DECLINED: { description: "The proposal's author declined it (see declineReason); its author may put it to the vote." },
    PUT_TO_VOTE: { description: 'The members vote on it: see `vote`.' },
    ADOPTED: { description: 'The members adopted it while the proposal was in DISCUSSION: it became a revision.' },
    REJECTED: { description: 'Its vote did not pass.' },
    WITHDRAWN: { description: 'Taken back by its author, or closed with the amendment window (see note).' },
  },
});

@ObjectType('ReactionCount')
export class ReactionCountModel {
  @Field()
  emoji: string;

  @Field(() => Int)
  count: number;

  @Field({ description: 'Whether you gave this reaction.' })
  mine: boolean;
}

@ObjectType('Comment', { description: 'Markdown as written: clients render it safely (no script, no raw HTML).' })
export class CommentModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  proposalId: string;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When its author last edited it (shown as edited).' })
  editedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  removedAt: Date | null;
}

export const CommentConnection = connectionType(CommentModel, 'Comment');

@ObjectType('ProposalRevision')
export class ProposalRevisionModel {
  @Field(() => Int, { description: '1 is the text as created; each change of the body adds one.' })
  number: number;

  @Field()
  body: string;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;
}

@ObjectType('Amendment')
export class AmendmentModel {
  @Field(() => ID)
  id: string;

  @Field({ description: "The whole new text of the proposal's body." })
  body: string;

  @Field(() => String, { nullable: true })
  rationale: string | null;

  @Field(() => AmendmentStatus)
  status: AmendmentStatus;

  @Field(() => Int, { description: 'The revision of the proposal it was written against.' })
  baseRevision: number;

  @Field(() => Int, { nullable: true, description: 'ACCEPTED, ADOPTED: the revision it became.' })
  revision: number | null;

  @Field(() => String, { nullable: true, description: "Why the proposal's author declined it." })
  declineReason: string | null;

  @Field(() => String, { nullable: true, description: 'What happened to it that nobody decided by hand.' })
  note: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  decidedAt: Date | null;
}
