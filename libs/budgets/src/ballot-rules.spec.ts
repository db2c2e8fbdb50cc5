import { budgetBallotProblem, type BallotRuleSetup } from './ballot-rules.js';

const projects = [
  { id: 'a', cost: '300.00' },
  { id: 'b', cost: '500.00' },
  { id: 'c', cost: '250.50' },
];
const setup = (overrides: Partial<BallotRuleSetup>): BallotRuleSetup => ({
  ballotRule: 'APPROVAL',
  amount: '1000.00',
  minProjects: null,
  maxProjects: null,
  points: null,
  ...overrides,
});

describe('budget ballot rules', () => {
  it('accepts approval sets within min and max, and names the bound broken otherwise', () => {
    const rule = setup({ minProjects: 1, maxProjects: 2 });
    expect(budgetBallotProblem(rule, projects, ['a', 'b'], null)).toBeNull();
    expect(budgetBallotProblem(rule, projects, [], null)).toMatch(/at least 1 project/);
    expect(budgetBallotProblem(rule, projects, ['a', 'b', 'c'], null)).toMatch(/at most 2 projects/);
  });

  it('refuses duplicates, unknown projects and points on non-cumulative ballots', () => {
    expect(budgetBallotProblem(setup({}), projects, ['a', 'a'], null)).toMatch(/only once/);
    expect(budgetBallotProblem(setup({}), projects, ['z'], null)).toMatch(/accepted projects.*z/);
    expect(budgetBallotProblem(setup({}), projects, ['a'], [1])).toMatch(/CUMULATIVE ballots only/);
  });

  it('keeps knapsack ballots within the budget, to the cent', () => {
    const rule = setup({ ballotRule: 'KNAPSACK', amount: '1050.50' });
    expect(budgetBallotProblem(rule, projects, ['a', 'b', 'c'], null)).toBeNull(); // exactly 1050.50
    const tighter = setup({ ballotRule: 'KNAPSACK', amount: '1050.49' });
    expect(budgetBallotProblem(tighter, projects, ['a', 'b', 'c'], null)).toMatch(/cost 1050.50 in all, more than the budget of 1050.49/);
  });

  it('checks cumulative points: aligned, whole, positive and within the total', () => {
    const rule = setup({ ballotRule: 'CUMULATIVE', points: 7, maxProjects: 2 });
    expect(budgetBallotProblem(rule, projects, ['a', 'b'], [4, 3])).toBeNull();
    expect(budgetBallotProblem(rule, projects, ['a', 'b'], [4])).toMatch(/aligned/);
    expect(budgetBallotProblem(rule, projects, ['a', 'b'], [4, 4])).toMatch(/gave 8 points; at most 7/);
    expect(budgetBallotProblem(rule, projects, ['a'], [0])).toMatch(/at least 1/);
    expect(budgetBallotProblem(rule, projects, ['a'], [1.5])).toMatch(/whole numbers/);
    expect(budgetBallotProblem(rule, projects, ['a', 'b', 'c'], [1, 1, 1])).toMatch(/at most 2 projects/);
  });
});
