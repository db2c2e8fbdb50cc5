import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum PeriodStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
  DISTRIBUTED = 'DISTRIBUTED',
}

/**
 * A fiscal year (or other period) of the co-op's books. Revenue and expenses are running totals of its
 * entries, kept on the row that `recordEntry` locks anyway, so reading a period never sums its entries.
 */
@Entity('fiscal_periods')
@Index('fiscal_periods_name_unique', ['name'], { unique: true })
@Index('fiscal_periods_listing', ['startsOn', 'id'])
@Check('fiscal_periods_status_check', `status IN ('OPEN', 'CLOSED', 'DISTRIBUTED')`)
@Check('fiscal_periods_dates_check', 'ends_on > starts_on')
@Check('fiscal_periods_totals_check', 'revenue >= 0 AND expenses >= 0')
export class FiscalPeriodEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'starts_on', type: 'timestamptz' })
  startsOn: Date;

  @Column({ name: 'ends_on', type: 'timestamptz' })
  endsOn: Date;

  @Column({ type: 'varchar', length: 12, default: PeriodStatus.OPEN })
  status: PeriodStatus;

  @Column({ type: 'numeric', precision: 14, scale: 2, default: '0' })
  revenue: string;

  @Column({ type: 'numeric', precision: 14, scale: 2, default: '0' })
  expenses: string;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'distributed_at', type: 'timestamptz', nullable: true })
  distributedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
