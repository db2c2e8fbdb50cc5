import { Rational } from '@commons/core';
import { optionsLabelled } from './ballot-fixtures.js';
import { breakTieByRounds, formatVotes, listLabels } from './tie-break.js';

const rounds = (...rows: number[][]) => rows.map((row) => row.map((votes) => Rational.of(votes)));

describe('breakTieByRounds', () => {
  it('eliminates the option with fewer votes in the earliest round where the tied options differed', () => {
    const history = rounds([1, 5, 4, 9], [3, 5, 6, 9], [7, 7, 7, 9]);
    expect(breakTieByRounds([0, 1, 2], history, 'eliminate')).toEqual({ chosen: 0, reason: 'it had fewer votes in round 1' });
    expect(breakTieByRounds([1, 2], history, 'eliminate')).toEqual({ chosen: 2, reason: 'it had fewer votes in round 1' });
  });

  it('keeps narrowing through later rounds among those still tied', () => {
    const history = rounds([2, 2, 5], [4, 3, 3], [6, 6, 6]);
    expect(breakTieByRounds([0, 1, 2], history, 'eliminate')).toEqual({ chosen: 1, reason: 'it had fewer votes in round 2' });
    expect(breakTieByRounds([0, 1, 2], history, 'elect')).toEqual({ chosen: 2, reason: 'it had more votes in round 1' });
  });

  it('falls back on proposal order when the counts never differed', () => {
    const history = rounds([3, 3, 3], [4, 4, 4]);
    expect(breakTieByRounds([0, 2], history, 'eliminate')).toEqual({ chosen: 2, reason: 'it is listed later in the proposal' });
    expect(breakTieByRounds([0, 2], history, 'elect')).toEqual({ chosen: 0, reason: 'it is listed earlier in the proposal' });
  });
});

describe('wording helpers', () => {
  it('lists labels and formats votes for members', () => {
    const options = optionsLabelled(['A', 'B', 'C']);
    expect(listLabels(options, [2])).toBe('"C"');
    expect(listLabels(options, [0, 2])).toBe('"A" and "C"');
    expect(listLabels(options, [0, 1, 2])).toBe('"A", "B" and "C"');
    expect(formatVotes(Rational.of(12))).toBe('12');
    expect(formatVotes(Rational.of(7, 2))).toBe('3.5');
    expect(formatVotes(Rational.of(2, 3))).toBe('0.667');
  });
});
