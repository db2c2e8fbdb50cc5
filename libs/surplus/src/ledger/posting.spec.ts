import { type Posting, InvalidPostingError, assertBalanced, credit, debit, postingProblems, reversingPosting } from './posting.js';

const sound: Posting = {
  memo: 'Distribute the surplus',
  lines: [debit('surplus', 1_000n), credit('reserve', 300n), credit('patronage_payable', 700n)],
};

describe('assertBalanced', () => {
  it('accepts a posting whose debits equal its credits', () => {
    expect(() => assertBalanced(sound)).not.toThrow();
    expect(postingProblems(sound)).toEqual([]);
  });

  it('rejects debits that differ from credits', () => {
    const posting = { memo: 'off by a cent', lines: [debit('surplus', 1_000n), credit('reserve', 999n)] };
    expect(() => assertBalanced(posting)).toThrow(InvalidPostingError);
    expect(postingProblems(posting)).toEqual(['debits (1000) and credits (999) differ']);
  });

  it('rejects negative amounts, even when they balance', () => {
    const posting = { memo: 'negative', lines: [debit('surplus', -5n), credit('reserve', -5n)] };
    expect(postingProblems(posting)).toEqual(['line 1 (surplus) has a negative amount', 'line 2 (reserve) has a negative amount']);
  });

  it('rejects a line with both a debit and a credit, and a line that moves nothing', () => {
    const both = { memo: 'both', lines: [{ account: 'surplus', debit: 5n, credit: 5n }, debit('reserve', 1n), credit('commons', 1n)] };
    expect(postingProblems(both)).toEqual(['line 1 (surplus) has both a debit and a credit']);
    const empty = { memo: 'empty', lines: [debit('surplus', 0n), credit('reserve', 0n)] };
    expect(postingProblems(empty)).toEqual(['line 1 (surplus) moves nothing', 'line 2 (reserve) moves nothing']);
  });

  it('rejects fewer than two lines, a missing memo and a missing account', () => {
    expect(postingProblems({ memo: 'one', lines: [debit('surplus', 0n)] })).toContain('it has 1 line(s); double entry needs at least two');
    expect(postingProblems({ memo: 'none', lines: [] })).toEqual(['it has 0 line(s); double entry needs at least two']);
    expect(postingProblems({ ...sound, memo: '  ' })).toEqual(['it has no memo']);
    expect(postingProblems({ memo: 'x', lines: [debit('', 1n), credit('reserve', 1n)] })).toEqual(['line 1 (no account) names no account']);
    expect(() => assertBalanced({ ...sound, memo: '' })).toThrow('Posting "" is invalid: it has no memo');
  });
});

describe('reversingPosting', () => {
  it('swaps every debit and credit under a memo that says what it reverses', () => {
    expect(reversingPosting(sound)).toEqual({
      memo: 'Reversal of: Distribute the surplus',
      lines: [credit('surplus', 1_000n), debit('reserve', 300n), debit('patronage_payable', 700n)],
    });
    expect(reversingPosting(sound, 'Wrong policy applied').memo).toBe('Wrong policy applied');
  });

  it('leaves the original posting as it was', () => {
    const before = structuredClone(sound);
    reversingPosting(sound);
    expect(sound).toEqual(before);
  });

  it('refuses to reverse a posting that is not sound', () => {
    expect(() => reversingPosting({ memo: 'bad', lines: [debit('a', 1n), credit('b', 2n)] })).toThrow(InvalidPostingError);
  });
});
