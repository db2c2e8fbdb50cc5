import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { MemberEntity } from '@commons/members';
import { BudgetEntity } from './budget.entity.js';

export enum ProjectStatus {
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  FUNDED = 'FUNDED',
  NOT_FUNDED = 'NOT_FUNDED',
}

@Entity('budget_projects')
@Index('budget_projects_number', ['budgetId', 'number'], { unique: true })
@Index('budget_projects_external_id', ['budgetId', 'externalId'], { unique: true, where: 'external_id IS NOT NULL' })
@Check('budget_projects_status_check', `status IN ('SUBMITTED', 'ACCEPTED', 'REJECTED', 'FUNDED', 'NOT_FUNDED')`)
@Check('budget_projects_cost_check', 'cost >= 0')
export class BudgetProjectEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'budget_id', type: 'uuid' })
  budgetId: string;

  @ManyToOne(() => BudgetEntity, (budget) => budget.projects, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'budget_id', foreignKeyConstraintName: 'budget_projects_budget_fk' })
  budget?: Relation<BudgetEntity>;

  /** 1, 2, 3… in order of submission: the project id the allocation rules break ties on. */
  @Column({ type: 'int' })
  number: number;

  /** The Pabulib `project_id` of an imported project. */
  @Column({ name: 'external_id', type: 'varchar', length: 100, nullable: true })
  externalId: string | null;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'numeric', precision: 18, scale: 2 })
  cost: string;

  @Column({ name: 'proposer_id', type: 'uuid', nullable: true })
  proposerId: string | null;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proposer_id', foreignKeyConstraintName: 'budget_projects_proposer_fk' })
  proposer?: Relation<MemberEntity>;

  @Column({ type: 'varchar', length: 12, default: ProjectStatus.SUBMITTED })
  status: ProjectStatus;

  @Column({ name: 'review_reason', type: 'text', nullable: true })
  reviewReason: string | null;

  /** Once CLOSED: approvals or points received. */
  @Column({ type: 'numeric', precision: 18, scale: 0, nullable: true })
  support: string | null;

  /** Other PROJECTS columns of an imported file (name, votes, selected…), for the export. */
  @Column({ type: 'jsonb', nullable: true })
  columns: Record<string, string> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
