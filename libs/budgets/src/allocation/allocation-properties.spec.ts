import { Rational } from '@commons/core';
import fc from 'fast-check';
import type { AllocationBallot, AllocationInput } from './allocation-input.js';
import type { AllocationOutcome } from './allocation-result.js';
import { allocateEqualShares, type EqualSharesCompletion } from './equal-shares.js';
import { runEqualShares } from './equal-shares-round.js';
import { allocateGreedy } from './greedy.js';
import { prepareElection } from './prepared-election.js';
import { indexSupporters } from './supporter-index.js';

/** Small random elections: whole or cent costs, approval or cumulative, some grouped ballots. */
const elections: fc.Arbitrary<AllocationInput> = fc
  .record({
    cumulative: fc.boolean(),
    cents: fc.boolean(),
    costs: fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 7 }),
    budget: fc.integer({ min: 0, max: 200 }),
    ballots: fc.array(
      fc.record({
        picks: fc.array(fc.tuple(fc.nat(6), fc.integer({ min: 1, max: 3 })), { maxLength: 5 }),
        voters: fc.integer({ min: 1, max: 3 }),
      }),
      { maxLength: 12 },
    ),
  })
  .map(({ cumulative, cents, costs, budget, ballots }) => {
    const money = (amount: number): string => (cents ? (amount / 7).toFixed(2) : String(amount));
    const ids = costs.map((_, k) => (k % 3 === 2 ? `p${k}` : String(k + 1)));
    return {
      budget: money(budget),
      ballotKind: cumulative ? 'cumulative' : 'approval',
      projects: costs.map((cost, k) => ({ id: ids[k], cost: money(cost) })),
      ballots: ballots.map(({ picks, voters }): AllocationBallot => {
        const chosen = new Map(picks.map(([project, points]) => [ids[project % ids.length], points]));
        const projectIds = [...chosen.keys()];
        return cumulative ? { projectIds, points: [...chosen.values()], voters } : { projectIds, voters };
      }),
    };
  });

const completions: EqualSharesCompletion[] = ['none', 'add1', 'add1-exhaustive-stop'];
const rules: [string, (input: AllocationInput) => AllocationOutcome][] = [
  ['GREEDY', allocateGreedy],
  ...completions.map((completion): [string, (input: AllocationInput) => AllocationOutcome] => [
    `EQUAL_SHARES ${completion}`,
    (input) => allocateEqualShares(input, { completion }),
  ]),
];

const decimal = (text: string): Rational => Rational.parse(text);
const supported = (input: AllocationInput): Set<string> =>
  new Set(input.ballots.flatMap((ballot) => ballot.projectIds.filter((_, k) => (ballot.points?.[k] ?? 1) > 0)));
const costOf = (input: AllocationInput, ids: readonly string[]): Rational =>
  ids.reduce((sum, id) => sum.add(decimal(input.projects.find((project) => project.id === id)?.cost ?? 'x')), Rational.ZERO);

describe('budget rules on random elections', () => {
  it.each(rules)('%s never spends more than the budget, and only on supported projects', (_, allocate) => {
    fc.assert(
      fc.property(elections, (input) => {
        const result = allocate(input);
        expect(new Set(result.funded).size).toBe(result.funded.length);
        expect(costOf(input, result.funded).eq(decimal(result.spent))).toBe(true);
        expect(decimal(result.spent).lte(decimal(input.budget))).toBe(true);
        expect(decimal(result.spent).add(decimal(result.leftover)).eq(decimal(input.budget))).toBe(true);
        const backed = supported(input);
        expect(result.funded.filter((id) => !backed.has(id))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['GREEDY', allocateGreedy],
    ['EQUAL_SHARES add1', (input: AllocationInput) => allocateEqualShares(input)],
  ] as const)('%s is exhaustive: no unfunded supported project fits in what is left', (_, allocate) => {
    fc.assert(
      fc.property(elections, (input) => {
        const result = allocate(input);
        const left = decimal(result.leftover);
        const fits = input.projects.filter(
          (project) => supported(input).has(project.id) && !result.funded.includes(project.id) && decimal(project.cost).lte(left),
        );
        expect(fits).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('EQUAL_SHARES charges each voter at most their share and collects exactly the cost', () => {
    fc.assert(
      fc.property(elections, fc.constantFrom<EqualSharesCompletion>('none', 'add1'), (input, completion) => {
        const result = allocateEqualShares(input, { completion });
        const election = indexSupporters(prepareElection(input));
        const unit = Rational.of(10n ** BigInt(election.places));
        const share = result.perVoterBudget.mul(unit);
        const run = runEqualShares(election, share);
        let collected = Rational.ZERO;
        run.groupBalances().forEach((balance, g) => {
          expect(balance.gte(Rational.ZERO) && balance.lte(share)).toBe(true);
          collected = collected.add(share.sub(balance).mul(Rational.of(election.groupVoters[g])));
        });
        const bought = result.fundings.filter((funding) => funding.fundedBy === 'equal-shares').map((funding) => funding.projectId);
        expect(collected.div(unit).eq(costOf(input, bought))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  // "Completion never spends less than plain equal shares" is false: fast-check found these. A
  // raised share can make a big project affordable that crowds out several small ones, and add1
  // keeps the last run within the budget whatever it spends. Both are as API.md and equalshares.net
  // define add1 (Wieliczka's official result depends on it), so the rule is kept and the fact tested.
  it('EQUAL_SHARES with add1 can spend less than plain equal shares', () => {
    const first: AllocationInput = {
      budget: '20',
      ballotKind: 'approval',
      projects: [
        { id: '0', cost: '5' },
        { id: '1', cost: '15' },
        { id: '2', cost: '1' },
        { id: '3', cost: '11' },
      ],
      ballots: [
        { projectIds: ['3'], voters: 2 },
        { projectIds: ['1', '3'], voters: 2 },
        { projectIds: ['1', '2', '0'], voters: 3 },
      ],
    };
    // Plain (20/7 each): 3, 2, 0 cost 17. At 3 and 4 each, 1 (15) takes its supporters' money first.
    expect([allocateEqualShares(first, { completion: 'none' }).funded, allocateEqualShares(first, { completion: 'none' }).spent]).toEqual([
      ['3', '2', '0'],
      '17',
    ]);
    const completed = allocateEqualShares(first);
    expect([completed.funded, completed.spent, completed.perVoterBudget.toString()]).toEqual([['1', '2'], '16', '4']);
    // Stopping at the first exhaustive outcome keeps the plain one here...
    expect(allocateEqualShares(first, { completion: 'add1-exhaustive-stop' }).spent).toBe('17');

    // ...but not when the plain outcome leaves room (103 of 113, and 1 costs 7).
    const second: AllocationInput = {
      budget: '113',
      ballotKind: 'approval',
      projects: [
        { id: '0', cost: '43' },
        { id: '1', cost: '7' },
        { id: '2', cost: '3' },
        { id: '3', cost: '24' },
        { id: '4', cost: '57' },
      ],
      ballots: [
        { projectIds: ['3', '4'], voters: 2 },
        { projectIds: ['4', '0'] },
        { projectIds: ['0'], voters: 4 },
        { projectIds: ['3', '0'] },
        { projectIds: ['4', '3', '2', '1'], voters: 4 },
        { projectIds: ['2', '4', '0'] },
        { projectIds: ['2', '0', '3', '4'], voters: 3 },
      ],
    };
    expect(allocateEqualShares(second, { completion: 'none' }).spent).toBe('103');
    for (const completion of ['add1', 'add1-exhaustive-stop'] as const) {
      const result = allocateEqualShares(second, { completion });
      expect([result.funded, result.spent]).toEqual([['4', '3', '2', '1'], '91']);
    }
  });

  it.each(rules)('%s ignores the order of voters and of projects', (_, allocate) => {
    const shuffled = elections.chain((input) =>
      fc.tuple(
        fc.constant(input),
        fc.shuffledSubarray([...input.ballots], { minLength: input.ballots.length, maxLength: input.ballots.length }),
        fc.shuffledSubarray([...input.projects], { minLength: input.projects.length, maxLength: input.projects.length }),
      ),
    );
    fc.assert(
      fc.property(shuffled, ([input, ballots, projects]) => {
        expect(allocate({ ...input, ballots, projects })).toEqual(allocate(input));
      }),
      { numRuns: 200 },
    );
  });

  it.each(rules)('%s counts a grouped ballot as that many single ballots', (_, allocate) => {
    fc.assert(
      fc.property(elections, (input) => {
        const single = input.ballots.flatMap((ballot) =>
          Array.from({ length: ballot.voters ?? 1 }, () => ({ ...ballot, voters: undefined })),
        );
        expect(allocate({ ...input, ballots: single })).toEqual(allocate(input));
      }),
      { numRuns: 200 },
    );
  });
});
