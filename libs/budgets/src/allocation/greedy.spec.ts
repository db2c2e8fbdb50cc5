import type { AllocationInput } from './allocation-input.js';
import { allocateGreedy } from './greedy.js';

const approval = (budget: string, projects: [string, string][], ballots: string[][]): AllocationInput => ({
  budget,
  ballotKind: 'approval',
  projects: projects.map(([id, cost]) => ({ id, cost })),
  ballots: ballots.map((projectIds) => ({ projectIds })),
});

describe('allocateGreedy', () => {
  it('funds by approvals, skipping a project that no longer fits and trying the next', () => {
    const result = allocateGreedy(
      approval(
        '100',
        [
          ['a', '60'],
          ['b', '50'],
          ['c', '30'],
          ['d', '20'],
        ],
        [['a', 'b', 'c', 'd'], ['a', 'b', 'c'], ['a', 'b'], ['a']],
      ),
    );
    expect(result.funded).toEqual(['a', 'c']);
    expect(result.spent).toBe('90');
    expect(result.leftover).toBe('10');
    expect(result.voters).toBe(4);
    expect(result.steps).toEqual([
      { projectId: 'a', cost: '60', support: 4, outcome: 'funded' },
      { projectId: 'b', cost: '50', support: 3, outcome: 'did-not-fit' },
      { projectId: 'c', cost: '30', support: 2, outcome: 'funded' },
      { projectId: 'd', cost: '20', support: 1, outcome: 'did-not-fit' },
    ]);
  });

  it('never funds a project nobody supports, even when it fits or costs nothing', () => {
    const result = allocateGreedy(
      approval(
        '100',
        [
          ['a', '10'],
          ['free', '0'],
          ['lonely', '5'],
        ],
        [['a']],
      ),
    );
    expect(result.funded).toEqual(['a']);
    expect(result.steps.filter((step) => step.outcome === 'no-support').map((step) => step.projectId)).toEqual(['free', 'lonely']);
  });

  it('funds a supported project that costs nothing', () => {
    const result = allocateGreedy(
      approval(
        '0',
        [
          ['a', '10'],
          ['free', '0'],
        ],
        [['a', 'free']],
      ),
    );
    expect(result.funded).toEqual(['free']);
    expect(result.spent).toBe('0');
  });

  it('funds nothing with an empty budget or no ballots', () => {
    expect(allocateGreedy(approval('0', [['a', '1']], [['a']])).funded).toEqual([]);
    const noBallots = allocateGreedy(approval('10', [['a', '1']], []));
    expect(noBallots.funded).toEqual([]);
    expect(noBallots.voters).toBe(0);
  });

  it('can spend the budget exactly', () => {
    expect(
      allocateGreedy(
        approval(
          '50',
          [
            ['a', '30'],
            ['b', '20'],
          ],
          [['a', 'b'], ['a']],
        ),
      ).leftover,
    ).toBe('0');
  });

  it('keeps decimal money exact', () => {
    const result = allocateGreedy(
      approval(
        '100.5',
        [
          ['a', '50.25'],
          ['b', '50.25'],
          ['c', '0.01'],
        ],
        [
          ['a', 'b', 'c'],
          ['a', 'b'],
        ],
      ),
    );
    expect(result.funded).toEqual(['a', 'b']);
    expect(result.spent).toBe('100.50');
    expect(result.leftover).toBe('0.00');
  });

  describe('ties', () => {
    it('go to the cheaper project first', () => {
      const result = allocateGreedy(
        approval(
          '50',
          [
            ['big', '40'],
            ['small', '30'],
          ],
          [['big', 'small']],
        ),
      );
      expect(result.funded).toEqual(['small']);
    });

    it('then to the lower id, as numbers when both are whole numbers', () => {
      const result = allocateGreedy(
        approval(
          '30',
          [
            ['10', '30'],
            ['9', '30'],
          ],
          [['10', '9']],
        ),
      );
      expect(result.funded).toEqual(['9']);
    });

    it('then to the lower id as text otherwise', () => {
      const result = allocateGreedy(
        approval(
          '30',
          [
            ['x2', '30'],
            ['x10', '30'],
            ['y', '30'],
          ],
          [['x2', 'x10', 'y']],
        ),
      );
      expect(result.steps.map((step) => step.projectId)).toEqual(['x10', 'x2', 'y']);
      expect(result.funded).toEqual(['x10']);
    });
  });

  it('ranks cumulative ballots by points, not by voters', () => {
    const result = allocateGreedy({
      budget: '10',
      ballotKind: 'cumulative',
      projects: [
        { id: 'wide', cost: '10' },
        { id: 'deep', cost: '10' },
      ],
      ballots: [
        { projectIds: ['wide'], points: [1] },
        { projectIds: ['wide'], points: [1] },
        { projectIds: ['deep', 'wide'], points: [3, 0] },
      ],
    });
    expect(result.funded).toEqual(['deep']);
    expect(result.steps.map((step) => [step.projectId, step.support])).toEqual([
      ['deep', 3],
      ['wide', 2],
    ]);
  });

  it('counts a grouped ballot as many voters', () => {
    const grouped = allocateGreedy({
      ...approval(
        '10',
        [
          ['a', '10'],
          ['b', '10'],
        ],
        [['b']],
      ),
      ballots: [{ projectIds: ['a'], voters: 2 }, { projectIds: ['b'] }],
    });
    expect(grouped.funded).toEqual(['a']);
    expect(grouped.voters).toBe(3);
  });

  it('rejects ballots naming an unknown project or one project twice, and bad money', () => {
    expect(() => allocateGreedy(approval('10', [['a', '1']], [['b']]))).toThrow(/unknown project b/);
    expect(() => allocateGreedy(approval('10', [['a', '1']], [['a', 'a']]))).toThrow(/twice/);
    expect(() =>
      allocateGreedy(
        approval(
          '10',
          [
            ['a', '1'],
            ['a', '2'],
          ],
          [],
        ),
      ),
    ).toThrow(/listed twice/);
    expect(() => allocateGreedy(approval('-1', [['a', '1']], []))).toThrow(/budget/);
    expect(() => allocateGreedy(approval('10', [['a', '1e3']], []))).toThrow(/cost of project a/);
    const tooMany: AllocationInput = {
      budget: '1',
      ballotKind: 'cumulative',
      projects: [{ id: 'a', cost: '1' }],
      ballots: [{ projectIds: ['a'], points: [4], voters: 2 ** 52 }],
    };
    expect(() => allocateGreedy(tooMany)).toThrow(/too many voters or points/);
  });
});
