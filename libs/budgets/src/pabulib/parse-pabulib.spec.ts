import { PabulibError } from './pabulib-error.js';
import { parsePabulib } from './parse-pabulib.js';
import { writePabulib } from './write-pabulib.js';

const file = (...lines: string[]): string => `${lines.join('\n')}\n`;

const approvalFile = file(
  'META',
  'key;value',
  'description;"Park; playgrounds and ""green"" streets"',
  'budget;1000.50',
  'vote_type;approval',
  'rule;greedy',
  'PROJECTS',
  'project_id;cost;name;selected',
  '1;600.25;"Trees;\nand benches";1',
  '2;400;Library;0',
  'VOTES',
  'voter_id;vote;age',
  '10;1,2;34',
  '11;2;',
  '12;;51',
);

/** The PabulibError `parse` throws, for checking its line. */
function failure(text: string): PabulibError {
  try {
    parsePabulib(text);
  } catch (error) {
    if (error instanceof PabulibError) return error;
    throw error;
  }
  throw new Error('parsed without error');
}

describe('parsePabulib', () => {
  it('reads META, PROJECTS and VOTES with quoted fields, doubled quotes and a field spanning lines', () => {
    const election = parsePabulib(approvalFile);
    expect(election.meta).toEqual({
      description: 'Park; playgrounds and "green" streets',
      budget: '1000.50',
      vote_type: 'approval',
      rule: 'greedy',
    });
    expect(election.budget).toBe('1000.50');
    expect(election.voteType).toBe('approval');
    expect(election.projectColumns).toEqual(['project_id', 'cost', 'name', 'selected']);
    expect(election.projects).toEqual([
      { id: '1', cost: '600.25', columns: { name: 'Trees;\nand benches', selected: '1' } },
      { id: '2', cost: '400', columns: { name: 'Library', selected: '0' } },
    ]);
    expect(election.votes).toEqual([
      { voterId: '10', projectIds: ['1', '2'], columns: { age: '34' } },
      { voterId: '11', projectIds: ['2'], columns: { age: '' } },
      { voterId: '12', projectIds: [], columns: { age: '51' } },
    ]);
  });

  it('reads cumulative points aligned with the projects, and tolerates CRLF, a BOM and blank lines', () => {
    const text = `\uFEFFMETA\r\nkey;value\r\nbudget;10\r\nvote_type;cumulative\r\n\r\nPROJECTS\r\nproject_id;cost\r\na;5\r\nb;5\r\nVOTES\r\nvoter_id;vote;points\r\n1;a,b;2,1\r\n`;
    const election = parsePabulib(text);
    expect(election.votes).toEqual([{ voterId: '1', projectIds: ['a', 'b'], points: [2, 1], columns: {} }]);
  });

  it('keeps a META key or column named __proto__ as plain data', () => {
    const text = approvalFile
      .replace('rule;greedy', '__proto__;x')
      .replace('project_id;cost;name;selected', 'project_id;cost;__proto__;selected');
    const election = parsePabulib(text);
    expect(Object.getPrototypeOf(election.meta)).toBe(Object.prototype);
    expect(Object.entries(election.meta)).toContainEqual(['__proto__', 'x']);
    expect(Object.entries(election.projects[1].columns)).toEqual([
      ['__proto__', 'Library'],
      ['selected', '0'],
    ]);
    expect(writePabulib(election)).toBe(text);
  });

  it('writes what it reads, quoting only where needed', () => {
    const written = writePabulib(parsePabulib(approvalFile));
    expect(written).toBe(approvalFile);
    expect(parsePabulib(written)).toEqual(parsePabulib(approvalFile));
  });

  it.each([
    ['an ordinal file', approvalFile.replace('vote_type;approval', 'vote_type;ordinal'), 5, /vote_type "ordinal" is not supported/],
    ['a scoring file', approvalFile.replace('vote_type;approval', 'vote_type;scoring'), 5, /not supported/],
    ['a missing VOTES section', approvalFile.slice(0, approvalFile.indexOf('VOTES')), 11, /section VOTES is missing/],
    ['a missing budget', approvalFile.replace('budget;1000.50\n', ''), 1, /no budget/],
    ['a bad budget', approvalFile.replace('budget;1000.50', 'budget;1,000'), 4, /budget "1,000"/],
    ['a bad cost', approvalFile.replace('2;400;Library', '2;4e2;Library'), 11, /cost "4e2" of project 2/],
    ['a negative cost', approvalFile.replace('2;400;Library', '2;-400;Library'), 11, /cost "-400"/],
    ['a duplicate project id', approvalFile.replace('2;400;Library', '1;400;Library'), 11, /project_id "1" appears twice/],
    ['a vote for an unknown project', approvalFile.replace('11;2;', '11;3;'), 15, /unknown project "3"/],
    ['a project named twice in one vote', approvalFile.replace('11;2;', '11;2,2;'), 15, /project "2" twice/],
    ['a duplicate voter', approvalFile.replace('12;;51', '11;;51'), 16, /voter_id "11" appears twice/],
    ['a row with too many fields', approvalFile.replace('11;2;', '11;2;;'), 15, /3 fields|4 fields/],
    ['a PROJECTS header without cost', approvalFile.replace('project_id;cost;name', 'project_id;price;name'), 8, /no "cost" column/],
    ['a header naming a column twice', approvalFile.replace('voter_id;vote;age', 'voter_id;vote;vote'), 13, /"vote" twice/],
    ['text before META', `hello\n${approvalFile}`, 1, /expected a section name/],
    ['a quote never closed', approvalFile.replace('2;400;Library;0', '2;400;"Library;0'), 11, /never closed/],
    ['a repeated section', approvalFile.replace('VOTES', 'PROJECTS'), 12, /PROJECTS appears twice/],
  ])('refuses %s, naming the line', (_, text, line, message) => {
    const error = failure(text);
    expect(error.line).toBe(line);
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(`line ${line}`);
    expect(error.code).toBe('BAD_USER_INPUT');
  });

  it.each([
    ['points that do not align with the vote', '1;a,b;2', 12, /2 projects but 1 points/],
    ['points that are not whole numbers', '1;a,b;2,0.5', 12, /points "0.5"/],
    ['points too large to count', '1;a,b;2,99999999999', 12, /exceed 2147483647/],
  ])('refuses cumulative %s', (_, vote, line, message) => {
    const text = file(
      'META',
      'key;value',
      'budget;10',
      'vote_type;cumulative',
      'PROJECTS',
      'project_id;cost',
      'a;5',
      'b;5',
      'VOTES',
      'voter_id;vote;points',
      '0;a;1',
      vote,
    );
    const error = failure(text);
    expect(error.line).toBe(line);
    expect(error.message).toMatch(message);
  });
});
