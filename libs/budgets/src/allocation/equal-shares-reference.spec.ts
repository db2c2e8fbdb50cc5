import { Rational } from '@commons/core';
import fc from 'fast-check';
import type { AllocationInput } from './allocation-input.js';
import type { EqualSharesPurchase } from './allocation-result.js';
import { allocateEqualShares } from './equal-shares.js';
import { compareProjectIds } from './project-order.js';

/**
 * The Method of Equal Shares written straight from its definition, one wallet per voter, every
 * price recomputed every round, no grouping: slow, but easy to check by eye. The fast engine must
 * agree with it on the order of purchases and on every rho.
 */
function referenceEqualShares(input: AllocationInput, share: Rational): { id: string; rho: Rational }[] {
  const cost = new Map(input.projects.map((project) => [project.id, Rational.parse(project.cost)]));
  // Utility of each voter for each project: the cost for an approval (cost utilities), else the points.
  const voters: Map<string, Rational>[] = input.ballots.flatMap((ballot) =>
    Array.from({ length: ballot.voters ?? 1 }, () => {
      const utility = new Map<string, Rational>();
      ballot.projectIds.forEach((id, k) => {
        const points = ballot.points?.[k] ?? 1;
        if (points > 0) utility.set(id, input.ballotKind === 'approval' ? (cost.get(id) as Rational) : Rational.of(points));
      });
      return utility;
    }),
  );
  const support = (id: string): number =>
    input.ballots.reduce(
      (sum, b) => sum + (b.voters ?? 1) * (b.points?.[b.projectIds.indexOf(id)] ?? (b.projectIds.includes(id) ? 1 : 0)),
      0,
    );
  const wallet = voters.map(() => share);
  let remaining = input.projects.map((project) => project.id).filter((id) => voters.some((utility) => utility.has(id)));
  const bought: { id: string; rho: Rational }[] = [];
  for (;;) {
    const priced: { id: string; rho: Rational }[] = [];
    for (const id of remaining) {
      const price = cost.get(id) as Rational;
      const backers = voters
        .map((utility, v) => ({ v, u: utility.get(id) }))
        .filter((b): b is { v: number; u: Rational } => b.u !== undefined);
      if (backers.reduce((sum, b) => sum.add(wallet[b.v]), Rational.ZERO).lt(price)) continue;
      if (price.isZero()) {
        priced.push({ id, rho: Rational.ZERO });
        continue;
      }
      // The smallest rho with sum(min(wallet, rho * u)) = cost: try each voter's wallet/u as the cap.
      backers.sort((a, b) => wallet[a.v].div(a.u).cmp(wallet[b.v].div(b.u)));
      let paidByCapped = Rational.ZERO;
      let utilityLeft = backers.reduce((sum, b) => sum.add(b.u), Rational.ZERO);
      for (const backer of backers) {
        const rho = price.sub(paidByCapped).div(utilityLeft);
        if (rho.mul(backer.u).lte(wallet[backer.v])) {
          priced.push({ id, rho });
          break;
        }
        paidByCapped = paidByCapped.add(wallet[backer.v]);
        utilityLeft = utilityLeft.sub(backer.u);
      }
    }
    remaining = priced.map((p) => p.id);
    if (priced.length === 0) return bought;
    priced.sort(
      (a, b) =>
        a.rho.cmp(b.rho) ||
        (cost.get(a.id) as Rational).cmp(cost.get(b.id) as Rational) ||
        support(b.id) - support(a.id) ||
        compareProjectIds(a.id, b.id),
    );
    const best = priced[0];
    voters.forEach((utility, v) => {
      const u = utility.get(best.id);
      if (u !== undefined) wallet[v] = wallet[v].sub(wallet[v].min(best.rho.mul(u)));
    });
    bought.push(best);
    remaining = remaining.filter((id) => id !== best.id);
  }
}

const elections: fc.Arbitrary<AllocationInput> = fc
  .record({
    cumulative: fc.boolean(),
    costs: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 6 }),
    budget: fc.integer({ min: 0, max: 120 }),
    ballots: fc.array(
      fc.record({
        picks: fc.uniqueArray(fc.nat(5), { maxLength: 4 }),
        points: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 4, maxLength: 4 }),
        voters: fc.integer({ min: 1, max: 3 }),
      }),
      { maxLength: 9 },
    ),
  })
  .map(({ cumulative, costs, budget, ballots }) => ({
    budget: String(budget),
    ballotKind: cumulative ? 'cumulative' : 'approval',
    projects: costs.map((cost, k) => ({ id: String(k), cost: String(cost) })),
    ballots: ballots.map(({ picks, points, voters }) => {
      const projectIds = [...new Set(picks.map((p) => String(p % costs.length)))];
      return cumulative ? { projectIds, points: points.slice(0, projectIds.length), voters } : { projectIds, voters };
    }),
  }));

describe('equal shares against a reference written from the definition', () => {
  it('buys the same projects in the same order at the same rho', () => {
    fc.assert(
      fc.property(elections, fc.constantFrom('none', 'add1') as fc.Arbitrary<'none' | 'add1'>, (input, completion) => {
        const result = allocateEqualShares(input, { completion });
        const purchases = result.fundings.filter((f): f is EqualSharesPurchase => f.fundedBy === 'equal-shares');
        const reference = referenceEqualShares(input, result.perVoterBudget);
        expect(purchases.map((p) => [p.projectId, p.rho.toString()])).toEqual(reference.map((p) => [p.id, p.rho.toString()]));
      }),
      { numRuns: 400 },
    );
  });
});
