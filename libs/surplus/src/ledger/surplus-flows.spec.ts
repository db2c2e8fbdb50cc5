import { distributionPostings, closePeriodPostings, entryPosting } from './period-postings.js';
import { credit, debit, reversingPosting } from './posting.js';
import { surplusFlows } from './surplus-flows.js';

const refunds = [
  { memberId: 'a', patronage: '3', refund: 300n, cash: 75n, retained: 225n },
  { memberId: 'b', patronage: '1', refund: 100n, cash: 25n, retained: 75n },
];
const distribution = distributionPostings({ reserve: 300n, education: 100n, commons: 200n, patronage: 400n }, refunds);

describe('surplusFlows', () => {
  it('follows the result from revenue to the funds and the members, members rolled up', () => {
    const postings = [
      entryPosting('REVENUE', 1_600n, 'Sales'),
      entryPosting('EXPENSE', 600n, 'Rent'),
      ...closePeriodPostings(1_600n, 600n),
      ...distribution,
    ];
    expect(surplusFlows(postings)).toEqual([
      { from: 'revenue', to: 'surplus', amount: 1_000n },
      { from: 'revenue', to: 'expenses', amount: 600n },
      { from: 'surplus', to: 'reserve', amount: 300n },
      { from: 'surplus', to: 'education', amount: 100n },
      { from: 'surplus', to: 'commons', amount: 200n },
      { from: 'surplus', to: 'patronage_payable', amount: 400n },
      { from: 'patronage_payable', to: 'member_capital', amount: 300n },
      { from: 'patronage_payable', to: 'cash_payable', amount: 100n },
    ]);
  });

  it('gives the per-member detail when asked', () => {
    expect(surplusFlows(distribution, { rollUpMembers: false }).slice(4)).toEqual([
      { from: 'patronage_payable', to: 'member_capital:a', amount: 225n },
      { from: 'patronage_payable', to: 'cash_payable:a', amount: 75n },
      { from: 'patronage_payable', to: 'member_capital:b', amount: 75n },
      { from: 'patronage_payable', to: 'cash_payable:b', amount: 25n },
    ]);
  });

  it('shows a loss flowing out of the surplus into expenses', () => {
    expect(surplusFlows(closePeriodPostings(400n, 1_000n))).toEqual([
      { from: 'revenue', to: 'expenses', amount: 400n },
      { from: 'surplus', to: 'expenses', amount: 600n },
    ]);
  });

  it('nets a reversal against what it reverses, and a partial correction to the difference', () => {
    expect(surplusFlows([...distribution, ...distribution.map((posting) => reversingPosting(posting))])).toEqual([]);
    const correction = { memo: 'Move 50 from commons back to the reserve', lines: [debit('commons', 50n), credit('reserve', 50n)] };
    expect(surplusFlows([distribution[0], correction])).toEqual([
      { from: 'surplus', to: 'reserve', amount: 300n },
      { from: 'surplus', to: 'education', amount: 100n },
      { from: 'surplus', to: 'commons', amount: 200n },
      { from: 'surplus', to: 'patronage_payable', amount: 400n },
      { from: 'commons', to: 'reserve', amount: 50n },
    ]);
    const overshoot = { memo: 'Undo more than was moved', lines: [debit('reserve', 500n), credit('surplus', 500n)] };
    expect(surplusFlows([distribution[0], overshoot])[0]).toEqual({ from: 'reserve', to: 'surplus', amount: 200n });
  });

  it('skips postings through the bank: they are cash coming and going, not the surplus', () => {
    const payment = { memo: 'Pay member a', lines: [debit('cash_payable:a', 75n), credit('bank', 75n)] };
    expect(surplusFlows([payment])).toEqual([]);
  });

  it('refuses a posting with several debited and several credited accounts', () => {
    const tangled = { memo: 'Tangled', lines: [debit('a', 1n), debit('b', 1n), credit('c', 1n), credit('d', 1n)] };
    expect(() => surplusFlows([tangled])).toThrow(/Cannot tell what flowed where in "Tangled"/);
  });
});
