import { distributionProposalText } from './distribution-proposal-text.js';
import { splitSurplus } from './split/index.js';

describe('the text members vote on', () => {
  const policy = { reserve: '30', education: '10', commons: '20', patronage: '40', patronageCash: '25' };

  it('gives every share as a percentage and an amount that add up to the surplus', () => {
    const split = splitSurplus(5_000_001n, policy);
    const { title, body } = distributionProposalText({
      periodName: 'FY2025',
      revenueCents: 12_550_050n,
      expensesCents: 7_550_049n,
      policy,
      split,
      patrons: 3,
      patronageTotal: '2000.00',
    });
    expect(title).toBe('Surplus distribution for FY2025');
    expect(body).toContain('Revenue 125500.50 less expenses 75500.49 leaves a surplus of 50000.01.');
    expect(body).toContain('- Indivisible reserve: 30% = 15000.00');
    expect(body).toContain('- Education and training fund: 10% = 5000.00');
    expect(body).toContain('- Commons and participatory budgets: 20% = 10000.00');
    expect(body).toContain('- Patronage refunds to members: 40% = 20000.01');
    expect(body).toContain('3 member(s) with patronage recorded (2000.00 in all)');
    expect(body).toContain('25% of each refund is paid in cash');
  });

  it('says so when no refunds are paid', () => {
    const noRefunds = { ...policy, commons: '60', patronage: '0' };
    const { body } = distributionProposalText({
      periodName: 'FY2026',
      revenueCents: 100n,
      expensesCents: 0n,
      policy: noRefunds,
      split: splitSurplus(100n, noRefunds),
      patrons: 0,
      patronageTotal: '0.00',
    });
    expect(body).toContain('No patronage refunds are paid.');
    expect(body).not.toContain('in cash');
  });
});
