import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { MemberStatus, Role } from '@commons/auth';
import { connectionType, DecimalScalar } from '@commons/core';

@ObjectType('Member')
export class MemberModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  /** Resolved by MembersResolver: only the member, admins and auditors see it. */
  email: string;

  @Field(() => MemberStatus)
  status: MemberStatus;

  @Field(() => [Role])
  roles: Role[];

  @Field({ description: 'e.g. WORKER, CONSUMER, SUPPORTER (multi-stakeholder co-ops)' })
  stakeholderClass: string;

  @Field(() => DecimalScalar, { description: 'Share capital the member holds in the co-op.' })
  shareCapital: string;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the member was admitted.' })
  joinedAt: Date | null;

  /** Resolved by MembersResolver: only the member, admins and auditors see it. */
  suspensionReason: string | null;
}

export const MemberConnection = connectionType(MemberModel, 'Member');

@ObjectType('AuthPayload')
export class AuthPayloadModel {
  @Field()
  token: string;

  @Field(() => MemberModel)
  member: MemberModel;
}

@ObjectType('StakeholderClass')
export class StakeholderClassModel {
  @Field()
  code: string;

  @Field()
  name: string;
}
