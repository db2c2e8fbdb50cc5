import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { MemberEntity } from '@commons/members';
import { LedgerPostingEntity } from '@commons/surplus';
import { ShareClassEntity } from './share-class.entity.js';

export enum ShareOperationKind {
  SUBSCRIPTION = 'SUBSCRIPTION',
  TRANSFER = 'TRANSFER',
  REDEMPTION = 'REDEMPTION',
}

export enum ShareOperationStatus {
  REQUESTED = 'REQUESTED',
  APPROVED = 'APPROVED',
  PAID = 'PAID',
  CANCELLED = 'CANCELLED',
  REFUSED = 'REFUSED',
  QUEUED = 'QUEUED',
}

/**
 * One subscription, transfer or redemption, from its request to its settlement. Settled (PAID) ones are the
 * register: numbered 1, 2, 3… in the order they took effect, each with its ledger posting.
 */
@Entity('share_operations')
@Index('share_operations_number_unique', ['number'], { unique: true })
@Index('share_operations_member', ['memberId', 'requestedAt'])
@Index('share_operations_counterpart', ['counterpartId'], { where: 'counterpart_id IS NOT NULL' })
@Index('share_operations_listing', ['requestedAt', 'id'])
@Index('share_operations_queue', ['requestedAt', 'id'], { where: `status = 'QUEUED'` })
@Check('share_operations_kind_check', `kind IN ('SUBSCRIPTION', 'TRANSFER', 'REDEMPTION')`)
@Check('share_operations_status_check', `status IN ('REQUESTED', 'APPROVED', 'PAID', 'CANCELLED', 'REFUSED', 'QUEUED')`)
@Check('share_operations_quantity_check', 'quantity >= 1 AND amount > 0')
@Check('share_operations_number_check', `(number IS NULL) = (status <> 'PAID') AND (number IS NULL OR number >= 1)`)
@Check('share_operations_settled_check', `(status = 'PAID') = (settled_at IS NOT NULL AND posting_id IS NOT NULL)`)
@Check(
  'share_operations_counterpart_check',
  `(kind = 'TRANSFER') = (counterpart_id IS NOT NULL) AND counterpart_id IS DISTINCT FROM member_id`,
)
@Check('share_operations_queued_check', `status <> 'QUEUED' OR kind = 'REDEMPTION'`)
export class ShareOperationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The register's entry number, given when it takes effect (PAID). */
  @Column({ type: 'int', nullable: true })
  number: number | null;

  @Column({ type: 'varchar', length: 12 })
  kind: ShareOperationKind;

  @Column({ type: 'varchar', length: 10, default: ShareOperationStatus.REQUESTED })
  status: ShareOperationStatus;

  /** Who subscribes, transfers away, or redeems. */
  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'share_operations_member_fk' })
  member?: Relation<MemberEntity>;

  /** TRANSFER: who receives. */
  @Column({ name: 'counterpart_id', type: 'uuid', nullable: true })
  counterpartId: string | null;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'counterpart_id', foreignKeyConstraintName: 'share_operations_counterpart_fk' })
  counterpart?: Relation<MemberEntity>;

  @Column({ name: 'share_class_id', type: 'uuid' })
  shareClassId: string;

  @ManyToOne(() => ShareClassEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'share_class_id', foreignKeyConstraintName: 'share_operations_share_class_fk' })
  shareClass?: Relation<ShareClassEntity>;

  @Column({ type: 'int' })
  quantity: number;

  /** quantity × the class's nominal value. */
  @Column({ type: 'numeric', precision: 14, scale: 2 })
  amount: string;

  @Column({ name: 'requested_at', type: 'timestamptz', precision: 3 })
  requestedAt: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', precision: 3, nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decided_by', foreignKeyConstraintName: 'share_operations_decided_by_fk' })
  decider?: Relation<MemberEntity>;

  /** The day the money moved, as the admin recorded it. */
  @Column({ name: 'settled_at', type: 'timestamptz', precision: 3, nullable: true })
  settledAt: Date | null;

  @Column({ name: 'settled_by', type: 'uuid', nullable: true })
  settledBy: string | null;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'settled_by', foreignKeyConstraintName: 'share_operations_settled_by_fk' })
  settler?: Relation<MemberEntity>;

  /** Why REFUSED, QUEUED or CANCELLED. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** REDEMPTION: the first day of the fiscal year whose cap it counts against, once approved. */
  @Column({ name: 'cap_year_start', type: 'timestamptz', precision: 3, nullable: true })
  capYearStart: Date | null;

  @Column({ name: 'posting_id', type: 'uuid', nullable: true })
  postingId: string | null;

  @ManyToOne(() => LedgerPostingEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'posting_id', foreignKeyConstraintName: 'share_operations_posting_fk' })
  posting?: Relation<LedgerPostingEntity>;
}
