/** How voters expressed support: a set of projects, or points spread over projects. */
export type BallotKind = 'approval' | 'cumulative';

export interface AllocationProject {
  /** Compared as numbers when whole numbers (Pabulib `project_id`), otherwise as text. */
  readonly id: string;
  /** Exact non-negative decimal, e.g. "85000" or "1250.50". */
  readonly cost: string;
}

/** One ballot, or identical ballots cast by `voters` voters (grouping them is what makes the rules fast). */
export interface AllocationBallot {
  readonly projectIds: readonly string[];
  /** Cumulative ballots only: whole points, aligned with `projectIds`. */
  readonly points?: readonly number[];
  /** How many voters cast this ballot; 1 when absent. */
  readonly voters?: number;
}

/** Everything a budget rule needs: the money, the projects and the ballots. */
export interface AllocationInput {
  /** Exact non-negative decimal. */
  readonly budget: string;
  readonly ballotKind: BallotKind;
  readonly projects: readonly AllocationProject[];
  readonly ballots: readonly AllocationBallot[];
}
