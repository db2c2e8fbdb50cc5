import type { PatronageRefund, SurplusSplit } from '../split/index.js';
import { closePeriodPostings, distributionPostings, entryPosting } from './period-postings.js';
import { assertBalanced, credit, debit } from './posting.js';

const refund = (memberId: string, cash: bigint, retained: bigint): PatronageRefund => ({
  memberId,
  patronage: '1',
  refund: cash + retained,
  cash,
  retained,
});

describe('entryPosting', () => {
  it('records revenue into the bank and expenses out of it', () => {
    expect(entryPosting('REVENUE', 500n, 'Sales').lines).toEqual([debit('bank', 500n), credit('revenue', 500n)]);
    expect(entryPosting('EXPENSE', 200n, 'Rent')).toEqual({ memo: 'Rent', lines: [debit('expenses', 200n), credit('bank', 200n)] });
    expect(() => entryPosting('REVENUE', 0n, 'Nothing')).toThrow(RangeError);
  });
});

describe('closePeriodPostings', () => {
  it('closes revenue and expenses into a surplus', () => {
    expect(closePeriodPostings(10_000n, 6_000n, 'FY2025')).toEqual([
      {
        memo: 'FY2025: Close revenue and expenses into the surplus',
        lines: [debit('revenue', 10_000n), credit('surplus', 4_000n), credit('expenses', 6_000n)],
      },
    ]);
  });

  it('closes a loss as a debit to the surplus account', () => {
    expect(closePeriodPostings(1_000n, 1_500n)[0].lines).toEqual([
      debit('revenue', 1_000n),
      debit('surplus', 500n),
      credit('expenses', 1_500n),
    ]);
  });

  it('leaves out zero lines: break-even, no revenue, no expenses, nothing at all', () => {
    expect(closePeriodPostings(700n, 700n)[0].lines).toEqual([debit('revenue', 700n), credit('expenses', 700n)]);
    expect(closePeriodPostings(0n, 300n)[0].lines).toEqual([debit('surplus', 300n), credit('expenses', 300n)]);
    expect(closePeriodPostings(300n, 0n)[0].lines).toEqual([debit('revenue', 300n), credit('surplus', 300n)]);
    expect(closePeriodPostings(0n, 0n)).toEqual([]);
  });

  it('refuses negative totals', () => {
    expect(() => closePeriodPostings(-1n, 0n)).toThrow(RangeError);
    expect(() => closePeriodPostings(0n, -1n)).toThrow(RangeError);
  });
});

describe('distributionPostings', () => {
  const split: SurplusSplit = { reserve: 300n, education: 100n, commons: 200n, patronage: 400n };

  it('moves the surplus into the funds, then the refunds into capital accounts and cash payable', () => {
    const postings = distributionPostings(split, [refund('a', 25n, 75n), refund('b', 0n, 0n), refund('c', 75n, 225n)], 'FY2025');
    expect(postings).toEqual([
      {
        memo: 'FY2025: Distribute the surplus',
        lines: [
          debit('surplus', 1_000n),
          credit('reserve', 300n),
          credit('education', 100n),
          credit('commons', 200n),
          credit('patronage_payable', 400n),
        ],
      },
      {
        memo: 'FY2025: Allocate patronage refunds to members',
        lines: [
          debit('patronage_payable', 400n),
          credit('member_capital:a', 75n),
          credit('cash_payable:a', 25n),
          credit('member_capital:c', 225n),
          credit('cash_payable:c', 75n),
        ],
      },
    ]);
    postings.forEach(assertBalanced);
  });

  it('leaves out empty funds, and the refund posting when there is no patronage share', () => {
    const postings = distributionPostings({ reserve: 700n, education: 300n, commons: 0n, patronage: 0n }, []);
    expect(postings).toEqual([
      { memo: 'Distribute the surplus', lines: [debit('surplus', 1_000n), credit('reserve', 700n), credit('education', 300n)] },
    ]);
  });

  it('refuses refunds that do not add up to the patronage share', () => {
    expect(() => distributionPostings(split, [refund('a', 100n, 299n)])).toThrow(/add up to 399 cents, not the patronage share of 400/);
  });

  it('refuses a refund whose parts do not add up, and a member refunded twice', () => {
    const broken = { ...refund('a', 100n, 300n), refund: 399n };
    expect(() => distributionPostings(split, [broken, refund('b', 0n, 1n)])).toThrow(/member a is not its cash plus its retained part/);
    expect(() => distributionPostings(split, [refund('a', 100n, 100n), refund('a', 100n, 100n)])).toThrow(/two refunds/);
  });

  it('refuses an empty or negative split', () => {
    expect(() => distributionPostings({ reserve: 0n, education: 0n, commons: 0n, patronage: 0n }, [])).toThrow(RangeError);
    expect(() => distributionPostings({ ...split, reserve: -1n }, [])).toThrow(RangeError);
  });
});
