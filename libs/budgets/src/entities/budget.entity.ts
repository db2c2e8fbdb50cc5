import { Check, Column, CreateDateColumn, Entity, Index, OneToMany, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { BudgetProjectEntity } from './budget-project.entity.js';

export enum BudgetPhase {
  DRAFT = 'DRAFT',
  SUBMISSION = 'SUBMISSION',
  REVIEW = 'REVIEW',
  VOTING = 'VOTING',
  CLOSED = 'CLOSED',
}

/** The order budgets move through; never backward. */
export const PHASE_ORDER: readonly BudgetPhase[] = [
  BudgetPhase.DRAFT,
  BudgetPhase.SUBMISSION,
  BudgetPhase.REVIEW,
  BudgetPhase.VOTING,
  BudgetPhase.CLOSED,
];

export enum BallotRule {
  APPROVAL = 'APPROVAL',
  KNAPSACK = 'KNAPSACK',
  CUMULATIVE = 'CUMULATIVE',
}

export enum AllocationMethod {
  GREEDY = 'GREEDY',
  EQUAL_SHARES = 'EQUAL_SHARES',
}

/** Why each project was or was not funded, kept with the result (money as decimal text). */
export interface StoredProjectExplanation {
  projectId: string;
  support: number;
  outcome: 'funded-by-equal-shares' | 'funded-by-greedy-fill' | 'funded' | 'did-not-fit' | 'no-support' | 'not-affordable';
  totalPaid?: string;
  payers?: number;
  maxPayment?: string;
  pricePerUtility?: string;
}

export interface StoredBudgetResult {
  funded: string[];
  spent: string;
  leftover: string;
  voters: number;
  method: AllocationMethod;
  /** EQUAL_SHARES: each voter's share the completion settled on, and how many one-unit raises it kept. */
  perVoterBudget: string | null;
  raises: number | null;
  projects: StoredProjectExplanation[];
}

@Entity('budgets')
@Index('budgets_listing', ['createdAt', 'id'])
@Check('budgets_phase_check', `phase IN ('DRAFT', 'SUBMISSION', 'REVIEW', 'VOTING', 'CLOSED')`)
@Check('budgets_rule_check', `ballot_rule IN ('APPROVAL', 'KNAPSACK', 'CUMULATIVE')`)
@Check('budgets_method_check', `allocation_method IN ('GREEDY', 'EQUAL_SHARES')`)
@Check('budgets_amount_check', 'amount >= 0')
@Check('budgets_projects_range_check', 'min_projects IS NULL OR max_projects IS NULL OR min_projects <= max_projects')
@Check('budgets_points_check', 'points IS NULL OR points > 0')
export class BudgetEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'numeric', precision: 18, scale: 2 })
  amount: string;

  @Column({ type: 'varchar', length: 3 })
  currency: string;

  @Column({ type: 'varchar', length: 12, default: BudgetPhase.DRAFT })
  phase: BudgetPhase;

  @Column({ name: 'ballot_rule', type: 'varchar', length: 12 })
  ballotRule: BallotRule;

  @Column({ name: 'allocation_method', type: 'varchar', length: 14 })
  allocationMethod: AllocationMethod;

  @Column({ name: 'min_projects', type: 'int', nullable: true })
  minProjects: number | null;

  @Column({ name: 'max_projects', type: 'int', nullable: true })
  maxProjects: number | null;

  @Column({ type: 'int', nullable: true })
  points: number | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  /** An imported Pabulib election: its META, and the PROJECTS and VOTES headers, for a faithful export. */
  @Column({ name: 'pabulib', type: 'jsonb', nullable: true })
  pabulib: { meta: Record<string, string>; projectColumns: string[]; voteColumns: string[] } | null;

  @Column({ type: 'jsonb', nullable: true })
  result: StoredBudgetResult | null;

  /** The ledger posting that drew the amount from the commons fund (`Dr commons / Cr budget:<id>`), if it did. */
  @Column({ name: 'commons_posting_id', type: 'uuid', nullable: true })
  commonsPostingId: string | null;

  @OneToMany(() => BudgetProjectEntity, (project) => project.budget)
  projects?: Relation<BudgetProjectEntity[]>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}
