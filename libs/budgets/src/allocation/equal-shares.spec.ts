import { Rational } from '@commons/core';
import type { AllocationInput } from './allocation-input.js';
import type { EqualSharesPurchase, EqualSharesResult } from './allocation-result.js';
import { allocateEqualShares } from './equal-shares.js';
import { runEqualShares } from './equal-shares-round.js';
import { prepareElection } from './prepared-election.js';
import { indexSupporters } from './supporter-index.js';

const approval = (budget: string, projects: Record<string, string>, ballots: string[][]): AllocationInput => ({
  budget,
  ballotKind: 'approval',
  projects: Object.entries(projects).map(([id, cost]) => ({ id, cost })),
  ballots: ballots.map((projectIds) => ({ projectIds })),
});

const times = (count: number, ballot: string[]): string[][] => Array.from({ length: count }, () => ballot);
const r = (num: number, den = 1): Rational => Rational.of(num, den);
const purchases = (result: EqualSharesResult): EqualSharesPurchase[] =>
  result.fundings.filter((funding): funding is EqualSharesPurchase => funding.fundedBy === 'equal-shares');

describe('allocateEqualShares', () => {
  // 10 voters with 10 each. A is bought first (rho 1/6); voters 1 and 2 then have 10/3 left and pay
  // all of it towards B, voters 7 and 8 pay the rest, 26/3 each.
  const capped = approval('100', { A: '40', B: '24', C: '9' }, [
    ['A', 'B'],
    ['A', 'B'],
    ['A'],
    ['A'],
    ['A'],
    ['A'],
    ['B'],
    ['B'],
    ['C'],
    [],
  ]);

  it('buys the project with the lowest price per unit of utility first, capping voters who run short', () => {
    const result = allocateEqualShares(capped, { completion: 'none' });
    expect(result.funded).toEqual(['A', 'B', 'C']);
    expect(result.spent).toBe('73');
    expect(result.perVoterBudget.eq(r(10))).toBe(true);
    const [a, b, c] = purchases(result);
    expect([a.rho, b.rho, c.rho].map(String)).toEqual(['1/6', '13/36', '1']);
    expect([a.payers, b.payers, c.payers]).toEqual([6, 4, 1]);
    expect([a.maxPayment, b.maxPayment, c.maxPayment].map(String)).toEqual(['20/3', '26/3', '9']);
    expect([a.totalPaid, b.totalPaid, c.totalPaid]).toEqual(['40', '24', '9']);
  });

  it('leaves each voter exactly what they did not pay', () => {
    const election = indexSupporters(prepareElection(capped));
    const run = runEqualShares(election, r(10));
    const balances = run.groupBalances().map(String);
    // Groups in first-seen order: {A,B}, {A}, {B}, {C}, {}.
    expect(balances).toEqual(['0', '10/3', '4/3', '1', '10']);
  });

  it('stops the completion at once when every supported project is already funded', () => {
    const result = allocateEqualShares(capped);
    expect(result.funded).toEqual(['A', 'B', 'C']);
    expect([result.runs, result.raises]).toEqual([1, 0]);
  });

  it('is exact where floating point is not: three thirds pay for the whole', () => {
    const result = allocateEqualShares(approval('10', { all: '10' }, times(3, ['all'])), { completion: 'none' });
    expect(result.perVoterBudget.toString()).toBe('10/3');
    expect(result.funded).toEqual(['all']);
    expect(result.leftover).toBe('0');
  });

  describe('add1 completion', () => {
    it('raises the share one unit at a time until it affords more, breaking the rho tie by cost', () => {
      // P needs 12 from each of its 5 supporters; at 12, P and Q both ask 1/5 per unit: Q is cheaper.
      const input = approval('100', { P: '60', Q: '30' }, [...times(5, ['P']), ...times(5, ['Q'])]);
      expect(allocateEqualShares(input, { completion: 'none' }).funded).toEqual(['Q']);
      const result = allocateEqualShares(input);
      expect(result.funded).toEqual(['Q', 'P']);
      expect(result.perVoterBudget.eq(r(12))).toBe(true);
      expect([result.runs, result.raises]).toEqual([3, 2]);
      expect(result.spent).toBe('90');
    });

    it('keeps the last outcome within the budget when the next costs too much', () => {
      const input = approval('100', { P: '60', Q: '45', R: '5' }, [['P', 'R'], ...times(4, ['P']), ...times(5, ['Q'])]);
      const result = allocateEqualShares(input);
      // At 12 each, P becomes affordable and Q + P cost 105: the outcome at 11 is kept.
      expect(result.funded).toEqual(['Q', 'R']);
      expect(result.perVoterBudget.eq(r(11))).toBe(true);
      expect([result.runs, result.raises]).toEqual([3, 1]);
      // equalshares.net's sample code stops at the first exhaustive outcome instead (P cannot fit in 50).
      const sample = allocateEqualShares(input, { completion: 'add1-exhaustive-stop' });
      expect(sample.funded).toEqual(['Q', 'R']);
      expect([sample.runs, sample.raises]).toEqual([1, 0]);
      expect(sample.perVoterBudget.eq(r(10))).toBe(true);
    });

    it('then fills what is left greedily, by support', () => {
      // R is bought first (a tie with Q at rho 1/9, R is cheaper); Q becomes affordable at a share of
      // 12, but R + Q cost 101. What is left at 11 (80) cannot buy Q (81) but buys S (15).
      const input = approval('100', { Q: '81', R: '20', S: '15' }, [...times(9, ['Q', 'R']), ['S']]);
      const result = allocateEqualShares(input);
      expect(result.fundings.map((funding) => [funding.projectId, funding.fundedBy])).toEqual([
        ['R', 'equal-shares'],
        ['S', 'greedy-fill'],
      ]);
      expect(result.spent).toBe('35');
      expect(result.leftover).toBe('65');
      expect(result.perVoterBudget.eq(r(11))).toBe(true);
      expect(allocateEqualShares(input, { completion: 'none' }).funded).toEqual(['R']);
    });

    it('gives up past maxRuns rather than raise for ever', () => {
      // The lone supporter of 'far' holds 500 and needs 1000: 500 raises, the last one overspending.
      const input = approval('1000', { near: '1', far: '1000' }, [['near'], ['far']]);
      expect(allocateEqualShares(input).runs).toBe(501);
      expect(() => allocateEqualShares(input, { maxRuns: 100 })).toThrow('equal shares needs more than 100 runs to complete');
    });

    it('raises whole units of currency when money has cents', () => {
      const input = approval('100.00', { P: '60.00', Q: '30.00' }, [...times(5, ['P']), ...times(5, ['Q'])]);
      const result = allocateEqualShares(input);
      expect(result.perVoterBudget.toString()).toBe('12');
      expect(result.spent).toBe('90.00');
      const [q, p] = purchases(result);
      expect([q.totalPaid, p.totalPaid]).toEqual(['30.00', '60.00']);
      expect([q.maxPayment.toString(), p.maxPayment.toString()]).toEqual(['6', '12']);
      expect(q.rho.toString()).toBe('1/5');
    });
  });

  describe('the explanation page of equalshares.net', () => {
    // "Budget 1 000 000 and 100 000 voters: each gets 10. A project costing 10 000 with 500 votes
    // has a combined share of 5 000, cannot be funded, and is removed from consideration."
    const input: AllocationInput = {
      budget: '1000000',
      ballotKind: 'approval',
      projects: [
        { id: 'small', cost: '10000' },
        { id: 'popular', cost: '100000' },
      ],
      ballots: [
        { projectIds: ['small'], voters: 500 },
        { projectIds: ['popular'], voters: 99_500 },
      ],
    };

    it('splits the budget equally and drops projects whose supporters cannot pay', () => {
      const result = allocateEqualShares(input, { completion: 'none' });
      expect(result.perVoterBudget.eq(r(10))).toBe(true);
      expect(result.funded).toEqual(['popular']);
      // Effective vote count = cost / largest payment = 1 / rho: the full vote count while no one is capped.
      expect(Rational.ONE.div(purchases(result)[0].rho).eq(r(99_500))).toBe(true);
    });

    it('reaches the small project once its 500 supporters hold 20 each', () => {
      const result = allocateEqualShares(input);
      expect(result.funded).toEqual(['popular', 'small']);
      expect(result.perVoterBudget.eq(r(20))).toBe(true);
      expect(result.runs).toBe(11);
    });
  });

  describe('ties (equalshares.net tie-breaking: lower cost, then more votes, then by id here)', () => {
    it('with equal rho and cost, more support first', () => {
      // Both ask 8 per point after capping their big supporter at 10; "2" has 6 points, "1" has 4.
      const result = allocateEqualShares({
        budget: '40',
        ballotKind: 'cumulative',
        projects: [
          { id: '1', cost: '18' },
          { id: '2', cost: '18' },
        ],
        ballots: [
          { projectIds: ['2'], points: [5] },
          { projectIds: ['2'], points: [1] },
          { projectIds: ['1'], points: [3] },
          { projectIds: ['1'], points: [1] },
        ],
      });
      expect(result.funded).toEqual(['2', '1']);
      expect(purchases(result).map((step) => step.rho.toString())).toEqual(['8', '8']);
    });

    it('then the lower id, as numbers when both are whole', () => {
      const input = approval('40', { '10': '20', '9': '20' }, [['10'], ['10'], ['9'], ['9']]);
      expect(allocateEqualShares(input).funded).toEqual(['9', '10']);
    });

    it('then the lower id as text', () => {
      const input = approval('40', { x2: '20', x10: '20' }, [['x2'], ['x2'], ['x10'], ['x10']]);
      expect(allocateEqualShares(input).funded).toEqual(['x10', 'x2']);
    });
  });

  it('uses points as utilities for cumulative ballots', () => {
    const input: AllocationInput = {
      budget: '30',
      ballotKind: 'cumulative',
      projects: [
        { id: 'X', cost: '18' },
        { id: 'Y', cost: '9' },
      ],
      ballots: [
        { projectIds: ['X'], points: [2] },
        { projectIds: ['X'], points: [1] },
        { projectIds: ['Y'], points: [3] },
      ],
    };
    const result = allocateEqualShares(input);
    expect(result.funded).toEqual(['Y', 'X']);
    const [y, x] = purchases(result);
    expect([y.rho.toString(), x.rho.toString()]).toEqual(['3', '8']);
    const cents = allocateEqualShares({ ...input, budget: '30.00' }, { completion: 'none' });
    expect(purchases(cents).map((step) => step.rho.toString())).toEqual(['3', '8']);
    expect(x.maxPayment.toString()).toBe('10');
    expect(x.payers).toBe(2);
  });

  it('handles large points without large tables', () => {
    const result = allocateEqualShares({
      budget: '30',
      ballotKind: 'cumulative',
      projects: [
        { id: 'X', cost: '18' },
        { id: 'Y', cost: '9' },
      ],
      ballots: [
        { projectIds: ['X'], points: [2_000_000] },
        { projectIds: ['X'], points: [1_000_000] },
        { projectIds: ['Y'], points: [3_000_000] },
      ],
    });
    expect(result.funded).toEqual(['Y', 'X']);
    expect(purchases(result).map((step) => step.rho.toString())).toEqual(['3/1000000', '1/125000']);
  });

  it('buys supported projects that cost nothing first and never unsupported ones', () => {
    const result = allocateEqualShares(approval('10', { a: '10', free: '0', nobody: '0' }, [['a', 'free'], ['a']]));
    expect(result.funded).toEqual(['free', 'a']);
    const [free] = purchases(result);
    expect([free.rho.toString(), free.payers]).toEqual(['0', 0]);
  });

  it('funds nothing without voters', () => {
    const result = allocateEqualShares(approval('10', { a: '1' }, []));
    expect(result.funded).toEqual([]);
    expect(result.leftover).toBe('10');
  });

  it('gives the same result for grouped and ungrouped ballots', () => {
    const grouped: AllocationInput = {
      ...capped,
      ballots: [
        { projectIds: ['A', 'B'], voters: 2 },
        { projectIds: ['A'], voters: 4 },
        { projectIds: ['B'], voters: 2 },
        { projectIds: ['C'] },
        { projectIds: [] },
      ],
    };
    expect(allocateEqualShares(grouped)).toEqual(allocateEqualShares(capped));
  });
});
