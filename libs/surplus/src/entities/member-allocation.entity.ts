import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { MemberEntity } from '@commons/members';
import { FiscalPeriodEntity } from './fiscal-period.entity.js';
import { SurplusDistributionEntity } from './surplus-distribution.entity.js';

/** A member's patronage refund from a posted distribution: cash paid out plus retained in their capital account. */
@Entity('member_allocations')
@Index('member_allocations_period_member', ['periodId', 'memberId'], { unique: true })
@Index('member_allocations_member', ['memberId'])
@Check('member_allocations_amounts_check', 'patronage >= 0 AND cash >= 0 AND retained >= 0 AND cash + retained = refund')
export class MemberAllocationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'distribution_id', type: 'uuid' })
  distributionId: string;

  @ManyToOne(() => SurplusDistributionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'distribution_id', foreignKeyConstraintName: 'member_allocations_distribution_fk' })
  distribution?: Relation<SurplusDistributionEntity>;

  @Column({ name: 'period_id', type: 'uuid' })
  periodId: string;

  @ManyToOne(() => FiscalPeriodEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'period_id', foreignKeyConstraintName: 'member_allocations_period_fk' })
  period?: Relation<FiscalPeriodEntity>;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'member_allocations_member_fk' })
  member?: Relation<MemberEntity>;

  @Column({ type: 'numeric', precision: 14, scale: 2 })
  patronage: string;

  @Column({ type: 'numeric', precision: 14, scale: 2 })
  refund: string;

  @Column({ type: 'numeric', precision: 14, scale: 2 })
  cash: string;

  @Column({ type: 'numeric', precision: 14, scale: 2 })
  retained: string;
}
