import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { MemberEntity } from '@commons/members';
import { BudgetEntity } from './budget.entity.js';

/**
 * One voter's ballot: a member's (replaced when they vote again) or, for an imported election, an
 * external voter's, identified by the file's `voter_id`.
 */
@Entity('budget_ballots')
@Index('budget_ballots_member', ['budgetId', 'memberId'], { unique: true, where: 'member_id IS NOT NULL' })
@Check('budget_ballots_voter_check', '(member_id IS NULL) <> (external_voter_id IS NULL)')
export class BudgetBallotEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'budget_id', type: 'uuid' })
  budgetId: string;

  @ManyToOne(() => BudgetEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'budget_id', foreignKeyConstraintName: 'budget_ballots_budget_fk' })
  budget?: Relation<BudgetEntity>;

  @Column({ name: 'member_id', type: 'uuid', nullable: true })
  memberId: string | null;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'budget_ballots_member_fk' })
  member?: Relation<MemberEntity>;

  @Column({ name: 'external_voter_id', type: 'varchar', length: 100, nullable: true })
  externalVoterId: string | null;

  /** Project numbers (budget_projects.number), in the order given. */
  @Column({ name: 'project_numbers', type: 'int', array: true })
  projectNumbers: number[];

  @Column({ type: 'int', array: true, nullable: true })
  points: number[] | null;

  /** Other VOTES columns of an imported file (age, sex…), for the export. */
  @Column({ type: 'jsonb', nullable: true })
  columns: Record<string, string> | null;

  @Column({ name: 'cast_at', type: 'timestamptz', nullable: true })
  castAt: Date | null;
}
