import { Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';
import { connectionType, DecimalScalar } from '@commons/core';
import type { FiscalPeriodEntity } from '../entities/fiscal-period.entity.js';
import { FiscalPeriodModel } from './fiscal-period.model.js';

@ObjectType('MemberAllocation', { description: "A member's patronage refund: cash + retained = refund." })
export class MemberAllocationModel {
  memberId: string;

  @Field(() => DecimalScalar, { description: 'The patronage recorded for the member in the period.' })
  patronage: string;

  @Field(() => DecimalScalar)
  refund: string;

  @Field(() => DecimalScalar, { description: 'Paid out in cash.' })
  cash: string;

  @Field(() => DecimalScalar, { description: "Retained in the member's capital account." })
  retained: string;
}

export const MemberAllocationConnection = connectionType(MemberAllocationModel, 'MemberAllocation');

@ObjectType('PatronageRecord', { description: 'The business a member did with the co-op in a period (hours, purchases…).' })
export class PatronageRecordModel {
  memberId: string;

  @Field(() => DecimalScalar)
  amount: string;

  @Field(() => GraphQLISODateTime)
  recordedAt: Date;
}

export const PatronageRecordConnection = connectionType(PatronageRecordModel, 'PatronageRecord');

@ObjectType('PatronageImport', { description: 'What a patronage CSV recorded.' })
export class PatronageImportModel {
  @Field(() => FiscalPeriodModel)
  period: FiscalPeriodEntity;

  @Field(() => Int, { description: 'Members whose patronage the file gave.' })
  members: number;

  @Field(() => Int, { description: 'Of those, how many had patronage recorded before (now replaced).' })
  replaced: number;

  @Field(() => DecimalScalar, { description: 'The patronage the file gave, added up.' })
  total: string;
}
