import { Rational } from '@commons/core';
import { aggregateBallots, prepareBallots } from './ballots.js';
import { ballotFor, optionsLabelled } from './ballot-fixtures.js';

const options = optionsLabelled(['A', 'B', 'C']);

describe('aggregateBallots', () => {
  it('merges ballots with the same choice, adding their weights exactly', () => {
    const merged = aggregateBallots([
      ballotFor(options, ['A', 'B'], Rational.of(1, 3)),
      ballotFor(options, ['B', 'A'], 1),
      ballotFor(options, ['A', 'B'], Rational.of(1, 6)),
    ]);
    expect(merged.map((ballot) => [ballot.optionIds.join('>'), ballot.weight.toString()])).toEqual([
      ['id-a>id-b', '1/2'],
      ['id-b>id-a', '1'],
    ]);
  });

  it('keeps ballots with different scores apart', () => {
    const merged = aggregateBallots([
      ballotFor(options, ['A'], 1, [3]),
      ballotFor(options, ['A'], 1, [4]),
      ballotFor(options, ['A'], 2, [3]),
    ]);
    expect(merged.map((ballot) => [ballot.scores, ballot.weight.toString()])).toEqual([
      [[3], '3'],
      [[4], '1'],
    ]);
  });
});

describe('prepareBallots', () => {
  it('expresses every weight in whole units of the least common denominator, merging ranked ballots', () => {
    const prepared = prepareBallots('RANKED_CHOICE', options, [
      ballotFor(options, ['A'], Rational.of(1, 4)),
      ballotFor(options, ['B', 'C'], Rational.of(5, 6)),
      ballotFor(options, ['A'], 2),
      ballotFor(options, ['C'], 0),
    ]);
    expect(prepared.scale).toBe(12n);
    expect(prepared.ballots).toEqual([
      { choice: [0], scores: null, units: 27n },
      { choice: [1, 2], scores: null, units: 10n },
    ]);
  });

  it('keeps score ballots apart, with their scores', () => {
    const prepared = prepareBallots('SCORE', options, [
      ballotFor(options, ['A'], Rational.of(1, 2), [4]),
      ballotFor(options, ['A'], 1, [4]),
    ]);
    expect(prepared.scale).toBe(2n);
    expect(prepared.ballots).toEqual([
      { choice: [0], scores: [4], units: 1n },
      { choice: [0], scores: [4], units: 2n },
    ]);
  });
});
