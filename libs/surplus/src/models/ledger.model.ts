import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { connectionType, DecimalScalar } from '@commons/core';

@ObjectType('SurplusFlow', { description: 'Money that moved from one account to another, e.g. "surplus" -> "reserve".' })
export class SurplusFlowModel {
  @Field()
  from: string;

  @Field()
  to: string;

  @Field(() => DecimalScalar)
  amount: string;
}

@ObjectType('AccountBalance', { description: "An account's net balance: at most one of debit and credit is above zero." })
export class AccountBalanceModel {
  @Field()
  account: string;

  @Field(() => DecimalScalar)
  debit: string;

  @Field(() => DecimalScalar)
  credit: string;
}

@ObjectType('LedgerLine')
export class LedgerLineModel {
  postingId: string;

  @Field(() => Int)
  lineNo: number;

  @Field({ description: 'e.g. "reserve", or a member\'s sub-account "member_capital:<memberId>".' })
  account: string;

  @Field({ description: 'The account a member sub-account rolls up into (the account itself otherwise).' })
  controlAccount: string;

  @Field(() => ID, { nullable: true, description: "The member whose account it is, for members' sub-accounts." })
  memberId: string | null;

  @Field(() => DecimalScalar)
  debit: string;

  @Field(() => DecimalScalar)
  credit: string;
}

export const LedgerLineConnection = connectionType(LedgerLineModel, 'LedgerLine');

@ObjectType('LedgerPosting', { description: 'A balanced journal entry; never changed once made (corrections are reversing postings).' })
export class LedgerPostingModel {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'The journal number: postings in the order they were made.' })
  number: number;

  @Field(() => ID, { nullable: true })
  periodId: string | null;

  @Field({ description: 'entry, closing, distribution, allocation, reversal…' })
  kind: string;

  @Field()
  memo: string;

  @Field(() => DecimalScalar, { description: 'Its debits (equal to its credits).' })
  amount: string;

  @Field(() => Int)
  lineCount: number;

  @Field(() => ID, { nullable: true, description: 'The posting this one reverses.' })
  reversesId: string | null;

  postedBy: string | null;

  @Field(() => GraphQLISODateTime)
  postedAt: Date;
}

export const LedgerPostingConnection = connectionType(LedgerPostingModel, 'LedgerPosting');

@ObjectType('CommonsFunding', {
  description:
    "Money of one distribution's commons share that one draw on the commons fund spent. The fund is one pot: a draw " +
    'takes the oldest money still in it first (first in, first out), so one draw may have several of these.',
})
export class CommonsFundingModel {
  @Field(() => DecimalScalar)
  amount: string;

  @Field({ description: 'The account the draw paid, e.g. "budget:<id>" for a participatory budget.' })
  account: string;

  @Field(() => ID, { nullable: true, description: 'The participatory budget it funded, when it funded one.' })
  budgetId: string | null;

  @Field(() => ID, { description: 'The draw: the posting that debited the commons fund (`Dr commons / Cr budget:<id>`).' })
  postingId: string;

  @Field(() => ID, { description: 'The posting that put the money into the commons fund (the distribution of a surplus).' })
  sourcePostingId: string;

  /** The period whose distribution put the money in; null when the money came in otherwise (a reversed draw). */
  @Field(() => ID, { nullable: true, description: 'The fiscal period whose surplus the money came from.' })
  periodId: string | null;

  /** The posted distribution of `periodId`. */
  distributionId: string | null;
}
