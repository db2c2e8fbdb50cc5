import { ConflictError, DomainError, ErrorCode } from '@commons/core';
import type { PolicyProblem } from './allocation-policy.js';

/** The policy breaks one or more rules; every problem is listed in `details.problems`. */
export class InvalidAllocationPolicyError extends DomainError {
  constructor(readonly problems: readonly PolicyProblem[]) {
    super(ErrorCode.BadUserInput, problems.map((problem) => problem.message).join(' '), { problems });
    this.name = 'InvalidAllocationPolicyError';
  }
}

/** A period that closed with no surplus (or a loss) has nothing to distribute. */
export class NoSurplusError extends ConflictError {
  constructor(surplusCents: bigint) {
    super(
      surplusCents === 0n
        ? 'This period has no surplus to distribute.'
        : 'This period closed with a loss; a loss cannot be distributed as a surplus.',
    );
    this.name = 'NoSurplusError';
  }
}

/**
 * Nobody has patronage recorded, so a non-zero patronage pool has no one to go to. We refuse rather than
 * send it elsewhere: the members voted for this policy, and quietly moving their refunds to the reserve
 * would change what they approved.
 */
export class NoPatronageRecordedError extends ConflictError {
  constructor() {
    super(
      'No member has patronage recorded for this period, so the patronage refunds have no one to go to. ' +
        "Record each member's patronage first, or propose a policy with 0% for patronage.",
    );
    this.name = 'NoPatronageRecordedError';
  }
}

/** A member's recorded patronage is unusable (not a non-negative decimal, or the member is listed twice). */
export class InvalidPatronageError extends DomainError {
  constructor(memberId: string, reason: string) {
    super(ErrorCode.BadUserInput, `The patronage recorded for member ${memberId} ${reason}.`, { field: 'patronage', memberId });
    this.name = 'InvalidPatronageError';
  }
}
