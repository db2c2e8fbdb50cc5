import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { MemberStatus, Role } from '@commons/auth';
import { connectionType } from '@commons/core';

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

  /** Resolved by the share register: the sum of the member's paid holdings. */
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

@ObjectType('Invitation', { description: 'Lets a member an admin added set their password once; give it to them privately.' })
export class InvitationModel {
  @Field(() => MemberModel)
  member: MemberModel;

  @Field()
  token: string;

  @Field(() => GraphQLISODateTime)
  expiresAt: Date;
}

@ObjectType('AddMembersPayload')
export class AddMembersPayloadModel {
  @Field(() => Int)
  added: number;

  @Field(() => [InvitationModel], { description: 'One per member added, in the order given.' })
  invitations: InvitationModel[];
}
