/** The ballot kinds our budget rules can count; Pabulib's ordinal and scoring files are refused. */
export type PabulibVoteType = 'approval' | 'cumulative';

export interface PabulibProject {
  readonly id: string;
  /** Exact decimal as written, e.g. "85000" or "1250.50". */
  readonly cost: string;
  /** Every other PROJECTS column (name, votes, selected…) as text. */
  readonly columns: Readonly<Record<string, string>>;
}

export interface PabulibVote {
  readonly voterId: string;
  /** For cumulative files, aligned with `points`. */
  readonly projectIds: readonly string[];
  readonly points?: readonly number[];
  /** Every other VOTES column (age, sex, district…) as text. */
  readonly columns: Readonly<Record<string, string>>;
}

/** One participatory-budgeting election as a Pabulib `.pb` file holds it. */
export interface PabulibElection {
  /** META in file order, including `budget` and `vote_type`. */
  readonly meta: Readonly<Record<string, string>>;
  readonly budget: string;
  readonly voteType: PabulibVoteType;
  /** Header of PROJECTS in file order; contains `project_id` and `cost`. */
  readonly projectColumns: readonly string[];
  readonly projects: readonly PabulibProject[];
  /** Header of VOTES in file order; contains `voter_id` and `vote`. */
  readonly voteColumns: readonly string[];
  readonly votes: readonly PabulibVote[];
}
