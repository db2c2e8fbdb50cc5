import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { MemberEntity } from '@commons/members';
import { ProposalEntity } from '@commons/voting';
import { FiscalPeriodEntity } from './fiscal-period.entity.js';

export enum DistributionStatus {
  PROPOSED = 'PROPOSED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  POSTED = 'POSTED',
}

/**
 * A proposed split of a closed period's surplus, the members' vote on it, and once posted, what it did.
 * The amounts are computed when it is proposed, so members vote on figures, and the ones posted are those.
 */
@Entity('surplus_distributions')
// At most one distribution per period is live (being voted on, approved or posted); rejected ones stay as history.
@Index('surplus_distributions_one_live', ['periodId'], { unique: true, where: `status IN ('PROPOSED', 'APPROVED', 'POSTED')` })
@Index('surplus_distributions_period', ['periodId', 'createdAt'])
@Index('surplus_distributions_proposal_unique', ['proposalId'], { unique: true })
@Check('surplus_distributions_status_check', `status IN ('PROPOSED', 'APPROVED', 'REJECTED', 'POSTED')`)
@Check(
  'surplus_distributions_policy_check',
  'reserve_percent >= 0 AND education_percent >= 0 AND commons_percent >= 0 AND patronage_percent >= 0 ' +
    'AND patronage_cash_percent >= 0 AND patronage_cash_percent <= 100 ' +
    'AND reserve_percent + education_percent + commons_percent + patronage_percent = 100',
)
@Check(
  'surplus_distributions_amounts_check',
  'reserve_amount >= 0 AND education_amount >= 0 AND commons_amount >= 0 AND patronage_amount >= 0 AND surplus > 0 ' +
    'AND reserve_amount + education_amount + commons_amount + patronage_amount = surplus',
)
export class SurplusDistributionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'period_id', type: 'uuid' })
  periodId: string;

  @ManyToOne(() => FiscalPeriodEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'period_id', foreignKeyConstraintName: 'surplus_distributions_period_fk' })
  period?: Relation<FiscalPeriodEntity>;

  @Column({ type: 'varchar', length: 12, default: DistributionStatus.PROPOSED })
  status: DistributionStatus;

  @Column({ name: 'reserve_percent', type: 'numeric', precision: 5, scale: 2 })
  reservePercent: string;

  @Column({ name: 'education_percent', type: 'numeric', precision: 5, scale: 2 })
  educationPercent: string;

  @Column({ name: 'commons_percent', type: 'numeric', precision: 5, scale: 2 })
  commonsPercent: string;

  @Column({ name: 'patronage_percent', type: 'numeric', precision: 5, scale: 2 })
  patronagePercent: string;

  @Column({ name: 'patronage_cash_percent', type: 'numeric', precision: 5, scale: 2 })
  patronageCashPercent: string;

  @Column({ type: 'numeric', precision: 14, scale: 2 })
  surplus: string;

  @Column({ name: 'reserve_amount', type: 'numeric', precision: 14, scale: 2 })
  reserveAmount: string;

  @Column({ name: 'education_amount', type: 'numeric', precision: 14, scale: 2 })
  educationAmount: string;

  @Column({ name: 'commons_amount', type: 'numeric', precision: 14, scale: 2 })
  commonsAmount: string;

  @Column({ name: 'patronage_amount', type: 'numeric', precision: 14, scale: 2 })
  patronageAmount: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @ManyToOne(() => ProposalEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proposal_id', foreignKeyConstraintName: 'surplus_distributions_proposal_fk' })
  proposal?: Relation<ProposalEntity>;

  @Column({ name: 'proposed_by', type: 'uuid' })
  proposedBy: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proposed_by', foreignKeyConstraintName: 'surplus_distributions_proposed_by_fk' })
  proposer?: Relation<MemberEntity>;

  /** When the members' decision came in (APPROVED or REJECTED). */
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'posted_at', type: 'timestamptz', nullable: true })
  postedAt: Date | null;

  @Column({ name: 'posted_by', type: 'uuid', nullable: true })
  postedBy: string | null;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'posted_by', foreignKeyConstraintName: 'surplus_distributions_posted_by_fk' })
  poster?: Relation<MemberEntity>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
