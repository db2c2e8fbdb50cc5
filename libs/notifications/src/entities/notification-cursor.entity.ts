import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How far the notifications worker has read the audit log (by `seq`, which the sealer hands out in commit
 * order, so nothing committed can appear behind the cursor). Moved in the same transaction as what it produced.
 */
@Entity('notification_cursor')
export class NotificationCursorEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  name: string;

  @Column({ name: 'last_seq', type: 'bigint' })
  lastSeq: string;
}

/** Proposals whose CLOSING_SOON reminder went out: each is reminded once. */
@Entity('closing_soon_reminders')
export class ClosingSoonReminderEntity {
  @PrimaryColumn({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @Column({ name: 'reminded_at', type: 'timestamptz' })
  remindedAt: Date;

  @Column({ type: 'int' })
  reminded: number;
}
