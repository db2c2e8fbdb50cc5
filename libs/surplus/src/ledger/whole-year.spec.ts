import { type AllocationPolicy, formatCents, parseCents, patronageRefunds, splitSurplus } from '../split/index.js';
import { closePeriodPostings, distributionPostings, entryPosting } from './period-postings.js';
import { type Posting, reversingPosting } from './posting.js';
import { surplusFlows } from './surplus-flows.js';
import { trialBalance, trialBalanceTotals } from './trial-balance.js';

const policy: AllocationPolicy = { reserve: '30', education: '10', commons: '20', patronage: '40', patronageCash: '25' };
const hoursWorked = [
  { memberId: 'ana', patronage: '1000' },
  { memberId: 'bo', patronage: '600' },
  { memberId: 'cy', patronage: '0' },
  { memberId: 'di', patronage: '400' },
];

/** A trial balance as decimal strings, the way the API shows it. */
const shown = (postings: Posting[]) =>
  trialBalance(postings).map(({ account, debit, credit }) => `${account} ${formatCents(debit)} ${formatCents(credit)}`);

describe('a whole fiscal year', () => {
  const entries = [
    entryPosting('REVENUE', parseCents('80000.00'), 'Sales Q1-Q2'),
    entryPosting('REVENUE', parseCents('45500.50'), 'Sales Q3-Q4'),
    entryPosting('EXPENSE', parseCents('60000.00'), 'Wages'),
    entryPosting('EXPENSE', parseCents('15500.00'), 'Rent'),
    entryPosting('EXPENSE', parseCents('0.49'), 'Bank fee'),
  ];
  const closing = closePeriodPostings(parseCents('125500.50'), parseCents('75500.49'), 'FY2025');
  const split = splitSurplus(parseCents('50000.01'), policy);
  const refunds = patronageRefunds(split.patronage, hoursWorked, policy.patronageCash);
  const distribution = distributionPostings(split, refunds, 'FY2025');
  const year = [...entries, ...closing, ...distribution];

  it('splits a surplus of 50000.01 30/10/20/40, the odd cent to the patronage share (largest remainder)', () => {
    expect(split).toEqual({
      reserve: parseCents('15000.00'),
      education: parseCents('5000.00'),
      commons: parseCents('10000.00'),
      patronage: parseCents('20000.01'),
    });
  });

  it('refunds by hours worked, 25% in cash, and nothing to a member who did not work', () => {
    expect(
      refunds.map(({ memberId, refund, cash, retained }) => [memberId, formatCents(refund), formatCents(cash), formatCents(retained)]),
    ).toEqual([
      ['ana', '10000.01', '2500.00', '7500.01'],
      ['bo', '6000.00', '1500.00', '4500.00'],
      ['cy', '0.00', '0.00', '0.00'],
      ['di', '4000.00', '1000.00', '3000.00'],
    ]);
  });

  it('ends with the result closed, the surplus spent, and the bank backing the funds and what members are owed', () => {
    expect(shown(year)).toEqual([
      'bank 50000.01 0.00',
      'revenue 0.00 0.00',
      'expenses 0.00 0.00',
      'surplus 0.00 0.00',
      'reserve 0.00 15000.00',
      'education 0.00 5000.00',
      'commons 0.00 10000.00',
      'patronage_payable 0.00 0.00',
      'member_capital:ana 0.00 7500.01',
      'member_capital:bo 0.00 4500.00',
      'member_capital:di 0.00 3000.00',
      'cash_payable:ana 0.00 2500.00',
      'cash_payable:bo 0.00 1500.00',
      'cash_payable:di 0.00 1000.00',
    ]);
    expect(trialBalanceTotals(trialBalance(year, { rollUpMembers: true }))).toEqual({ debit: 5_000_001n, credit: 5_000_001n });
  });

  it('shows where the surplus went', () => {
    expect(surplusFlows(year).map(({ from, to, amount }) => `${from} -> ${to} ${formatCents(amount)}`)).toEqual([
      'revenue -> surplus 50000.01',
      'revenue -> expenses 75500.49',
      'surplus -> reserve 15000.00',
      'surplus -> education 5000.00',
      'surplus -> commons 10000.00',
      'surplus -> patronage_payable 20000.01',
      'patronage_payable -> member_capital 15000.01',
      'patronage_payable -> cash_payable 5000.00',
    ]);
  });

  it('corrects a mistake with reversing postings, leaving the ledger as if only the right distribution had been made', () => {
    const corrected = patronageRefunds(
      split.patronage,
      [...hoursWorked.slice(0, 2), { memberId: 'cy', patronage: '400' }, hoursWorked[3]],
      '25',
    );
    const correctedDistribution = distributionPostings(split, corrected, 'FY2025 (corrected)');
    const history = [...year, reversingPosting(distribution[1]), correctedDistribution[1]];
    expect(trialBalance(history).filter((row) => row.debit !== 0n || row.credit !== 0n)).toEqual(
      trialBalance([...entries, ...closing, distribution[0], correctedDistribution[1]]).filter(
        (row) => row.debit !== 0n || row.credit !== 0n,
      ),
    );
    expect(trialBalance(history).find((row) => row.account === 'member_capital:cy')).toEqual({
      account: 'member_capital:cy',
      debit: 0n,
      credit: parseCents('2500.00'),
    });
    expect(history).toHaveLength(year.length + 2);
  });
});

describe('a year with 100 000 members', () => {
  it('posts, balances and reports a distribution over 100 000 members', () => {
    const members = Array.from({ length: 100_000 }, (_, index) => ({
      memberId: `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`,
      patronage: `${(index * 7919) % 2_000}.${index % 100}`,
    }));
    const split = splitSurplus(parseCents('987654321.09'), policy);
    const refunds = patronageRefunds(split.patronage, members, policy.patronageCash);
    const distribution = distributionPostings(split, refunds);
    const rolledUp = trialBalance(distribution, { rollUpMembers: true });
    const flows = surplusFlows(distribution);
    expect(distribution[1].lines.length).toBeGreaterThan(150_000);
    expect(trialBalanceTotals(rolledUp)).toEqual({ debit: 98_765_432_109n, credit: 98_765_432_109n });
    expect(rolledUp.map((row) => row.account)).toEqual([
      'surplus',
      'reserve',
      'education',
      'commons',
      'patronage_payable',
      'member_capital',
      'cash_payable',
    ]);
    expect(flows).toHaveLength(6);
  });
});
