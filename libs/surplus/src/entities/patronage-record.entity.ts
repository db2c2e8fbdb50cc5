import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation, UpdateDateColumn } from 'typeorm';
import { MemberEntity } from '@commons/members';
import { FiscalPeriodEntity } from './fiscal-period.entity.js';

/**
 * The business a member did with the co-op in a period (hours worked, purchases…). One row per member and
 * period: recording again replaces the amount, so a correction or a retried request never counts twice.
 */
@Entity('patronage_records')
@Check('patronage_records_amount_check', 'amount >= 0')
export class PatronageRecordEntity {
  @PrimaryColumn({ name: 'period_id', type: 'uuid' })
  periodId: string;

  @PrimaryColumn({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @ManyToOne(() => FiscalPeriodEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'period_id', foreignKeyConstraintName: 'patronage_records_period_fk' })
  period?: Relation<FiscalPeriodEntity>;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'patronage_records_member_fk' })
  member?: Relation<MemberEntity>;

  @Column({ type: 'numeric', precision: 14, scale: 2 })
  amount: string;

  @UpdateDateColumn({ name: 'recorded_at', type: 'timestamptz', precision: 3 })
  recordedAt: Date;
}
