import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { connectionType, DecimalScalar } from '@commons/core';
import { MemberModel } from '@commons/members';
import { ShareOperationKind, ShareOperationStatus } from '../entities/share-operation.entity.js';

registerEnumType(ShareOperationKind, { name: 'ShareOperationKind' });
registerEnumType(ShareOperationStatus, {
  name: 'ShareOperationStatus',
  description:
    'REQUESTED by the member; APPROVED or REFUSED by an admin (a redemption past the yearly cap is QUEUED until it fits); ' +
    'PAID once settled (numbered in the register); CANCELLED by its member, or when they withdraw.',
});

@ObjectType('ShareClass', { description: 'A class of shares, e.g. A "Worker shares", B "Supporter shares".' })
export class ShareClassModel {
  @Field(() => ID)
  id: string;

  @Field()
  code: string;

  @Field()
  name: string;

  @Field(() => DecimalScalar, { description: 'Price of one share.' })
  nominalValue: string;

  @Field(() => Int, { description: 'Least a holder must keep while a member (0 for none).' })
  minPerMember: number;

  @Field(() => Int, { nullable: true, description: 'Most one member may hold; null for no cap.' })
  maxPerMember: number | null;

  @Field({ description: 'Only shares of classes with voting rights count towards bylaws.sharesToJoin (admission as an ACTIVE member).' })
  votingRights: boolean;

  @Field()
  redeemable: boolean;

  @Field(() => [String], { description: 'Stakeholder classes whose members may hold it (empty: anyone).' })
  stakeholderClasses: string[];
}

@ObjectType('ShareOperation', { description: 'A subscription, transfer or redemption; PAID ones are the numbered register.' })
export class ShareOperationModel {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { nullable: true, description: "The register's entry number, from 1, given when it takes effect." })
  number: number | null;

  @Field(() => ShareOperationKind)
  kind: ShareOperationKind;

  @Field(() => ShareOperationStatus)
  status: ShareOperationStatus;

  /** Resolved: who subscribes, transfers away, or redeems. */
  member: MemberModel;

  /** Resolved: TRANSFER, who receives. */
  counterpart: MemberModel | null;

  /** Resolved. */
  shareClass: ShareClassModel;

  @Field(() => Int)
  quantity: number;

  @Field(() => DecimalScalar, { description: 'quantity × nominal value.' })
  amount: string;

  @Field(() => GraphQLISODateTime)
  requestedAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  decidedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'The day the money moved, as the admin settled it.' })
  settledAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why REFUSED, QUEUED or CANCELLED.' })
  reason: string | null;
}

export const ShareOperationConnection = connectionType(ShareOperationModel, 'ShareOperation');

@ObjectType('ShareHolding')
export class ShareHoldingModel {
  @Field(() => ShareClassModel)
  shareClass: ShareClassModel;

  @Field(() => Int)
  quantity: number;

  @Field(() => DecimalScalar, { description: 'quantity × nominal value.' })
  amount: string;
}
