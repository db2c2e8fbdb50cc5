const WHOLE = /^\d+$/;

/** Pabulib ids: as numbers when both are whole numbers, otherwise as text (code-unit order). */
export function compareProjectIds(a: string, b: string): number {
  if (WHOLE.test(a) && WHOLE.test(b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    if (x !== y) return x < y ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What tie-breaks see of a project. */
export interface RankedProject {
  readonly id: string;
  readonly cost: bigint;
  readonly support: number;
}

/** The tie-break of API.md: the cheaper project, then the one with more support, then the lower id. */
export function compareForTies(a: RankedProject, b: RankedProject): number {
  if (a.cost !== b.cost) return a.cost < b.cost ? -1 : 1;
  if (a.support !== b.support) return b.support - a.support;
  return compareProjectIds(a.id, b.id);
}

/** GREEDY's order: more support first, ties as `compareForTies`. */
export function compareForGreedy(a: RankedProject, b: RankedProject): number {
  return a.support !== b.support ? b.support - a.support : compareForTies(a, b);
}
