import { InvalidPostingError, credit, debit } from './posting.js';
import { trialBalance, trialBalanceTotals } from './trial-balance.js';

const postings = [
  { memo: 'Sales', lines: [debit('bank', 1_000n), credit('revenue', 1_000n)] },
  { memo: 'Close', lines: [debit('revenue', 1_000n), credit('surplus', 1_000n)] },
  { memo: 'Distribute', lines: [debit('surplus', 1_000n), credit('reserve', 400n), credit('patronage_payable', 600n)] },
  {
    memo: 'Refunds',
    lines: [
      debit('patronage_payable', 600n),
      credit('member_capital:b', 300n),
      credit('member_capital:a', 150n),
      credit('cash_payable:a', 150n),
    ],
  },
];

describe('trialBalance', () => {
  it("nets each account's lines into one balance, in chart order, keeping closed accounts at zero", () => {
    expect(trialBalance(postings)).toEqual([
      { account: 'bank', debit: 1_000n, credit: 0n },
      { account: 'revenue', debit: 0n, credit: 0n },
      { account: 'surplus', debit: 0n, credit: 0n },
      { account: 'reserve', debit: 0n, credit: 400n },
      { account: 'patronage_payable', debit: 0n, credit: 0n },
      { account: 'member_capital:a', debit: 0n, credit: 150n },
      { account: 'member_capital:b', debit: 0n, credit: 300n },
      { account: 'cash_payable:a', debit: 0n, credit: 150n },
    ]);
  });

  it('rolls member sub-accounts up into their control accounts on request', () => {
    const rolledUp = trialBalance(postings, { rollUpMembers: true });
    expect(rolledUp.slice(-2)).toEqual([
      { account: 'member_capital', debit: 0n, credit: 450n },
      { account: 'cash_payable', debit: 0n, credit: 150n },
    ]);
    expect(trialBalanceTotals(rolledUp)).toEqual({ debit: 1_000n, credit: 1_000n });
  });

  it('has equal debit and credit totals', () => {
    expect(trialBalanceTotals(trialBalance(postings))).toEqual({ debit: 1_000n, credit: 1_000n });
    expect(trialBalance([])).toEqual([]);
  });

  it('refuses to add up a posting that does not balance', () => {
    expect(() => trialBalance([...postings, { memo: 'Typo', lines: [debit('bank', 10n), credit('revenue', 1n)] }])).toThrow(
      InvalidPostingError,
    );
  });
});
