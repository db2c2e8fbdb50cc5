import { pabulibAllocationInput, pabulibMethod, pabulibSelected } from './pabulib-allocation.js';
import { parsePabulib } from './parse-pabulib.js';

const election = (rule: string, voteType = 'cumulative') =>
  parsePabulib(
    [
      'META',
      'key;value',
      'budget;10.5',
      `vote_type;${voteType}`,
      `rule;${rule}`,
      'PROJECTS',
      'project_id;cost;selected',
      'a;5;1',
      'b;5.25;0',
      'c;1;',
      'VOTES',
      'voter_id;vote;points',
      '1;a,b;2,1',
      '2;b;3',
      '',
    ].join('\n'),
  );

describe('Pabulib elections for the budget rules', () => {
  it('gives one ballot per voter, with points for cumulative files', () => {
    expect(pabulibAllocationInput(election('greedy'))).toEqual({
      budget: '10.5',
      ballotKind: 'cumulative',
      projects: [
        { id: 'a', cost: '5' },
        { id: 'b', cost: '5.25' },
        { id: 'c', cost: '1' },
      ],
      ballots: [
        { projectIds: ['a', 'b'], points: [2, 1] },
        { projectIds: ['b'], points: [3] },
      ],
    });
    expect(pabulibAllocationInput(election('greedy', 'approval')).ballots).toEqual([{ projectIds: ['a', 'b'] }, { projectIds: ['b'] }]);
  });

  it.each([
    ['greedy', 'GREEDY'],
    ['equalshares', 'EQUAL_SHARES'],
    ['equalshares/add1', 'EQUAL_SHARES'],
    ['unknown', undefined],
  ])('reads rule %s as %s', (rule, method) => {
    expect(pabulibMethod(election(rule))).toBe(method);
  });

  it('lists the projects marked selected', () => {
    expect(pabulibSelected(election('greedy'))).toEqual(['a']);
  });
});
