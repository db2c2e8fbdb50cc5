import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Generated,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { MemberEntity } from '@commons/members';
import { FiscalPeriodEntity } from './fiscal-period.entity.js';

/**
 * A journal entry of the co-op's ledger. Append-only (a trigger refuses UPDATE and DELETE): a mistake is
 * corrected by a reversing posting. `amount` and `lineCount` are the totals its lines must add up to; a
 * deferred trigger checks at commit that they do and that debits equal credits.
 */
@Entity('ledger_postings')
@Index('ledger_postings_number_unique', ['number'], { unique: true })
@Index('ledger_postings_period', ['periodId', 'number'])
@Index('ledger_postings_reverses_unique', ['reversesId'], { unique: true, where: 'reverses_id IS NOT NULL' })
@Check('ledger_postings_amount_check', 'amount > 0')
@Check('ledger_postings_line_count_check', 'line_count >= 2')
@Check('ledger_postings_kind_check', `kind ~ '^[a-z][a-z_]{0,39}$'`)
export class LedgerPostingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The journal number: postings in the order they were made. */
  @Column({ type: 'bigint' })
  @Generated('increment')
  number: string;

  /** The fiscal period it belongs to; null for postings outside any period (e.g. funding a budget). */
  @Column({ name: 'period_id', type: 'uuid', nullable: true })
  periodId: string | null;

  @ManyToOne(() => FiscalPeriodEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'period_id', foreignKeyConstraintName: 'ledger_postings_period_fk' })
  period?: Relation<FiscalPeriodEntity>;

  /** What made it, e.g. `entry`, `closing`, `distribution`, `allocation`, `reversal`. */
  @Column({ type: 'varchar', length: 40 })
  kind: string;

  /** Text, not varchar: it carries the period's name, and for a reversal the reversed memo and the reason. */
  @Column({ type: 'text' })
  memo: string;

  /** The sum of its debits (and of its credits). */
  @Column({ type: 'numeric', precision: 14, scale: 2 })
  amount: string;

  @Column({ name: 'line_count', type: 'int' })
  lineCount: number;

  @Column({ name: 'reverses_id', type: 'uuid', nullable: true })
  reversesId: string | null;

  @ManyToOne(() => LedgerPostingEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reverses_id', foreignKeyConstraintName: 'ledger_postings_reverses_fk' })
  reverses?: Relation<LedgerPostingEntity>;

  @Column({ name: 'posted_by', type: 'uuid', nullable: true })
  postedBy: string | null;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'posted_by', foreignKeyConstraintName: 'ledger_postings_posted_by_fk' })
  poster?: Relation<MemberEntity>;

  @CreateDateColumn({ name: 'posted_at', type: 'timestamptz', precision: 3 })
  postedAt: Date;
}
