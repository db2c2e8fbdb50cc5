import { Rational } from '@commons/core';
import { ballotFor, labelsOf, letterRankings, optionsLabelled, votesByLabel } from './ballot-fixtures.js';
import { decide } from './decide.js';
import type { DecisionOption, DecisionResult } from './types.js';

function roundsByLabel(options: readonly DecisionOption[], result: DecisionResult): Record<string, string>[] {
  return (result.rounds ?? []).map((round) => votesByLabel(options, round));
}

describe('RANKED_CHOICE with one seat (instant runoff)', () => {
  it('elects Knoxville in the Tennessee capital election', () => {
    const options = optionsLabelled(['Memphis', 'Nashville', 'Chattanooga', 'Knoxville']);
    const result = decide('RANKED_CHOICE', {
      options,
      ballots: [
        ballotFor(options, ['Memphis', 'Nashville', 'Chattanooga', 'Knoxville'], 42),
        ballotFor(options, ['Nashville', 'Chattanooga', 'Knoxville', 'Memphis'], 26),
        ballotFor(options, ['Chattanooga', 'Knoxville', 'Nashville', 'Memphis'], 15),
        ballotFor(options, ['Knoxville', 'Chattanooga', 'Nashville', 'Memphis'], 17),
      ],
    });
    expect(labelsOf(options, result.winners)).toEqual(['Knoxville']);
    expect(result.passed).toBe(true);
    expect(roundsByLabel(options, result)).toEqual([
      { Memphis: '42', Nashville: '26', Chattanooga: '15', Knoxville: '17' },
      { Memphis: '42', Nashville: '26', Knoxville: '32' },
      { Memphis: '42', Knoxville: '58' },
    ]);
    expect(votesByLabel(options, result.results)).toEqual({ Memphis: '42', Nashville: '26', Chattanooga: '15', Knoxville: '17' });
    expect(result.exhausted?.map(String)).toEqual(['0', '0', '0']);
    expect(result.notes).toEqual([]);
  });

  it('elects a first-round majority at once', () => {
    const options = optionsLabelled(['A', 'B', 'C']);
    const result = decide('RANKED_CHOICE', {
      options,
      ballots: letterRankings(options, [
        [3, 'AB'],
        [2, 'BA'],
      ]),
    });
    expect(labelsOf(options, result.winners)).toEqual(['A']);
    expect(result.rounds).toHaveLength(1);
  });

  it('needs a majority of the votes still counting, not of all ballots', () => {
    const options = optionsLabelled(['A', 'B', 'C', 'D']);
    // In round 3 A's 4 votes are a majority of the 7 still counting, though not of the 10 ballots.
    const result = decide('RANKED_CHOICE', {
      options,
      ballots: letterRankings(options, [
        [4, 'A'],
        [3, 'B'],
        [2, 'C'],
        [1, 'D'],
      ]),
    });
    expect(roundsByLabel(options, result)).toEqual([
      { A: '4', B: '3', C: '2', D: '1' },
      { A: '4', B: '3', C: '2' },
      { A: '4', B: '3' },
    ]);
    expect(result.exhausted?.map(String)).toEqual(['0', '1', '3']);
    expect(result.notes).toEqual([]);
    expect(labelsOf(options, result.winners)).toEqual(['A']);
  });

  it('breaks a tie between the last two by earlier rounds', () => {
    const options = optionsLabelled(['A', 'B', 'C']);
    const result = decide('RANKED_CHOICE', {
      options,
      ballots: letterRankings(options, [
        [3, 'A'],
        [4, 'B'],
        [1, 'CA'],
      ]),
    });
    expect(roundsByLabel(options, result)).toEqual([{ A: '3', B: '4', C: '1' }, { A: '4', B: '4' }, { B: '4' }]);
    expect(result.notes).toEqual([
      'Round 2: "A" and "B" were tied for fewest votes (4); "A" was eliminated because it had fewer votes in round 1.',
    ]);
    expect(labelsOf(options, result.winners)).toEqual(['B']);
  });

  it('breaks a tie for fewest votes by the earliest round where the counts differed', () => {
    const options = optionsLabelled(['A', 'B', 'C', 'D']);
    const result = decide('RANKED_CHOICE', {
      options,
      ballots: letterRankings(options, [
        [10, 'A'],
        [6, 'B'],
        [5, 'CB'],
        [1, 'DC'],
        [1, 'D'],
      ]),
    });
    expect(roundsByLabel(options, result)).toEqual([
      { A: '10', B: '6', C: '5', D: '2' },
      { A: '10', B: '6', C: '6' },
      { A: '10', B: '11' },
    ]);
    expect(result.notes).toEqual([
      'Round 2: "B" and "C" were tied for fewest votes (6); "C" was eliminated because it had fewer votes in round 1.',
    ]);
    expect(labelsOf(options, result.winners)).toEqual(['B']);
    expect(result.exhausted?.map(String)).toEqual(['0', '1', '2']);
  });

  it('looks at the earliest differing round, not the most recent one', () => {
    const options = optionsLabelled(['A', 'X', 'Y', 'P', 'Q']);
    const result = decide('RANKED_CHOICE', {
      options,
      ballots: letterRankings(options, [
        [6, 'A'],
        [3, 'X'],
        [4, 'Y'],
        [2, 'PX'],
        [1, 'QY'],
        [2, 'Q'],
      ]),
    });
    // X trailed Y in round 1 but led it in round 2: round 1 decides.
    expect(roundsByLabel(options, result)).toEqual([
      { A: '6', X: '3', Y: '4', P: '2', Q: '3' },
      { A: '6', X: '5', Y: '4', Q: '3' },
      { A: '6', X: '5', Y: '5' },
      { A: '6', Y: '5' },
    ]);
    expect(result.notes).toEqual([
      'Round 3: "X" and "Y" were tied for fewest votes (5); "X" was eliminated because it had fewer votes in round 1.',
    ]);
    expect(labelsOf(options, result.winners)).toEqual(['A']);
  });

  it('eliminates the later-listed option when a final two are tied in every round', () => {
    const options = optionsLabelled(['A', 'B']);
    const result = decide('RANKED_CHOICE', {
      options,
      ballots: letterRankings(options, [
        [2, 'A'],
        [2, 'B'],
      ]),
    });
    expect(labelsOf(options, result.winners)).toEqual(['A']);
    expect(result.notes).toEqual([
      'Round 1: "A" and "B" were tied for fewest votes (2); "B" was eliminated because it is listed later in the proposal.',
    ]);
  });

  it('eliminates every option without votes together', () => {
    const options = optionsLabelled(['A', 'B', 'C', 'D', 'E']);
    const result = decide('RANKED_CHOICE', {
      options,
      ballots: letterRankings(options, [
        [2, 'A'],
        [2, 'B'],
        [1, 'CB'],
      ]),
    });
    expect(roundsByLabel(options, result)).toEqual([
      { A: '2', B: '2', C: '1', D: '0', E: '0' },
      { A: '2', B: '2', C: '1' },
      { A: '2', B: '3' },
    ]);
    expect(result.notes).toEqual(['Round 1: "D" and "E" had no votes and were eliminated together.']);
    expect(labelsOf(options, result.winners)).toEqual(['B']);
  });

  it('counts fractional weights exactly', () => {
    const options = optionsLabelled(['A', 'B', 'C']);
    const third = Rational.of(1, 3);
    const result = decide('RANKED_CHOICE', {
      options,
      ballots: [
        ballotFor(options, ['A'], Rational.of(1, 2)),
        ballotFor(options, ['B'], third),
        ballotFor(options, ['C', 'B'], Rational.of(1, 4)),
      ],
    });
    expect(roundsByLabel(options, result)).toEqual([
      { A: '1/2', B: '1/3', C: '1/4' },
      { A: '1/2', B: '7/12' },
    ]);
    expect(labelsOf(options, result.winners)).toEqual(['B']);
  });

  it('elects nothing when there are no ballots or only blank ones', () => {
    const options = optionsLabelled(['A', 'B']);
    for (const ballots of [[], [ballotFor(options, [], 3)]]) {
      const result = decide('RANKED_CHOICE', { options, ballots });
      expect(result.winners).toEqual([]);
      expect(result.passed).toBe(false);
      expect(result.notes).toEqual(['No ballot ranked any option, so nothing is elected.']);
      expect(roundsByLabel(options, result)).toEqual([{ A: '0', B: '0' }]);
    }
    const blank = decide('RANKED_CHOICE', { options, ballots: [ballotFor(options, [], 3)] });
    expect(blank.exhausted?.map(String)).toEqual(['3']);
  });
});
