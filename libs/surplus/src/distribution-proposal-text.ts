import { type AllocationPolicy, formatCents, type SurplusSplit } from './split/index.js';

/** What members are told when they vote on a surplus split. */
export interface DistributionProposalFacts {
  periodName: string;
  revenueCents: bigint;
  expensesCents: bigint;
  policy: AllocationPolicy;
  split: SurplusSplit;
  /** Members with patronage recorded above zero, and the total recorded. */
  patrons: number;
  patronageTotal: string;
}

/** The proposal's title and body: the policy with the amounts it gives, so members vote on figures. */
export function distributionProposalText(facts: DistributionProposalFacts): { title: string; body: string } {
  const { policy, split } = facts;
  const surplus = split.reserve + split.education + split.commons + split.patronage;
  const cashNote =
    split.patronage > 0n
      ? `Refunds are shared among the ${facts.patrons} member(s) with patronage recorded (${facts.patronageTotal} in all), ` +
        `in proportion to their patronage; ${policy.patronageCash}% of each refund is paid in cash and the rest is retained ` +
        `in the member's capital account.`
      : 'No patronage refunds are paid.';
  const body = [
    `How should the surplus of ${facts.periodName} be reinvested?`,
    '',
    `Revenue ${formatCents(facts.revenueCents)} less expenses ${formatCents(facts.expensesCents)} leaves a surplus of ${formatCents(surplus)}.`,
    'Voting FOR approves this split:',
    '',
    `- Indivisible reserve: ${policy.reserve}% = ${formatCents(split.reserve)} (never paid out to members)`,
    `- Education and training fund: ${policy.education}% = ${formatCents(split.education)}`,
    `- Commons and participatory budgets: ${policy.commons}% = ${formatCents(split.commons)}`,
    `- Patronage refunds to members: ${policy.patronage}% = ${formatCents(split.patronage)}`,
    '',
    cashNote,
    'Shares are rounded to the cent by largest remainder, so they add up exactly to the surplus.',
  ].join('\n');
  return { title: `Surplus distribution for ${facts.periodName}`, body };
}
