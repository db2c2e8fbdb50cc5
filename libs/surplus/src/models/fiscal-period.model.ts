import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { connectionType, DecimalScalar } from '@commons/core';
import { EntryKind } from '../entities/fiscal-entry.entity.js';
import { PeriodStatus } from '../entities/fiscal-period.entity.js';

registerEnumType(PeriodStatus, {
  name: 'PeriodStatus',
  description:
    'OPEN: entries are recorded. CLOSED: the result is known; a distribution can be proposed. DISTRIBUTED: the surplus is posted.',
});
registerEnumType(EntryKind, { name: 'EntryKind' });

@ObjectType('FiscalPeriod')
export class FiscalPeriodModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => GraphQLISODateTime)
  startsOn: Date;

  @Field(() => GraphQLISODateTime, { description: 'The period runs up to this instant (a next period may start at it).' })
  endsOn: Date;

  @Field(() => PeriodStatus)
  status: PeriodStatus;

  @Field(() => DecimalScalar, { description: 'Revenue recorded in the period.' })
  revenue: string;

  @Field(() => DecimalScalar, { description: 'Expenses recorded in the period.' })
  expenses: string;

  @Field(() => GraphQLISODateTime, { nullable: true })
  closedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  distributedAt: Date | null;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;
}

export const FiscalPeriodConnection = connectionType(FiscalPeriodModel, 'FiscalPeriod');
