import { Rational } from '@commons/core';
import { ballotFor, labelsOf, letterRankings, optionsLabelled, votesByLabel } from './ballot-fixtures.js';
import { decide } from './decide.js';
import type { DecisionOption, DecisionResult } from './types.js';

function roundsByLabel(options: readonly DecisionOption[], result: DecisionResult): Record<string, string>[] {
  return (result.rounds ?? []).map((round) => votesByLabel(options, round));
}

describe('RANKED_CHOICE with several seats (single transferable vote)', () => {
  it('elects Chocolate, Oranges and Strawberries in the food election', () => {
    const options = optionsLabelled(['Oranges', 'Pears', 'Chocolate', 'Strawberries', 'Sweets']);
    const result = decide('RANKED_CHOICE', {
      options,
      seats: 3,
      ballots: [
        ballotFor(options, ['Oranges'], 4),
        ballotFor(options, ['Pears', 'Oranges'], 2),
        ballotFor(options, ['Chocolate', 'Strawberries'], 8),
        ballotFor(options, ['Chocolate', 'Sweets'], 4),
        ballotFor(options, ['Strawberries'], 1),
        ballotFor(options, ['Sweets'], 1),
      ],
    });
    expect(labelsOf(options, result.winners)).toEqual(['Chocolate', 'Oranges', 'Strawberries']);
    expect(result.quota?.toString()).toBe('6');
    expect(roundsByLabel(options, result)).toEqual([
      { Oranges: '4', Pears: '2', Chocolate: '12', Strawberries: '1', Sweets: '1' },
      // Chocolate keeps the quota; its surplus of 6 moves on at 6/12 per ballot: 4 to Strawberries, 2 to Sweets.
      { Oranges: '4', Pears: '2', Chocolate: '6', Strawberries: '5', Sweets: '3' },
      { Oranges: '6', Chocolate: '6', Strawberries: '5', Sweets: '3' },
      { Oranges: '6', Chocolate: '6', Strawberries: '5', Sweets: '3' },
      { Oranges: '6', Chocolate: '6', Strawberries: '5' },
    ]);
    expect(result.exhausted?.map(String)).toEqual(['0', '0', '0', '0', '3']);
    expect(votesByLabel(options, result.results)).toEqual({ Oranges: '4', Pears: '2', Chocolate: '12', Strawberries: '1', Sweets: '1' });
    expect(result.notes).toEqual([
      'The quota is 6 votes (Droop: 20 valid votes / 4, rounded down, plus 1).',
      '"Strawberries" is elected without reaching the quota, as no more options were left in the count than seats to fill.',
    ]);
    expect(result.passed).toBe(true);
  });

  it('uses the exact Droop quota for fractional totals and transfers surpluses exactly', () => {
    const options = optionsLabelled(['A', 'B', 'C']);
    const result = decide('RANKED_CHOICE', {
      options,
      seats: 2,
      ballots: [ballotFor(options, ['A', 'B'], Rational.of(5, 2)), ballotFor(options, ['C'], 1)],
    });
    expect(result.quota?.toString()).toBe('7/6');
    // A's surplus 5/2 - 7/6 = 4/3 moves on at (4/3) / (5/2) = 8/15 of each ballot: B gets 4/3.
    expect(roundsByLabel(options, result)).toEqual([
      { A: '5/2', B: '0', C: '1' },
      { A: '7/6', B: '4/3', C: '1' },
    ]);
    expect(labelsOf(options, result.winners)).toEqual(['A', 'B']);
    expect(result.notes[0]).toBe(
      'The quota is 1.167 votes (exact Droop: 3.5 valid votes / 3); an option is elected when its votes exceed it.',
    );
  });

  it('requires votes above the exact quota, then fills the seats left', () => {
    const options = optionsLabelled(['A', 'B', 'C']);
    const half = Rational.of(1, 2);
    const result = decide('RANKED_CHOICE', {
      options,
      seats: 2,
      ballots: [ballotFor(options, ['A'], half), ballotFor(options, ['B'], half), ballotFor(options, ['C'], half)],
    });
    expect(result.quota?.toString()).toBe('1/2');
    expect(roundsByLabel(options, result)).toEqual([
      { A: '1/2', B: '1/2', C: '1/2' },
      { A: '1/2', B: '1/2' },
    ]);
    expect(labelsOf(options, result.winners)).toEqual(['A', 'B']);
    expect(result.notes.slice(1)).toEqual([
      'Round 1: "A", "B" and "C" were tied for fewest votes (0.5); "C" was eliminated because it is listed later in the proposal.',
      '"A" and "B" are elected without reaching the quota, as no more options were left in the count than seats to fill.',
    ]);
  });

  it('elects everyone reaching the quota in the same round', () => {
    const options = optionsLabelled(['A', 'B', 'C']);
    const result = decide('RANKED_CHOICE', {
      options,
      seats: 2,
      ballots: letterRankings(options, [
        [5, 'AC'],
        [5, 'BC'],
        [2, 'C'],
      ]),
    });
    expect(result.quota?.toString()).toBe('5');
    expect(labelsOf(options, result.winners)).toEqual(['A', 'B']);
    expect(result.rounds).toHaveLength(1);
  });

  it('transfers a surplus before filling the last seat', () => {
    const options = optionsLabelled(['A', 'B']);
    const result = decide('RANKED_CHOICE', { options, seats: 2, ballots: letterRankings(options, [[10, 'AB']]) });
    expect(roundsByLabel(options, result)).toEqual([
      { A: '10', B: '0' },
      { A: '4', B: '6' },
    ]);
    expect(labelsOf(options, result.winners)).toEqual(['A', 'B']);
  });

  it('leaves seats empty rather than elect options nobody voted for', () => {
    const options = optionsLabelled(['A', 'B', 'C', 'D']);
    const result = decide('RANKED_CHOICE', { options, seats: 3, ballots: letterRankings(options, [[10, 'A']]) });
    expect(labelsOf(options, result.winners)).toEqual(['A']);
    expect(result.exhausted?.map(String)).toEqual(['0', '7']);
    expect(result.notes.at(-1)).toBe('Only 1 option could be elected with the votes cast, so 2 seats stay empty.');
  });

  it('eliminates the weakest when nobody reaches the quota, the later listed on a tie that never differed', () => {
    const options = optionsLabelled(['A', 'B', 'C', 'D', 'E']);
    const result = decide('RANKED_CHOICE', {
      options,
      seats: 2,
      ballots: letterRankings(options, [
        [4, 'AB'],
        [3, 'B'],
        [2, 'CA'],
        [3, 'DE'],
        [1, 'E'],
        [2, 'ED'],
      ]),
    });
    expect(result.quota?.toString()).toBe('6');
    expect(roundsByLabel(options, result)).toEqual([
      { A: '4', B: '3', C: '2', D: '3', E: '3' },
      { A: '6', B: '3', D: '3', E: '3' },
      { A: '6', B: '3', D: '3', E: '3' },
      { A: '6', B: '3', D: '5' },
      { A: '6', D: '5' },
    ]);
    expect(result.exhausted?.map(String)).toEqual(['0', '0', '0', '1', '4']);
    expect(result.notes).toContain(
      'Round 3: "B", "D" and "E" were tied for fewest votes (3); "E" was eliminated because it is listed later in the proposal.',
    );
    expect(labelsOf(options, result.winners)).toEqual(['A', 'D']);
  });

  it('breaks an elimination tie by the earliest round where the counts differed', () => {
    const options = optionsLabelled(['A', 'B', 'C', 'D']);
    const result = decide('RANKED_CHOICE', {
      options,
      seats: 2,
      ballots: letterRankings(options, [
        [5, 'A'],
        [3, 'B'],
        [2, 'C'],
        [1, 'DC'],
      ]),
    });
    expect(result.quota?.toString()).toBe('4');
    expect(roundsByLabel(options, result)).toEqual([
      { A: '5', B: '3', C: '2', D: '1' },
      { A: '4', B: '3', C: '2', D: '1' },
      { A: '4', B: '3', C: '3' },
      { A: '4', B: '3' },
    ]);
    expect(result.notes).toContain(
      'Round 3: "B" and "C" were tied for fewest votes (3); "C" was eliminated because it had fewer votes in round 1.',
    );
    expect(labelsOf(options, result.winners)).toEqual(['A', 'B']);
  });

  it('elects nothing from blank ballots', () => {
    const options = optionsLabelled(['A', 'B', 'C']);
    const result = decide('RANKED_CHOICE', { options, seats: 2, ballots: [ballotFor(options, [], 4)] });
    expect(result.winners).toEqual([]);
    expect(result.passed).toBe(false);
    expect(result.notes.at(-1)).toBe('No ballot ranked any option, so nothing is elected.');
  });
});
