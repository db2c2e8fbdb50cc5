import { Rational } from '@commons/core';
import { ballotFor, labelsOf, letterRankings, matrixToStrings, optionsLabelled, votesByLabel } from './ballot-fixtures.js';
import { decide } from './decide.js';
import type { DecisionOption, WeightedBallot } from './types.js';

const numbers = (rows: number[][]) => rows.map((row) => row.map(String));

function schulze(options: DecisionOption[], ballots: WeightedBallot[], seats = 1) {
  const result = decide('SCHULZE', { options, ballots, seats });
  return { result, ranking: labelsOf(options, result.schulze?.ranking ?? []), winners: labelsOf(options, result.winners) };
}

describe('SCHULZE', () => {
  it("elects E in Schulze's 45-voter example, with his pairwise and strongest-path matrices", () => {
    const options = optionsLabelled(['A', 'B', 'C', 'D', 'E']);
    const ballots = letterRankings(options, [
      [5, 'ACBED'],
      [5, 'ADECB'],
      [8, 'BEDAC'],
      [3, 'CABED'],
      [7, 'CAEBD'],
      [2, 'CBADE'],
      [7, 'DCEBA'],
      [8, 'EBADC'],
    ]);
    const { result, ranking, winners } = schulze(options, ballots);
    expect(matrixToStrings(result.schulze?.preferences ?? [])).toEqual(
      numbers([
        [0, 20, 26, 30, 22],
        [25, 0, 16, 33, 18],
        [19, 29, 0, 17, 24],
        [15, 12, 28, 0, 14],
        [23, 27, 21, 31, 0],
      ]),
    );
    expect(matrixToStrings(result.schulze?.strongestPaths ?? [])).toEqual(
      numbers([
        [0, 28, 28, 30, 24],
        [25, 0, 28, 33, 24],
        [25, 29, 0, 29, 24],
        [25, 28, 28, 0, 24],
        [25, 28, 28, 31, 0],
      ]),
    );
    expect(ranking).toEqual(['E', 'A', 'C', 'B', 'D']);
    expect(winners).toEqual(['E']);
    expect(result.passed).toBe(true);
    expect(result.notes).toEqual([]);
    expect(votesByLabel(options, result.results)).toEqual({ A: '10', B: '8', C: '12', D: '7', E: '8' });
  });

  it("elects D in Schulze's 30-voter, four-candidate example", () => {
    const options = optionsLabelled(['A', 'B', 'C', 'D']);
    const ballots = letterRankings(options, [
      [5, 'ACBD'],
      [2, 'ACDB'],
      [3, 'ADCB'],
      [4, 'BACD'],
      [3, 'CBDA'],
      [3, 'CDBA'],
      [1, 'DACB'],
      [5, 'DBAC'],
      [4, 'DCBA'],
    ]);
    const { result, ranking, winners } = schulze(options, ballots);
    expect(matrixToStrings(result.schulze?.strongestPaths ?? [])).toEqual(
      numbers([
        [0, 20, 20, 17],
        [19, 0, 19, 17],
        [19, 21, 0, 17],
        [18, 18, 18, 0],
      ]),
    );
    expect(ranking).toEqual(['D', 'A', 'C', 'B']);
    expect(winners).toEqual(['D']);
  });

  it("elects B in Schulze's 30-voter, five-candidate example", () => {
    const options = optionsLabelled(['A', 'B', 'C', 'D', 'E']);
    const ballots = letterRankings(options, [
      [3, 'ABDEC'],
      [5, 'ADEBC'],
      [1, 'ADECB'],
      [2, 'BADEC'],
      [2, 'BDECA'],
      [4, 'CABDE'],
      [6, 'CBADE'],
      [2, 'DBECA'],
      [5, 'DECAB'],
    ]);
    const { result, ranking, winners } = schulze(options, ballots);
    expect(matrixToStrings(result.schulze?.strongestPaths ?? [])).toEqual(
      numbers([
        [0, 18, 20, 21, 21],
        [19, 0, 19, 19, 19],
        [19, 18, 0, 19, 19],
        [19, 18, 20, 0, 30],
        [19, 18, 20, 19, 0],
      ]),
    );
    expect(ranking).toEqual(['B', 'A', 'D', 'E', 'C']);
    expect(winners).toEqual(['B']);
  });

  it("resolves the tie in Schulze's 9-voter example (B and D both potential winners) by proposal order, visibly", () => {
    const options = optionsLabelled(['A', 'B', 'C', 'D']);
    const ballots = letterRankings(options, [
      [3, 'ABCD'],
      [2, 'DABC'],
      [2, 'DBCA'],
      [2, 'CBDA'],
    ]);
    const single = schulze(options, ballots);
    expect(single.ranking).toEqual(['B', 'D', 'A', 'C']);
    expect(single.winners).toEqual(['B']);
    expect(single.result.notes).toEqual([
      '"B" and "D" are tied in the Schulze ranking (neither beats the other by beat-path strength); "B" is elected as listed earlier in the proposal.',
    ]);
    // With two seats both tied options are elected: the tie decides nothing, so there is no note.
    expect(schulze(options, ballots, 2).result.notes).toEqual([]);
    const three = schulze(options, ballots, 3);
    expect(three.winners).toEqual(['B', 'D', 'A']);
    expect(three.result.notes).toEqual([
      '"A" and "C" are tied in the Schulze ranking (neither beats the other by beat-path strength); "A" is elected as listed earlier in the proposal.',
    ]);
  });

  it('elects Nashville, the Condorcet winner, in the Tennessee capital election', () => {
    const options = optionsLabelled(['Memphis', 'Nashville', 'Chattanooga', 'Knoxville']);
    const { ranking, winners } = schulze(options, [
      ballotFor(options, ['Memphis', 'Nashville', 'Chattanooga', 'Knoxville'], 42),
      ballotFor(options, ['Nashville', 'Chattanooga', 'Knoxville', 'Memphis'], 26),
      ballotFor(options, ['Chattanooga', 'Knoxville', 'Nashville', 'Memphis'], 15),
      ballotFor(options, ['Knoxville', 'Chattanooga', 'Nashville', 'Memphis'], 17),
    ]);
    expect(winners).toEqual(['Nashville']);
    expect(ranking).toEqual(['Nashville', 'Chattanooga', 'Knoxville', 'Memphis']);
  });

  it('ranks unranked options below ranked ones, tied among themselves, and never elects an option nobody ranked', () => {
    const options = optionsLabelled(['A', 'B', 'C', 'D']);
    const { result, ranking, winners } = schulze(
      options,
      letterRankings(options, [
        [3, 'A'],
        [2, 'BC'],
      ]),
      4,
    );
    expect(matrixToStrings(result.schulze?.preferences ?? [])).toEqual(
      numbers([
        [0, 3, 3, 3],
        [2, 0, 2, 2],
        [2, 0, 0, 2],
        [0, 0, 0, 0],
      ]),
    );
    expect(ranking).toEqual(['A', 'B', 'C', 'D']);
    expect(winners).toEqual(['A', 'B', 'C']);
    expect(result.notes).toEqual(['Only 3 options appear on any ballot, so 1 seat stays empty.']);
  });

  it('takes the top of the Schulze ranking for several seats', () => {
    const options = optionsLabelled(['A', 'B', 'C', 'D', 'E']);
    const ballots = letterRankings(options, [
      [5, 'ACBED'],
      [5, 'ADECB'],
      [8, 'BEDAC'],
      [3, 'CABED'],
      [7, 'CAEBD'],
      [2, 'CBADE'],
      [7, 'DCEBA'],
      [8, 'EBADC'],
    ]);
    expect(schulze(options, ballots, 3).winners).toEqual(['E', 'A', 'C']);
  });

  it('measures a defeat by its winning votes, not its margin (they differ with partial rankings)', () => {
    const options = optionsLabelled(['A', 'B', 'C', 'D']);
    const { result, ranking, winners } = schulze(
      options,
      letterRankings(options, [
        [3, 'AB'],
        [3, 'CAB'],
        [5, 'A'],
        [7, 'DC'],
      ]),
    );
    expect(matrixToStrings(result.schulze?.preferences ?? [])).toEqual(
      numbers([
        [0, 11, 8, 11],
        [0, 0, 3, 6],
        [10, 10, 0, 3],
        [7, 7, 7, 0],
      ]),
    );
    // Losing directions carry no link, so B, beaten by everyone, has no path anywhere.
    expect(matrixToStrings(result.schulze?.strongestPaths ?? [])).toEqual(
      numbers([
        [0, 11, 7, 11],
        [0, 0, 0, 0],
        [10, 10, 0, 10],
        [7, 7, 7, 0],
      ]),
    );
    // With margins A would win: C over A by 2 would be weaker than A over D over C by 4.
    expect(winners).toEqual(['C']);
    expect(ranking).toEqual(['C', 'A', 'D', 'B']);
  });

  it('weighs fractional ballots exactly', () => {
    const options = optionsLabelled(['A', 'B', 'C']);
    const { result, winners } = schulze(options, [
      ballotFor(options, ['A', 'B', 'C'], Rational.of(1, 3)),
      ballotFor(options, ['B', 'C', 'A'], Rational.of(1, 4)),
      ballotFor(options, ['C', 'A', 'B'], Rational.of(1, 5)),
    ]);
    expect(matrixToStrings(result.schulze?.preferences ?? [])).toEqual([
      ['0', '8/15', '1/3'],
      ['1/4', '0', '7/12'],
      ['9/20', '1/5', '0'],
    ]);
    // A beats B 8/15 to 1/4, B beats C 7/12 to 1/3, C beats A 9/20 to 1/3: the cycle's weakest link is C over A.
    expect(winners).toEqual(['A']);
  });

  it('elects nothing from no ballots or blank ones', () => {
    const options = optionsLabelled(['A', 'B']);
    for (const ballots of [[], [ballotFor(options, [], 2)]]) {
      const { result } = schulze(options, ballots);
      expect(result.winners).toEqual([]);
      expect(result.passed).toBe(false);
      expect(result.notes).toEqual(['No option was ranked by anyone, so nothing is elected.']);
    }
  });
});
