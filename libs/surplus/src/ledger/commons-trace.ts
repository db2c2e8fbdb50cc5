/** One posting's net movement on the commons fund, in cents: above zero money paid in, below zero money drawn. */
export interface CommonsMovement {
  postingId: string;
  /** Where a draw went (the account it credited, e.g. `budget:<id>`), or where money came from. */
  counterAccount: string | null;
  /** The period whose surplus paid money in (for a distribution posting). */
  periodId: string | null;
  net: bigint;
}

/** Cents of the money one posting paid in that one draw took. */
export interface CommonsDraw {
  sourcePostingId: string;
  sourcePeriodId: string | null;
  drawPostingId: string;
  account: string | null;
  amount: bigint;
}

/**
 * Which money each draw on the commons fund spent. The fund is one pot, so the ledger alone cannot tell;
 * the rule is first in, first out: a draw takes the oldest money still in the fund, across as many
 * payments in as it needs. `movements` are in journal order; anything paid in (a distribution's commons
 * share, or a reversed draw) joins the queue when it was posted.
 */
export function traceCommons(movements: readonly CommonsMovement[]): CommonsDraw[] {
  const sources: Array<{ postingId: string; periodId: string | null; left: bigint }> = [];
  const draws: CommonsDraw[] = [];
  for (const movement of movements) {
    if (movement.net > 0n) {
      sources.push({ postingId: movement.postingId, periodId: movement.periodId, left: movement.net });
      continue;
    }
    let owed = -movement.net;
    for (const source of sources) {
      if (owed === 0n) break;
      const taken = source.left < owed ? source.left : owed;
      if (taken === 0n) continue;
      source.left -= taken;
      owed -= taken;
      draws.push({
        sourcePostingId: source.postingId,
        sourcePeriodId: source.periodId,
        drawPostingId: movement.postingId,
        account: movement.counterAccount,
        amount: taken,
      });
    }
    if (owed > 0n) throw new RangeError(`Posting ${movement.postingId} draws ${owed} cents more than the commons fund held`);
  }
  return draws;
}
