import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { MemberEntity } from '@commons/members';

export enum NotificationKind {
  PROPOSAL_OPENED = 'PROPOSAL_OPENED',
  CLOSING_SOON = 'CLOSING_SOON',
  PROPOSAL_CLOSED = 'PROPOSAL_CLOSED',
  ASSEMBLY_CONVENED = 'ASSEMBLY_CONVENED',
  BUDGET_PHASE_CHANGED = 'BUDGET_PHASE_CHANGED',
  MEMBERSHIP_CHANGED = 'MEMBERSHIP_CHANGED',
  PROPOSAL_PUBLISHED = 'PROPOSAL_PUBLISHED',
  COMMENT_REPLY = 'COMMENT_REPLY',
  AMENDMENT_PROPOSED = 'AMENDMENT_PROPOSED',
  AMENDMENT_DECIDED = 'AMENDMENT_DECIDED',
}

export const NOTIFICATION_KINDS = Object.values(NotificationKind);

/**
 * One message in a member's inbox. `source` names what caused it (`audit:<seq>`, `closing:<proposal>`): with
 * the unique index, an event fanned out twice (a job run again after a crash) still gives one notification.
 * `mailId` is the email that carries it; `mailPending` that it waits for the member's digest.
 */
@Entity('notifications')
@Index('notifications_once', ['memberId', 'kind', 'source'], { unique: true })
@Index('notifications_inbox', ['memberId', 'createdAt'])
@Index('notifications_digest', ['memberId'], { where: 'mail_pending' })
@Index('notifications_mail', ['mailId'], { where: 'mail_id IS NOT NULL' })
@Check(
  'notifications_kind_check',
  `kind IN ('PROPOSAL_OPENED', 'CLOSING_SOON', 'PROPOSAL_CLOSED', 'ASSEMBLY_CONVENED', 'BUDGET_PHASE_CHANGED', 'MEMBERSHIP_CHANGED', 'PROPOSAL_PUBLISHED', 'COMMENT_REPLY', 'AMENDMENT_PROPOSED', 'AMENDMENT_DECIDED')`,
)
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'notifications_member_fk' })
  member?: Relation<MemberEntity>;

  @Column({ type: 'varchar', length: 24 })
  kind: NotificationKind;

  @Column({ type: 'varchar', length: 300 })
  subject: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  link: string | null;

  @Column({ type: 'varchar', length: 120 })
  source: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @Column({ name: 'mail_id', type: 'uuid', nullable: true })
  mailId: string | null;

  @Column({ name: 'mail_pending', type: 'boolean', default: false })
  mailPending: boolean;
}
