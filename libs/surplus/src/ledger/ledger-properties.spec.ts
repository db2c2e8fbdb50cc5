import fc from 'fast-check';
import { formatBasisPoints, patronageRefunds, splitSurplus } from '../split/index.js';
import { controlAccountOf } from './accounts.js';
import { closePeriodPostings, distributionPostings, entryPosting } from './period-postings.js';
import { type Posting, type PostingLine, assertBalanced, credit, debit, postingProblems, reversingPosting } from './posting.js';
import { surplusFlows } from './surplus-flows.js';
import { trialBalance, trialBalanceTotals } from './trial-balance.js';

const cents = fc.bigInt(1n, 10n ** 9n);
const account = fc.constantFrom(
  'bank',
  'revenue',
  'surplus',
  'reserve',
  'commons',
  'member_capital:a',
  'member_capital:b',
  'cash_payable:a',
  'other',
);

/** Any balanced posting: random lines on both sides, plus one line on the short side if they differ. */
const balancedPosting: fc.Arbitrary<Posting> = fc
  .tuple(
    fc.array(fc.tuple(account, cents), { minLength: 1, maxLength: 5 }),
    fc.array(fc.tuple(account, cents), { minLength: 1, maxLength: 5 }),
    account,
  )
  .map(([debits, credits, balancing]) => {
    const lines: PostingLine[] = [
      ...debits.map(([name, amount]) => debit(name, amount)),
      ...credits.map(([name, amount]) => credit(name, amount)),
    ];
    const difference = debits.reduce((sum, [, amount]) => sum + amount, 0n) - credits.reduce((sum, [, amount]) => sum + amount, 0n);
    if (difference > 0n) lines.push(credit(balancing, difference));
    if (difference < 0n) lines.push(debit(balancing, -difference));
    return { memo: 'random', lines };
  });

interface YearInput {
  revenues: bigint[];
  expenses: bigint[];
  cuts: bigint[];
  cash: bigint;
  patronage: number[];
}

/** A year: entries, a policy (three cuts of 100% into four shares), a cash share and members' patronage. */
const year: fc.Arbitrary<YearInput> = fc.record({
  revenues: fc.array(cents, { maxLength: 6 }),
  expenses: fc.array(cents, { maxLength: 6 }),
  cuts: fc
    .array(fc.bigInt(0n, 10_000n), { minLength: 3, maxLength: 3 })
    .map((values) => [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))),
  cash: fc.bigInt(0n, 10_000n),
  patronage: fc.array(fc.nat(5_000), { minLength: 1, maxLength: 30 }).filter((hours) => hours.some((h) => h > 0)),
});

function postYear({ revenues, expenses, cuts, cash, patronage }: YearInput) {
  const revenue = revenues.reduce((a, b) => a + b, 0n);
  const expense = expenses.reduce((a, b) => a + b, 0n);
  const postings = [
    ...revenues.map((amount) => entryPosting('REVENUE', amount, 'Sales')),
    ...expenses.map((amount) => entryPosting('EXPENSE', amount, 'Costs')),
    ...closePeriodPostings(revenue, expense),
  ];
  const surplus = revenue - expense;
  if (surplus <= 0n) return { postings, surplus, pool: 0n };
  const [a, b, c] = cuts;
  const policy = {
    reserve: formatBasisPoints(a),
    education: formatBasisPoints(b - a),
    commons: formatBasisPoints(c - b),
    patronage: formatBasisPoints(10_000n - c),
    patronageCash: formatBasisPoints(cash),
  };
  const split = splitSurplus(surplus, policy);
  const members = patronage.map((hours, index) => ({ memberId: `m${index}`, patronage: String(hours) }));
  const refunds = patronageRefunds(split.patronage, members, policy.patronageCash);
  return { postings: [...postings, ...distributionPostings(split, refunds)], surplus, pool: split.patronage, refunds };
}

const isZero = (row: { debit: bigint; credit: bigint }) => row.debit === 0n && row.credit === 0n;

describe('ledger properties', () => {
  it('every posting of a year balances, and so does its trial balance, detailed or rolled up', () => {
    fc.assert(
      fc.property(year, (input) => {
        const { postings } = postYear(input);
        for (const posting of postings) expect(postingProblems(posting)).toEqual([]);
        const detailed = trialBalanceTotals(trialBalance(postings));
        expect(detailed.debit).toBe(detailed.credit);
        expect(trialBalanceTotals(trialBalance(postings, { rollUpMembers: true }))).toEqual(detailed);
      }),
    );
  });

  it('a distributed year leaves revenue, expenses, surplus and patronage_payable at zero, and members holding their refunds', () => {
    fc.assert(
      fc.property(year, (input) => {
        const { postings, surplus, pool, refunds } = postYear(input);
        fc.pre(surplus > 0n);
        const balances = new Map(trialBalance(postings).map((row) => [row.account, row.debit - row.credit]));
        for (const closed of ['revenue', 'expenses', 'surplus', 'patronage_payable']) expect(balances.get(closed) ?? 0n).toBe(0n);
        expect(balances.get('bank')).toBe(surplus);
        for (const refund of refunds ?? []) {
          expect(-(balances.get(`member_capital:${refund.memberId}`) ?? 0n)).toBe(refund.retained);
          expect(-(balances.get(`cash_payable:${refund.memberId}`) ?? 0n)).toBe(refund.cash);
        }
        const flows = surplusFlows(postings);
        const outOfSurplus = flows.filter((flow) => flow.from === 'surplus').reduce((sum, flow) => sum + flow.amount, 0n);
        expect(outOfSurplus).toBe(surplus);
        const toMembers = flows.filter((flow) => flow.from === 'patronage_payable').reduce((sum, flow) => sum + flow.amount, 0n);
        expect(toMembers).toBe(pool);
      }),
    );
  });

  it('the trial balance of any balanced postings balances, and rolling up only merges member accounts', () => {
    fc.assert(
      fc.property(fc.array(balancedPosting, { maxLength: 10 }), (postings) => {
        const detailed = trialBalance(postings);
        const totals = trialBalanceTotals(detailed);
        expect(totals.debit).toBe(totals.credit);
        const rolledByHand = new Map<string, bigint>();
        for (const row of detailed) {
          const control = controlAccountOf(row.account);
          rolledByHand.set(control, (rolledByHand.get(control) ?? 0n) + row.debit - row.credit);
        }
        for (const row of trialBalance(postings, { rollUpMembers: true }))
          expect(row.debit - row.credit).toBe(rolledByHand.get(row.account));
      }),
    );
  });

  it('a posting and its reversal net every account to zero', () => {
    const postingOfAYear = year
      .map((input) => postYear(input).postings)
      .filter((postings) => postings.length > 0)
      .chain((postings) => fc.constantFrom(...postings));
    fc.assert(
      fc.property(fc.oneof(balancedPosting, postingOfAYear), (posting) => {
        const reversal = reversingPosting(posting);
        assertBalanced(reversal);
        expect(trialBalance([posting, reversal]).every(isZero)).toBe(true);
        // A posting can debit and credit the same account by the same amount: alone it nets to zero too.
        const netByHand = new Map<string, bigint>();
        for (const line of posting.lines) netByHand.set(line.account, (netByHand.get(line.account) ?? 0n) + line.debit - line.credit);
        const movesSomething = [...netByHand.values()].some((net) => net !== 0n);
        expect(trialBalance([posting]).some((row) => !isZero(row))).toBe(movesSomething);
      }),
    );
  });

  it('reversing a whole year nets every account to zero', () => {
    fc.assert(
      fc.property(year, (input) => {
        const { postings } = postYear(input);
        const reversals = postings.map((posting) => reversingPosting(posting));
        expect(trialBalance([...postings, ...reversals]).every(isZero)).toBe(true);
        expect(surplusFlows([...postings, ...reversals])).toEqual([]);
      }),
    );
  });

  it('rejects any posting knocked out of balance by a cent', () => {
    fc.assert(
      fc.property(balancedPosting, fc.nat(), (posting, which) => {
        const index = which % posting.lines.length;
        const line = posting.lines[index];
        const nudged = line.debit > 0n ? { ...line, debit: line.debit + 1n } : { ...line, credit: line.credit + 1n };
        const broken = { ...posting, lines: posting.lines.map((original, i) => (i === index ? nudged : original)) };
        expect(() => assertBalanced(broken)).toThrow(/differ/);
      }),
    );
  });
});
