import { Rational } from '@commons/core';
import { ballotFor, optionsLabelled, votesByLabel } from './ballot-fixtures.js';
import { decide } from './decide.js';

const forAgainst = optionsLabelled(['FOR', 'AGAINST', 'ABSTAIN']);
const consentOptions = optionsLabelled(['CONSENT', 'OBJECT', 'STAND_ASIDE']);
const vote = (label: string, weight: Rational | number = 1) =>
  ballotFor(label === 'CONSENT' || label === 'OBJECT' || label === 'STAND_ASIDE' ? consentOptions : forAgainst, [label], weight);

describe('MAJORITY', () => {
  it('passes when FOR is strictly more than AGAINST and reports weighted totals', () => {
    const result = decide('MAJORITY', {
      options: forAgainst,
      ballots: [vote('FOR', 3), vote('AGAINST', 2), vote('ABSTAIN', 10), vote('FOR')],
    });
    expect(result.passed).toBe(true);
    expect(votesByLabel(forAgainst, result.results)).toEqual({ FOR: '4', AGAINST: '2', ABSTAIN: '10' });
    expect(result.winners).toEqual([]);
    expect(result.notes).toEqual([]);
  });

  it('does not pass on a tie, and says so', () => {
    const result = decide('MAJORITY', { options: forAgainst, ballots: [vote('FOR', 2), vote('AGAINST', 2)] });
    expect(result.passed).toBe(false);
    expect(result.notes).toEqual(['FOR and AGAINST are tied at 2; a tie does not pass.']);
  });

  it('does not pass when AGAINST wins', () => {
    expect(decide('MAJORITY', { options: forAgainst, ballots: [vote('FOR', 2), vote('AGAINST', 3)] }).passed).toBe(false);
  });

  it('does not pass with no ballots or only abstentions', () => {
    const empty = decide('MAJORITY', { options: forAgainst, ballots: [] });
    expect(empty.passed).toBe(false);
    expect(votesByLabel(forAgainst, empty.results)).toEqual({ FOR: '0', AGAINST: '0', ABSTAIN: '0' });
    const abstained = decide('MAJORITY', { options: forAgainst, ballots: [vote('ABSTAIN', 7)] });
    expect(abstained.passed).toBe(false);
    expect(abstained.notes).toEqual(['No FOR or AGAINST votes were cast, so the proposal does not pass.']);
  });

  it('decides exactly on fractional college weights', () => {
    // 1/3 + 1/3 + 1/3 is exactly 1: equal to AGAINST, so it must not pass (floats would say 0.999…).
    const third = Rational.of(1, 3);
    const tied = decide('MAJORITY', {
      options: forAgainst,
      ballots: [vote('FOR', third), vote('FOR', third), vote('FOR', third), vote('AGAINST', 1)],
    });
    expect(votesByLabel(forAgainst, tied.results).FOR).toBe('1');
    expect(tied.passed).toBe(false);
    const ahead = decide('MAJORITY', {
      options: forAgainst,
      ballots: [vote('FOR', Rational.of(3, 7)), vote('AGAINST', Rational.of(2, 5))],
    });
    expect(ahead.passed).toBe(true);
  });

  it('applies a higher "more than" threshold when one is given', () => {
    const ballots = [vote('FOR', 3), vote('AGAINST', 1)];
    expect(decide('MAJORITY', { options: forAgainst, ballots, threshold: '0.75' }).passed).toBe(false);
    expect(decide('MAJORITY', { options: forAgainst, ballots, threshold: '0.7' }).passed).toBe(true);
  });

  it('finds FOR by label, whatever the order of the options', () => {
    const shuffled = [forAgainst[2], forAgainst[1], forAgainst[0]];
    const result = decide('MAJORITY', {
      options: shuffled,
      ballots: [ballotFor(shuffled, ['FOR'], 2), ballotFor(shuffled, ['AGAINST'], 1)],
    });
    expect(result.passed).toBe(true);
    expect(result.results.map((entry) => entry.optionId)).toEqual(['id-abstain', 'id-against', 'id-for']);
  });
});

describe('SUPERMAJORITY', () => {
  it('passes at exactly the threshold and not just below it', () => {
    const atThreshold = decide('SUPERMAJORITY', {
      options: forAgainst,
      ballots: [vote('FOR', 6667), vote('AGAINST', 3333)],
      threshold: '0.6667',
    });
    expect(atThreshold.passed).toBe(true);
    const below = decide('SUPERMAJORITY', {
      options: forAgainst,
      ballots: [vote('FOR', 6666), vote('AGAINST', 3334)],
      threshold: '0.6667',
    });
    expect(below.passed).toBe(false);
  });

  it('treats two thirds exactly: 2 of 3 fails a 0.6667 threshold but passes 0.6666', () => {
    const ballots = [vote('FOR', 2), vote('AGAINST', 1), vote('ABSTAIN', 50)];
    expect(decide('SUPERMAJORITY', { options: forAgainst, ballots, threshold: '0.6667' }).passed).toBe(false);
    expect(decide('SUPERMAJORITY', { options: forAgainst, ballots, threshold: '0.6666' }).passed).toBe(true);
  });

  it('does not pass with no FOR and no AGAINST, nor on a tie at a threshold of one half', () => {
    expect(decide('SUPERMAJORITY', { options: forAgainst, ballots: [vote('ABSTAIN')], threshold: '0.6' }).passed).toBe(false);
    expect(decide('SUPERMAJORITY', { options: forAgainst, ballots: [], threshold: '0.6' }).passed).toBe(false);
    const tie = decide('SUPERMAJORITY', { options: forAgainst, ballots: [vote('FOR'), vote('AGAINST')], threshold: '0.5' });
    expect(tie.passed).toBe(false);
    expect(tie.notes).toEqual(['FOR and AGAINST are tied at 1; a tie does not pass.']);
  });

  it('passes unanimously at a threshold of 1', () => {
    expect(decide('SUPERMAJORITY', { options: forAgainst, ballots: [vote('FOR', 9)], threshold: '1' }).passed).toBe(true);
    expect(
      decide('SUPERMAJORITY', { options: forAgainst, ballots: [vote('FOR', 9), vote('AGAINST', Rational.of(1, 100))], threshold: '1' })
        .passed,
    ).toBe(false);
  });

  it('refuses to decide without a threshold', () => {
    expect(() => decide('SUPERMAJORITY', { options: forAgainst, ballots: [] })).toThrow('SUPERMAJORITY needs a threshold');
  });
});

describe('CONSENT', () => {
  it('passes when nobody objects; standing aside does not block', () => {
    const result = decide('CONSENT', { options: consentOptions, ballots: [vote('CONSENT', 5), vote('STAND_ASIDE', 2)] });
    expect(result.passed).toBe(true);
    expect(votesByLabel(consentOptions, result.results)).toEqual({ CONSENT: '5', OBJECT: '0', STAND_ASIDE: '2' });
  });

  it('is blocked by a single objection, however small its weight', () => {
    const result = decide('CONSENT', {
      options: consentOptions,
      ballots: [vote('CONSENT', 100), vote('OBJECT', Rational.of(1, 12))],
    });
    expect(result.passed).toBe(false);
    expect(result.notes).toEqual(['There were objections (0.083), which block the proposal.']);
  });

  it('ignores an objection that carries no weight', () => {
    const result = decide('CONSENT', { options: consentOptions, ballots: [vote('CONSENT'), vote('OBJECT', 0)] });
    expect(result.passed).toBe(true);
  });

  it('does not pass with no ballots', () => {
    const result = decide('CONSENT', { options: consentOptions, ballots: [] });
    expect(result.passed).toBe(false);
    expect(result.notes).toEqual(['Nobody took part, so the proposal does not pass.']);
  });

  it('passes when everyone stood aside, and notes it', () => {
    const result = decide('CONSENT', { options: consentOptions, ballots: [vote('STAND_ASIDE', 3)] });
    expect(result.passed).toBe(true);
    expect(result.notes).toEqual(['Nobody objected, though everyone who took part stood aside.']);
  });
});
