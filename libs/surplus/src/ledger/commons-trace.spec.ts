import { traceCommons } from './commons-trace.js';

const paidIn = (postingId: string, periodId: string, net: bigint) => ({ postingId, periodId, counterAccount: 'surplus', net });
const drawn = (postingId: string, account: string, net: bigint) => ({ postingId, periodId: null, counterAccount: account, net: -net });

describe('traceCommons', () => {
  it('spends the oldest money first, across as many payments in as a draw needs', () => {
    const draws = traceCommons([
      paidIn('d1', 'p1', 200_00n),
      drawn('b1', 'budget:1', 150_00n),
      paidIn('d2', 'p2', 100_00n),
      drawn('b2', 'budget:2', 80_00n),
    ]);
    expect(draws).toEqual([
      { sourcePostingId: 'd1', sourcePeriodId: 'p1', drawPostingId: 'b1', account: 'budget:1', amount: 150_00n },
      { sourcePostingId: 'd1', sourcePeriodId: 'p1', drawPostingId: 'b2', account: 'budget:2', amount: 50_00n },
      { sourcePostingId: 'd2', sourcePeriodId: 'p2', drawPostingId: 'b2', account: 'budget:2', amount: 30_00n },
    ]);
  });

  it('leaves unspent money unattributed and refuses a draw the fund could not cover', () => {
    expect(traceCommons([paidIn('d1', 'p1', 10n)])).toEqual([]);
    expect(() => traceCommons([paidIn('d1', 'p1', 10n), drawn('b1', 'budget:1', 11n)])).toThrow(RangeError);
  });
});
