import { readPatronageCsv, unknownEmailProblems } from './patronage-csv.js';

describe('readPatronageCsv', () => {
  it('reads email,amount lines with an optional header, quotes, CRLF, blank lines and a BOM', () => {
    const { lines, problems } = readPatronageCsv(
      '\uFEFFemail,amount\r\nA@Coop.test,10\r\n\r\n"b@coop.test","0.5"\n c@coop.test , 1234.56 \n',
    );
    expect(problems).toEqual([]);
    expect(lines).toEqual([
      { line: 2, email: 'a@coop.test', cents: 1000n },
      { line: 4, email: 'b@coop.test', cents: 50n },
      { line: 5, email: 'c@coop.test', cents: 123456n },
    ]);
  });

  it('reports every bad line with its number: columns, email, amount, duplicate', () => {
    const { lines, problems } = readPatronageCsv(
      [
        'a@coop.test,1',
        'b@coop.test',
        'c@coop.test,1,2',
        'nobody,1',
        'd@coop.test,1e3',
        'e@coop.test,-1',
        'A@coop.test,2',
        '"f@coop.test,1',
      ].join('\n'),
    );
    expect(lines.map((line) => line.line)).toEqual([1]);
    expect(problems.map(({ line, rule }) => [line, rule])).toEqual([
      [2, 'columns'],
      [3, 'columns'],
      [4, 'email'],
      [5, 'amount'],
      [6, 'amount'],
      [7, 'duplicate'],
      [8, 'columns'],
    ]);
    expect(problems[5]).toMatchObject({ firstLine: 1, message: 'Line 7: A@coop.test is already on line 1.' });
  });

  it('refuses amounts beyond what the books hold, and names unknown emails', () => {
    expect(readPatronageCsv('a\u0000@coop.test,1').problems).toEqual([expect.objectContaining({ line: 1, rule: 'email' })]);
    const { lines, problems } = readPatronageCsv('a@coop.test,1000000000000000\nb@coop.test,3');
    expect(problems.map((problem) => problem.rule)).toEqual(['amount']);
    expect(unknownEmailProblems(lines, new Set())).toEqual([
      { line: 2, rule: 'unknown-email', email: 'b@coop.test', message: 'Line 2: no member has the email b@coop.test.' },
    ]);
  });
});
