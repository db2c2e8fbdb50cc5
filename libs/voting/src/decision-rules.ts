/**
 * The co-op's standing rules that proposals follow. Voting owns this abstraction and reads it; a lib above
 * voting (the bylaws) provides it, so voting never depends on where the rules are kept.
 */
export abstract class DecisionRules {
  /** The quorum (share of the roll, an exact decimal such as "0.2500") of a proposal that names none. */
  abstract defaultQuorum(): Promise<string>;

  /** The least whole hours a proposal stays OPEN before it may be closed by hand, and that closesAt must leave. */
  abstract minVotingHours(): Promise<number>;
}
