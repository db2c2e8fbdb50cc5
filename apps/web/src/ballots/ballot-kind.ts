import type { DecisionMethod } from '../graphql/generated/graphql';

export type BallotKind = 'choice' | 'approval' | 'ranking' | 'score';

/** Which ballot a method asks for: one choice, a set, a ranking, or scores 0–5. */
export function ballotKind(method: DecisionMethod): BallotKind {
  switch (method) {
    case 'MAJORITY':
    case 'SUPERMAJORITY':
    case 'CONSENT':
      return 'choice';
    case 'APPROVAL':
      return 'approval';
    case 'RANKED_CHOICE':
    case 'SCHULZE':
      return 'ranking';
    case 'SCORE':
      return 'score';
  }
}

export interface BallotChoice {
  optionIds: string[];
  scores?: number[];
}

/** Moves the item at `from` to `to` (a new array). */
export function move<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  if (from < 0 || from >= next.length || to < 0 || to >= next.length) return next;
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}
