import type { AllocationInput } from './allocation-input.js';
import { allocateBudget } from './allocate-budget.js';

describe('allocateBudget', () => {
  // GREEDY takes the most approved project; equal shares gives the minority its share too.
  const input: AllocationInput = {
    budget: '100',
    ballotKind: 'approval',
    projects: [
      { id: 'majority', cost: '60' },
      { id: 'majority2', cost: '40' },
      { id: 'minority', cost: '40' },
    ],
    ballots: [
      { projectIds: ['majority', 'majority2'], voters: 6 },
      { projectIds: ['minority'], voters: 4 },
    ],
  };

  it('runs the method it is asked for', () => {
    const greedy = allocateBudget('GREEDY', input);
    const shares = allocateBudget('EQUAL_SHARES', input);
    expect([greedy.method, greedy.funded]).toEqual(['GREEDY', ['majority2', 'majority']]);
    expect([shares.method, shares.funded]).toEqual(['EQUAL_SHARES', ['majority2', 'minority']]);
  });
});
