import { Rational } from '@commons/core';
import { ballotFor, optionsLabelled } from './ballot-fixtures.js';
import { decide } from './decide.js';
import { validateBallot, validateDecisionSetup } from './validation.js';

const forAgainst = optionsLabelled(['FOR', 'AGAINST', 'ABSTAIN']);
const consent = optionsLabelled(['CONSENT', 'OBJECT', 'STAND_ASIDE']);
const fruit = optionsLabelled(['Apples', 'Pears', 'Plums']);

describe('validateBallot', () => {
  it('accepts exactly one known option for MAJORITY, SUPERMAJORITY and CONSENT', () => {
    expect(validateBallot('MAJORITY', forAgainst, ['id-for'])).toBeNull();
    expect(validateBallot('SUPERMAJORITY', forAgainst, ['id-abstain'])).toBeNull();
    expect(validateBallot('CONSENT', consent, ['id-stand_aside'])).toBeNull();
    expect(validateBallot('MAJORITY', forAgainst, [])).toBe('Choose exactly one option.');
    expect(validateBallot('CONSENT', consent, ['id-consent', 'id-object'])).toBe('Choose exactly one option.');
    expect(validateBallot('MAJORITY', forAgainst, ['id-maybe'])).toBe('"id-maybe" is not an option of this proposal.');
  });

  it('accepts a non-empty set without duplicates for APPROVAL', () => {
    expect(validateBallot('APPROVAL', fruit, ['id-plums', 'id-apples'])).toBeNull();
    expect(validateBallot('APPROVAL', fruit, [])).toBe('Approve at least one option.');
    expect(validateBallot('APPROVAL', fruit, ['id-pears', 'id-pears'])).toBe('"Pears" is chosen more than once.');
    expect(validateBallot('APPROVAL', fruit, ['id-kiwis'])).toBe('"id-kiwis" is not an option of this proposal.');
  });

  it('accepts partial rankings without duplicates for RANKED_CHOICE and SCHULZE', () => {
    for (const method of ['RANKED_CHOICE', 'SCHULZE'] as const) {
      expect(validateBallot(method, fruit, ['id-pears'])).toBeNull();
      expect(validateBallot(method, fruit, ['id-pears', 'id-plums', 'id-apples'])).toBeNull();
      expect(validateBallot(method, fruit, [])).toBe('Rank at least one option.');
      expect(validateBallot(method, fruit, ['id-pears', 'id-apples', 'id-pears'])).toBe('"Pears" is chosen more than once.');
    }
  });

  it('requires SCORE scores aligned with the options, whole numbers from 0 to 5', () => {
    expect(validateBallot('SCORE', fruit, ['id-apples', 'id-plums'], [0, 5])).toBeNull();
    expect(validateBallot('SCORE', fruit, ['id-apples'], [])).toBe('Give one score for each option scored (1 option, 0 scores).');
    expect(validateBallot('SCORE', fruit, ['id-apples'])).toBe('Give one score for each option scored (1 option, 0 scores).');
    expect(validateBallot('SCORE', fruit, ['id-apples'], [2.5])).toBe('Scores are whole numbers from 0 to 5; "Apples" has 2.5.');
    expect(validateBallot('SCORE', fruit, ['id-apples', 'id-pears'], [1, -1])).toBe(
      'Scores are whole numbers from 0 to 5; "Pears" has -1.',
    );
    expect(validateBallot('SCORE', fruit, ['id-apples', 'id-apples'], [1, 2])).toBe('"Apples" is chosen more than once.');
    expect(validateBallot('SCORE', fruit, [], [])).toBe('Score at least one option.');
  });

  it('refuses scores on other methods', () => {
    expect(validateBallot('APPROVAL', fruit, ['id-apples'], [3])).toBe('Scores are only given on SCORE ballots.');
    expect(validateBallot('APPROVAL', fruit, ['id-apples'], [])).toBeNull();
    expect(validateBallot('APPROVAL', fruit, ['id-apples'], null)).toBeNull();
  });

  it('reports a proposal whose seats cannot be filled', () => {
    expect(validateBallot('APPROVAL', fruit, ['id-apples'], null, 4)).toBe(
      'Seats must be a whole number from 1 to 3 (the number of options).',
    );
    expect(validateBallot('APPROVAL', fruit, ['id-apples'], null, 3)).toBeNull();
  });
});

describe('validateDecisionSetup', () => {
  it('accepts the documented setups', () => {
    expect(validateDecisionSetup('MAJORITY', forAgainst)).toBeNull();
    expect(validateDecisionSetup('MAJORITY', forAgainst.slice(0, 2), 1, '0.5')).toBeNull();
    expect(validateDecisionSetup('SUPERMAJORITY', forAgainst, 1, '0.6667')).toBeNull();
    expect(validateDecisionSetup('CONSENT', consent)).toBeNull();
    expect(validateDecisionSetup('SCHULZE', fruit, 2)).toBeNull();
  });

  it('explains what is wrong', () => {
    expect(validateDecisionSetup('BORDA', fruit)).toBe('Unknown decision method "BORDA".');
    expect(validateDecisionSetup('MAJORITY', fruit)).toBe('MAJORITY options are FOR, AGAINST, ABSTAIN; "Apples" is not one of them.');
    expect(validateDecisionSetup('CONSENT', optionsLabelled(['CONSENT', 'STAND_ASIDE']))).toBe('CONSENT needs the "OBJECT" option.');
    expect(validateDecisionSetup('SUPERMAJORITY', forAgainst)).toBe('SUPERMAJORITY needs a threshold, such as "0.6667".');
    expect(validateDecisionSetup('SUPERMAJORITY', forAgainst, 1, '2/3')).toBe(
      'The threshold must be a decimal number such as "0.6667", not "2/3".',
    );
    expect(validateDecisionSetup('SUPERMAJORITY', forAgainst, 1, '0.4')).toBe('The SUPERMAJORITY threshold must be from 0.5 to 1.');
    expect(validateDecisionSetup('MAJORITY', forAgainst, 1, '1')).toBe('The MAJORITY threshold must be at least 0.5 and below 1.');
    expect(validateDecisionSetup('APPROVAL', fruit.slice(0, 1))).toBe('Give at least two options to choose from.');
    expect(validateDecisionSetup('SCORE', fruit, 0)).toBe('Seats must be a whole number from 1 to 3 (the number of options).');
    expect(validateDecisionSetup('SCORE', fruit, 1.5)).toBe('Seats must be a whole number from 1 to 3 (the number of options).');
    expect(validateDecisionSetup('SCORE', [...fruit, { id: 'id-apples', label: 'More apples' }])).toBe('Each option needs its own id.');
    expect(validateDecisionSetup('SCORE', [...fruit, { id: 'id-figs', label: ' ' }])).toBe('Every option needs an id and a label.');
    expect(validateDecisionSetup('MAJORITY', [...forAgainst, { id: 'id-for-2', label: 'FOR' }])).toBe(
      'Each option label may appear only once.',
    );
  });
});

describe('decide refuses what it cannot count', () => {
  it('throws on a ballot that does not fit, naming it', () => {
    expect(() =>
      decide('RANKED_CHOICE', { options: fruit, ballots: [ballotFor(fruit, ['Apples']), ballotFor(fruit, ['Pears', 'Pears'])] }),
    ).toThrow('Ballot 2: "Pears" is chosen more than once.');
    expect(() => decide('MAJORITY', { options: forAgainst, ballots: [ballotFor(forAgainst, [])] })).toThrow(
      'Ballot 1: Choose exactly one option.',
    );
  });

  it('throws on a negative weight or a bad setup', () => {
    expect(() => decide('APPROVAL', { options: fruit, ballots: [ballotFor(fruit, ['Apples'], Rational.of(-1, 2))] })).toThrow(
      'Ballot 1: a weight cannot be negative.',
    );
    expect(() => decide('APPROVAL', { options: fruit, ballots: [], seats: 5 })).toThrow(RangeError);
  });

  it('accepts blank ballots for multi-option methods, counting them for nothing', () => {
    const result = decide('APPROVAL', { options: fruit, ballots: [ballotFor(fruit, []), ballotFor(fruit, ['Plums'])] });
    expect(result.winners).toEqual(['id-plums']);
  });
});
