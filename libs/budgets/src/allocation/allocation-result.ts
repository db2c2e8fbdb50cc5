import type { Rational } from '@commons/core';

/** The common part of every rule's result. Money is exact decimal text. */
export interface AllocationOutcome {
  /** Funded project ids, in the order the rule funded them. */
  readonly funded: readonly string[];
  readonly spent: string;
  readonly leftover: string;
  /** Voters counted (ballots times their multiplicity, empty ballots included). */
  readonly voters: number;
}

/** What GREEDY did with one project, in the order it considered them. */
export interface GreedyStep {
  readonly projectId: string;
  readonly cost: string;
  /** Approvals, or points for cumulative ballots. */
  readonly support: number;
  readonly outcome: 'funded' | 'did-not-fit' | 'no-support';
}

export interface GreedyResult extends AllocationOutcome {
  readonly method: 'GREEDY';
  readonly steps: readonly GreedyStep[];
}

/** A project the Method of Equal Shares bought with its supporters' shares. */
export interface EqualSharesPurchase {
  readonly projectId: string;
  readonly fundedBy: 'equal-shares';
  readonly cost: string;
  readonly support: number;
  /** What its supporters paid together: always its cost. */
  readonly totalPaid: string;
  /** Supporters who paid something. */
  readonly payers: number;
  /** Payment per unit of utility asked of the supporters (utility: the cost for approvals, points otherwise). */
  readonly rho: Rational;
  /** The most one voter paid for it. */
  readonly maxPayment: Rational;
}

/** A project bought from the money left after equal shares, in GREEDY order. */
export interface GreedyFillPurchase {
  readonly projectId: string;
  readonly fundedBy: 'greedy-fill';
  readonly cost: string;
  readonly support: number;
}

export type EqualSharesFunding = EqualSharesPurchase | GreedyFillPurchase;

export interface EqualSharesResult extends AllocationOutcome {
  readonly method: 'EQUAL_SHARES';
  /** One entry per funded project, in funding order. */
  readonly fundings: readonly EqualSharesFunding[];
  /** Each voter's initial share in the kept run: the budget over the voters, or the whole amount add1 settled on (0 without voters). */
  readonly perVoterBudget: Rational;
  /** How many one-unit raises of the share add1 kept (0 when the plain run was kept). */
  readonly raises: number;
  /** How many runs of the method the completion made, kept or not. */
  readonly runs: number;
}
