import { describe, expect, it } from 'vitest';
import { budgetBallotStatus } from './budget-rules';

const PROJECTS = [
  { id: 'p1', cost: '0.10' },
  { id: 'p2', cost: '0.20' },
  { id: 'p3', cost: '1000000000000000.01' },
];

describe('budgetBallotStatus', () => {
  it('APPROVAL: between minProjects and maxProjects', () => {
    const budget = { amount: '100', ballotRule: 'APPROVAL' as const, minProjects: 2, maxProjects: 2 };
    expect(budgetBallotStatus(budget, PROJECTS, new Set(['p1']), {}).problem).toBe('tooFew');
    expect(budgetBallotStatus(budget, PROJECTS, new Set(['p1', 'p2']), {}).problem).toBe('none');
    expect(budgetBallotStatus(budget, PROJECTS, new Set(['p1', 'p2', 'p3']), {}).problem).toBe('tooMany');
  });

  it('APPROVAL: at least one project when no minimum is set', () => {
    const budget = { amount: '100', ballotRule: 'APPROVAL' as const };
    expect(budgetBallotStatus(budget, PROJECTS, new Set(), {}).problem).toBe('tooFew');
    expect(budgetBallotStatus(budget, PROJECTS, new Set(['p3']), {}).problem).toBe('none');
  });

  it('KNAPSACK: money left, exactly (0.10 + 0.20 is 0.30)', () => {
    const budget = { amount: '0.30', ballotRule: 'KNAPSACK' as const };
    const status = budgetBallotStatus(budget, PROJECTS, new Set(['p1', 'p2']), {});
    expect(status).toMatchObject({ spent: '0.30', left: '0.00', problem: 'none' });
    const over = budgetBallotStatus(budget, PROJECTS, new Set(['p1', 'p2', 'p3']), {});
    expect(over).toMatchObject({ spent: '1000000000000000.31', left: '-1000000000000000.01', problem: 'overBudget' });
  });

  it('CUMULATIVE: points left, and no more than the points', () => {
    const budget = { amount: '100', ballotRule: 'CUMULATIVE' as const, points: 10, maxProjects: 2 };
    expect(budgetBallotStatus(budget, PROJECTS, new Set(), { p1: 4, p2: 6 })).toMatchObject({
      pointsUsed: 10,
      pointsLeft: 0,
      problem: 'none',
    });
    expect(budgetBallotStatus(budget, PROJECTS, new Set(), { p1: 4, p2: 7 })).toMatchObject({ pointsLeft: -1, problem: 'overPoints' });
    expect(budgetBallotStatus(budget, PROJECTS, new Set(), { p1: 1, p2: 1, p3: 1 }).problem).toBe('tooMany');
    expect(budgetBallotStatus(budget, PROJECTS, new Set(), { p1: 0 }).problem).toBe('tooFew');
  });
});
