import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { MemberEntity } from '@commons/members';
import { FiscalPeriodEntity } from './fiscal-period.entity.js';
import { LedgerPostingEntity } from './ledger-posting.entity.js';

export enum EntryKind {
  REVENUE = 'REVENUE',
  EXPENSE = 'EXPENSE',
}

/** Revenue or an expense recorded in an OPEN period; its double entry is the posting it points to. */
@Entity('fiscal_entries')
@Index('fiscal_entries_period', ['periodId', 'recordedAt', 'id'])
@Index('fiscal_entries_posting_unique', ['postingId'], { unique: true })
@Check('fiscal_entries_kind_check', `kind IN ('REVENUE', 'EXPENSE')`)
@Check('fiscal_entries_amount_check', 'amount > 0')
export class FiscalEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'period_id', type: 'uuid' })
  periodId: string;

  @ManyToOne(() => FiscalPeriodEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'period_id', foreignKeyConstraintName: 'fiscal_entries_period_fk' })
  period?: Relation<FiscalPeriodEntity>;

  @Column({ type: 'varchar', length: 10 })
  kind: EntryKind;

  @Column({ type: 'numeric', precision: 14, scale: 2 })
  amount: string;

  @Column({ type: 'varchar', length: 500 })
  memo: string;

  /** When the revenue was earned or the expense incurred, if given; it lies within the period. */
  @Column({ name: 'occurred_on', type: 'timestamptz', nullable: true })
  occurredOn: Date | null;

  @Column({ name: 'posting_id', type: 'uuid' })
  postingId: string;

  @ManyToOne(() => LedgerPostingEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'posting_id', foreignKeyConstraintName: 'fiscal_entries_posting_fk' })
  posting?: Relation<LedgerPostingEntity>;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by', foreignKeyConstraintName: 'fiscal_entries_recorded_by_fk' })
  recorder?: Relation<MemberEntity>;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz', precision: 3 })
  recordedAt: Date;
}
