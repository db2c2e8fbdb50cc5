import { Rational } from '@commons/core';

/** What the minutes say about one agenda item's proposal, from its final tally. */
export interface MinutesProposal {
  id: string;
  title: string;
  method: string;
  threshold: string;
  seats: number;
  secret: boolean;
  status: string;
  eligible: number;
  participants: number;
  /** Votes per option, in the options' order; exact decimals as the tally stores them ("12.000000"). */
  counts: Array<{ label: string; votes: string }>;
  outcome: string | null;
  /** Multi-option methods: the winning options' labels, in order of election. */
  winners: string[] | null;
}

export interface MinutesItem {
  position: number;
  title: string;
  proposal: MinutesProposal | null;
}

export interface MinutesInput {
  title: string;
  kind: string;
  startsAt: Date;
  openedAt: Date;
  closedAt: Date;
  location: string | null;
  roll: number;
  present: number;
  represented: number;
  /** The bylaws' assemblyQuorum in force when it was convened ("0.2500"). */
  quorum: string;
  quorumReached: boolean;
  items: MinutesItem[];
}

const FIXED_OPTION_METHODS = new Set(['MAJORITY', 'SUPERMAJORITY', 'CONSENT']);

/** Text from members (titles, labels, the place) on one line, with Markdown's markup characters escaped. */
function inline(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>#|~]/g, (character) => `\\${character}`);
}

/** An exact decimal without trailing zeros: "12.000000" → "12", "2.500000" → "2.5". */
function plain(decimal: string): string {
  return decimal.includes('.') ? decimal.replace(/0+$/, '').replace(/\.$/, '') : decimal;
}

function proposalLines(proposal: MinutesProposal): string[] {
  const lines = [`- Proposal: ${inline(proposal.title)} (${proposal.id})`];
  const threshold = proposal.method === 'MAJORITY' || proposal.method === 'SUPERMAJORITY' ? `, threshold ${plain(proposal.threshold)}` : '';
  const seats = FIXED_OPTION_METHODS.has(proposal.method) ? '' : `, ${proposal.seats} ${proposal.seats === 1 ? 'seat' : 'seats'}`;
  lines.push(`- Method: ${proposal.method}${threshold}${seats}, ${proposal.secret ? 'secret' : 'open'} ballot`);
  if (proposal.status !== 'CLOSED') {
    lines.push(`- Outcome: not voted (the proposal is ${proposal.status})`);
    return lines;
  }
  lines.push(`- Participants: ${proposal.participants} of ${proposal.eligible} on the roll (present and represented)`);
  lines.push(`- Counts: ${proposal.counts.map((count) => `${inline(count.label)} ${plain(count.votes)}`).join(', ')}`);
  lines.push(`- Outcome: ${proposal.outcome ?? 'none'}`);
  if (proposal.winners) lines.push(`- Winners: ${proposal.winners.length > 0 ? proposal.winners.map(inline).join(', ') : 'none'}`);
  return lines;
}

/**
 * The minutes of a sitting, as Markdown. Deterministic: the same sitting gives the same text, byte for byte
 * (times in UTC ISO 8601, no locale), so its sha256 in the audit log can be checked against any copy.
 */
export function writeMinutes(input: MinutesInput): string {
  const required = Rational.parse(input.quorum).mul(Rational.of(input.roll));
  const counted = input.present + input.represented;
  const lines = [
    `# Minutes: ${inline(input.title)}`,
    '',
    `- Kind: ${input.kind} general assembly`,
    `- Date: ${input.startsAt.toISOString()}`,
    `- Opened: ${input.openedAt.toISOString()}`,
    `- Closed: ${input.closedAt.toISOString()}`,
    `- Place: ${input.location ? inline(input.location) : 'not given'}`,
    '',
    '## Attendance',
    '',
    `- Roll: ${input.roll} (members ACTIVE when the sitting opened)`,
    `- Present: ${input.present}`,
    `- Represented: ${input.represented} (absent members whose proxy was held by a member present)`,
    `- Quorum: ${input.quorumReached ? 'reached' : 'not reached'}, ${counted} present or represented; ` +
      `the bylaws require ${plain(input.quorum)} of the roll (${plain(required.toFixed(4))})`,
    '',
    '## Agenda',
  ];
  for (const item of input.items) {
    lines.push('', `### ${item.position}. ${inline(item.title)}`, '');
    if (item.proposal) lines.push(...proposalLines(item.proposal));
    else lines.push('No vote on this item.');
  }
  if (!input.quorumReached && input.items.some((item) => item.proposal?.status === 'CLOSED')) {
    lines.push('', 'Without quorum, the sitting could not decide: its proposals closed as NO_QUORUM.');
  }
  return `${lines.join('\n')}\n`;
}
