import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { connectionType } from '@commons/core';
import { JsonScalar } from '@commons/core';

@ObjectType('AuditEntry', { description: 'One sealed entry of the hash-chained audit log.' })
export class AuditEntryModel {
  @Field(() => Int, { description: 'Position in the chain, from 1, in the order entries were sealed.' })
  seq: number;

  @Field()
  at: Date;

  /** Resolved to `actor: Member` by the members lib. */
  actorId: string | null;

  @Field()
  action: string;

  @Field()
  entityType: string;

  @Field(() => ID, { nullable: true })
  entityId: string | null;

  @Field(() => JsonScalar, { nullable: true })
  data: unknown;

  @Field({
    description:
      "HMAC-SHA256(AUDIT_KEY, prevHash + canonical entry), hex, keyed with the server's AUDIT_KEY. The canonical entry is the JSON array [seq, at (ISO 8601, milliseconds), actorId, action, entityType, entityId, data] with object keys sorted at every level.",
  })
  hash: string;

  @Field()
  prevHash: string;
}

export const AuditEntryConnection = connectionType(AuditEntryModel, 'AuditEntry');

@ObjectType('AuditVerification')
export class AuditVerificationModel {
  @Field()
  valid: boolean;

  @Field(() => Int, { description: 'How many entries were checked.' })
  entries: number;

  @Field(() => Int, { nullable: true, description: 'The first entry that was altered, removed or is out of place.' })
  firstBrokenSeq: number | null;
}
