import type { Rational } from '@commons/core';

/** The decision methods a proposal can use (API.md's `DecisionMethod`). */
export const DECISION_METHODS = ['MAJORITY', 'SUPERMAJORITY', 'CONSENT', 'APPROVAL', 'RANKED_CHOICE', 'SCHULZE', 'SCORE'] as const;

export type DecisionMethod = (typeof DECISION_METHODS)[number];

/** Methods where members pick exactly one of fixed options and the proposal passes or not. */
export const SINGLE_CHOICE_METHODS: readonly DecisionMethod[] = ['MAJORITY', 'SUPERMAJORITY', 'CONSENT'];

/** The option labels MAJORITY and SUPERMAJORITY proposals must have, in this order. */
export const MAJORITY_OPTION_LABELS = ['FOR', 'AGAINST', 'ABSTAIN'] as const;

/** The option labels CONSENT proposals must have, in this order. */
export const CONSENT_OPTION_LABELS = ['CONSENT', 'OBJECT', 'STAND_ASIDE'] as const;

/** Highest score a SCORE ballot may give an option (the lowest is 0). */
export const MAX_SCORE = 5;

/** An option of a proposal; the options' order is the proposal's order, which tie-breaks use. */
export interface DecisionOption {
  id: string;
  label: string;
}

/**
 * One ballot, or several identical ones aggregated: `weight` is the exact total weight behind it
 * (delegations, college scaling). `optionIds` is the choice: one option, an approved set, a ranking
 * (most preferred first, may be partial) or the scored options, with `scores` aligned (SCORE only).
 */
export interface WeightedBallot {
  optionIds: readonly string[];
  scores?: readonly number[] | null;
  weight: Rational;
}

/** What one option received: weighted votes, approvals, score total or first preferences. */
export interface OptionVotes {
  optionId: string;
  votes: Rational;
}

/** Everything a decision method needs besides the method's name. */
export interface DecisionInput {
  options: readonly DecisionOption[];
  ballots: readonly WeightedBallot[];
  /** How many options win (multi-option methods); 1 when absent. */
  seats?: number;
  /** Exact decimal string: SUPERMAJORITY "at least" share (required); MAJORITY "more than" share (default "0.5"). */
  threshold?: string;
}

/** The pairwise data behind a SCHULZE decision, indexed in the proposal's option order. */
export interface SchulzeDetails {
  /** The whole Schulze order, best first (ties resolved by the tie-break rule). */
  ranking: string[];
  /** preferences[i][j]: weight of ballots ranking option i above option j. */
  preferences: Rational[][];
  /** strongestPaths[i][j]: strength of the widest beat-path from i to j (winning votes), 0 when none. */
  strongestPaths: Rational[][];
}

/** The outcome of a decision method. */
export interface DecisionResult {
  /** One entry per option, in the proposal's order. */
  results: OptionVotes[];
  /** RANKED_CHOICE: each counting round's options still in the count (and, for STV, those elected). */
  rounds?: OptionVotes[][];
  /** RANKED_CHOICE: weight of ballots with no continuing choice left, per round. */
  exhausted?: Rational[];
  /** RANKED_CHOICE with more than one seat: the Droop quota used. */
  quota?: Rational;
  schulze?: SchulzeDetails;
  /** Elected options in order of election or rank; empty for single-choice methods. */
  winners: string[];
  passed: boolean;
  /** Plain-language explanations of tie-breaks and unusual outcomes, for members to read. */
  notes: string[];
}
