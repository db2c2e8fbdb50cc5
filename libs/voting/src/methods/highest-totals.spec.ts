import { Rational } from '@commons/core';
import { ballotFor, labelsOf, optionsLabelled, votesByLabel } from './ballot-fixtures.js';
import { decide } from './decide.js';

const options = optionsLabelled(['Garden', 'Solar', 'Library', 'Bakery']);
const approve = (labels: string[], weight: Rational | number = 1) => ballotFor(options, labels, weight);
const score = (labels: string[], scores: number[], weight: Rational | number = 1) => ballotFor(options, labels, weight, scores);

describe('APPROVAL', () => {
  it('counts weighted approvals and elects the most approved', () => {
    const result = decide('APPROVAL', {
      options,
      ballots: [approve(['Garden', 'Solar'], 3), approve(['Solar']), approve(['Library', 'Garden'], Rational.of(1, 2))],
    });
    expect(votesByLabel(options, result.results)).toEqual({ Garden: '7/2', Solar: '4', Library: '1/2', Bakery: '0' });
    expect(labelsOf(options, result.winners)).toEqual(['Solar']);
    expect(result.passed).toBe(true);
    expect(result.notes).toEqual([]);
  });

  it('elects several seats in order of approvals', () => {
    const result = decide('APPROVAL', {
      options,
      ballots: [approve(['Garden', 'Solar'], 3), approve(['Solar', 'Bakery']), approve(['Library'], 2)],
      seats: 3,
    });
    expect(labelsOf(options, result.winners)).toEqual(['Solar', 'Garden', 'Library']);
  });

  it('gives a tied last seat to the option listed earlier, and says so', () => {
    const result = decide('APPROVAL', {
      options,
      ballots: [approve(['Bakery', 'Library', 'Solar'], 2), approve(['Garden'], 5)],
      seats: 2,
    });
    expect(labelsOf(options, result.winners)).toEqual(['Garden', 'Solar']);
    expect(result.notes).toEqual([
      '"Solar", "Library" and "Bakery" tied with 2 approvals for the last seat; "Solar" was elected as listed earlier in the proposal.',
    ]);
  });

  it('breaks a single-seat tie the same way', () => {
    const result = decide('APPROVAL', { options, ballots: [approve(['Bakery']), approve(['Library'])] });
    expect(labelsOf(options, result.winners)).toEqual(['Library']);
    expect(result.notes).toHaveLength(1);
  });

  it('says nothing about ties that do not decide a seat', () => {
    const result = decide('APPROVAL', { options, ballots: [approve(['Bakery', 'Library']), approve(['Garden'], 3)], seats: 3 });
    expect(labelsOf(options, result.winners)).toEqual(['Garden', 'Library', 'Bakery']);
    expect(result.notes).toEqual([]);
  });

  it('never elects an option nobody approved, even with seats to spare', () => {
    const result = decide('APPROVAL', { options, ballots: [approve(['Garden'])], seats: 3 });
    expect(labelsOf(options, result.winners)).toEqual(['Garden']);
    expect(result.notes).toEqual(['Only 1 option received any approvals, so 2 seats stay empty.']);
  });

  it('elects nothing from no ballots, or from blank ones', () => {
    for (const ballots of [[], [approve([])]]) {
      const result = decide('APPROVAL', { options, ballots });
      expect(result.winners).toEqual([]);
      expect(result.passed).toBe(false);
      expect(result.notes).toEqual(['No option received any approvals, so nothing is elected.']);
    }
  });
});

describe('SCORE', () => {
  it('totals weight x score per option, unscored options counting 0', () => {
    const result = decide('SCORE', {
      options,
      ballots: [score(['Garden', 'Solar'], [5, 1], 2), score(['Solar', 'Library'], [4, 3]), score(['Bakery'], [5], Rational.of(1, 3))],
    });
    expect(votesByLabel(options, result.results)).toEqual({ Garden: '10', Solar: '6', Library: '3', Bakery: '5/3' });
    expect(labelsOf(options, result.winners)).toEqual(['Garden']);
    expect(result.passed).toBe(true);
  });

  it('elects the top totals for several seats, ties to the earlier listed option', () => {
    const result = decide('SCORE', {
      options,
      ballots: [score(['Garden', 'Solar', 'Library', 'Bakery'], [5, 2, 4, 4])],
      seats: 2,
    });
    expect(labelsOf(options, result.winners)).toEqual(['Garden', 'Library']);
    expect(result.notes).toEqual([
      '"Library" and "Bakery" tied with 4 points for the last seat; "Library" was elected as listed earlier in the proposal.',
    ]);
  });

  it('does not elect options that only scored 0', () => {
    const result = decide('SCORE', { options, ballots: [score(['Garden', 'Solar'], [0, 0], 4)] });
    expect(result.winners).toEqual([]);
    expect(result.passed).toBe(false);
    expect(votesByLabel(options, result.results)).toEqual({ Garden: '0', Solar: '0', Library: '0', Bakery: '0' });
  });

  it('rejects scores outside 0..5 or misaligned with the options', () => {
    expect(() => decide('SCORE', { options, ballots: [score(['Garden'], [6])] })).toThrow(
      'Ballot 1: Scores are whole numbers from 0 to 5; "Garden" has 6.',
    );
    expect(() => decide('SCORE', { options, ballots: [score(['Garden', 'Solar'], [3])] })).toThrow(RangeError);
  });
});
