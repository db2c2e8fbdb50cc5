import { TestApp, type TestMember } from '@commons/testing';
import { members } from './voting-helpers.js';

/**
 * A test app for a surplus spec: its bylaws founded with minVotingHours 0 (so a split's vote may close at once),
 * an admin, and `voterCount` ACTIVE members to vote on the splits.
 */
export async function surplusApp(voterCount = 0): Promise<{ t: TestApp; admin: TestMember; voters: TestMember[] }> {
  const t = await TestApp.start();
  await t.foundBylaws({ minVotingHours: 0 });
  const admin = await t.admin();
  return { t, admin, voters: await members(t, voterCount) };
}

export const PERIOD_FIELDS = 'id name startsOn endsOn status revenue expenses surplus';
export const DISTRIBUTION_FIELDS =
  'id status policy { reserve education commons patronage patronageCash } amounts { surplus reserve education commons patronage } ' +
  'proposal { id title body status method outcome author { id } options { id label } }';

export const OPEN_PERIOD = `mutation($name: String!, $startsOn: DateTime!, $endsOn: DateTime!) {
  openFiscalPeriod(name: $name, startsOn: $startsOn, endsOn: $endsOn) { ${PERIOD_FIELDS} } }`;
export const RECORD_ENTRY = `mutation($periodId: ID!, $kind: EntryKind!, $amount: Decimal!, $memo: String!) {
  recordEntry(periodId: $periodId, kind: $kind, amount: $amount, memo: $memo) { ${PERIOD_FIELDS} } }`;
export const RECORD_PATRONAGE = `mutation($periodId: ID!, $memberId: ID!, $amount: Decimal!) {
  recordPatronage(periodId: $periodId, memberId: $memberId, amount: $amount) }`;
export const CLOSE_PERIOD = `mutation($id: ID!) { closeFiscalPeriod(id: $id) { ${PERIOD_FIELDS} closedAt } }`;
export const PROPOSE = `mutation($periodId: ID!, $policy: AllocationPolicyInput!, $closesAt: DateTime, $quorum: Float) {
  proposeSurplusDistribution(periodId: $periodId, policy: $policy, closesAt: $closesAt, quorum: $quorum) { ${DISTRIBUTION_FIELDS} } }`;
export const EXECUTE = `mutation($id: ID!) { executeSurplusDistribution(id: $id) { id status postedAt period { id status } } }`;
export const READ_PERIOD = `query($id: ID!) { fiscalPeriod(id: $id) { ${PERIOD_FIELDS} distribution { ${DISTRIBUTION_FIELDS} } distributions { id status } } }`;
export const FLOWS = `query($periodId: ID!) { surplusFlows(periodId: $periodId) { from to amount } }`;
export const ALLOCATIONS = `query($periodId: ID!, $first: Int, $after: String) {
  memberAllocations(periodId: $periodId, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { member { id name } patronage refund cash retained } } } }`;
export const TRIAL_BALANCE = `query($periodId: ID!, $rollUpMembers: Boolean) {
  trialBalance(periodId: $periodId, rollUpMembers: $rollUpMembers) { account debit credit } }`;
export const POSTINGS = `query($periodId: ID, $account: String, $first: Int, $after: String, $linesFirst: Int) {
  ledgerPostings(periodId: $periodId, account: $account, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id number kind memo amount lineCount postedBy { id } period { id }
      lines(first: $linesFirst) { totalCount pageInfo { hasNextPage endCursor } edges { node { lineNo account controlAccount memberId debit credit } } } } } } }`;
export const CLOSE_PROPOSAL = `mutation($id: ID!) { closeProposal(id: $id) { id status outcome } }`;
export const VOTE = `mutation($input: CastVoteInput!) { castVote(input: $input) { receipt } }`;

/** A policy as percentages: reserve, education, commons, patronage, and the cash share of refunds. */
export function policy(reserve: string, education: string, commons: string, patronage: string, patronageCash: string) {
  return { reserve, education, commons, patronage, patronageCash };
}

let year = 1900;

/** A calendar year no other period of this spec file uses, so periods never overlap. */
export function freshYear(): { name: string; startsOn: string; endsOn: string } {
  year += 1;
  return { name: `FY${year}`, startsOn: `${year}-01-01T00:00:00.000Z`, endsOn: `${year + 1}-01-01T00:00:00.000Z` };
}

export async function openPeriod(t: TestApp, admin: TestMember): Promise<string> {
  return (await t.ok(OPEN_PERIOD, freshYear(), admin.token)).openFiscalPeriod.id;
}

export async function recordEntry(
  t: TestApp,
  admin: TestMember,
  periodId: string,
  kind: 'REVENUE' | 'EXPENSE',
  amount: string,
  memo = 'entry',
) {
  return (await t.ok(RECORD_ENTRY, { periodId, kind, amount, memo }, admin.token)).recordEntry;
}

/** A CLOSED period with `revenue` - `expenses` as its result and the given patronage recorded. */
export async function closedPeriod(
  t: TestApp,
  admin: TestMember,
  options: { revenue?: string; expenses?: string; patronage?: Array<[TestMember, string]> } = {},
): Promise<string> {
  const periodId = await openPeriod(t, admin);
  await recordEntry(t, admin, periodId, 'REVENUE', options.revenue ?? '1000.00');
  if (options.expenses) await recordEntry(t, admin, periodId, 'EXPENSE', options.expenses);
  for (const [member, amount] of options.patronage ?? []) {
    await t.ok(RECORD_PATRONAGE, { periodId, memberId: member.id, amount }, admin.token);
  }
  await t.ok(CLOSE_PERIOD, { id: periodId }, admin.token);
  return periodId;
}

export interface ProposedDistribution {
  id: string;
  proposalId: string;
  options: Record<string, string>;
}

export async function propose(
  t: TestApp,
  admin: TestMember,
  periodId: string,
  split = policy('30', '10', '20', '40', '25'),
): Promise<ProposedDistribution> {
  const { proposeSurplusDistribution: distribution } = await t.ok(PROPOSE, { periodId, policy: split }, admin.token);
  return {
    id: distribution.id,
    proposalId: distribution.proposal.id,
    options: Object.fromEntries(distribution.proposal.options.map((option: { id: string; label: string }) => [option.label, option.id])),
  };
}

/** Each voter votes `choice`, then the admin closes the proposal; returns its outcome. */
export async function decide(
  t: TestApp,
  admin: TestMember,
  distribution: ProposedDistribution,
  voters: TestMember[],
  choice: 'FOR' | 'AGAINST' | 'ABSTAIN',
): Promise<string> {
  for (const voter of voters) {
    await t.ok(VOTE, { input: { proposalId: distribution.proposalId, optionIds: [distribution.options[choice]] } }, voter.token);
  }
  return (await t.ok(CLOSE_PROPOSAL, { id: distribution.proposalId }, admin.token)).closeProposal.outcome;
}

/** A distribution the members approved, ready to execute. */
export async function approvedDistribution(t: TestApp, admin: TestMember, voters: TestMember[]): Promise<{ periodId: string; id: string }> {
  const periodId = await closedPeriod(t, admin, { revenue: '1000.00', patronage: voters.map((voter) => [voter, '10']) });
  const distribution = await propose(t, admin, periodId);
  await decide(t, admin, distribution, voters, 'FOR');
  return { periodId, id: distribution.id };
}

/** GET an export with an optional bearer token. */
export async function download(t: TestApp, path: string, token?: string): Promise<{ status: number; type: string | null; body: string }> {
  const response = await fetch(`${t.baseUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
}

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF records) into rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += c;
  }
  if (field !== '' || row.length > 0) throw new Error('CSV does not end with CRLF');
  return rows;
}

/** A digest of every surplus table's rows (statuses and amounts included): equal before and after means nothing changed. */
export async function surplusDigest(t: TestApp): Promise<string> {
  const tables = [
    'fiscal_periods',
    'fiscal_entries',
    'patronage_records',
    'surplus_distributions',
    'ledger_postings',
    'ledger_lines',
    'member_allocations',
    'surplus_settings',
    'proposals',
  ];
  const parts: string[] = [];
  for (const table of tables) {
    const { rows } = await t.sql
      .query(`SELECT md5(coalesce(string_agg(row_to_json(x)::text, '|' ORDER BY row_to_json(x)::text), '')) AS digest
      FROM (SELECT * FROM ${table}) x`);
    parts.push(`${table}:${rows[0].digest}`);
  }
  // Audit entries get sealed in the background, so only their number is compared.
  const { rows } = await t.sql.query('SELECT count(*)::int AS n FROM audit_entries');
  parts.push(`audit_entries:${rows[0].n}`);
  return parts.join(' ');
}

/**
 * The year of surplus.e2e-spec.ts in one call, up to its posted distribution: FY2025's entries (a surplus of
 * 50000.01), patronage 1000, 600, 0 and 400 for `members`, a 30/10/20/40 split with 25% cash, passed by the
 * first three and executed.
 */
export async function distributedYear(t: TestApp, admin: TestMember, members: TestMember[]): Promise<{ periodId: string; id: string }> {
  const periodId = (
    await t.ok(OPEN_PERIOD, { name: 'FY2025', startsOn: '2025-01-01T00:00:00.000Z', endsOn: '2026-01-01T00:00:00.000Z' }, admin.token)
  ).openFiscalPeriod.id;
  await recordEntry(t, admin, periodId, 'REVENUE', '80000.00', 'Sales Q1-Q2');
  await recordEntry(t, admin, periodId, 'REVENUE', '45500.50', 'Sales Q3-Q4');
  await recordEntry(t, admin, periodId, 'EXPENSE', '60000.00', 'Wages');
  await recordEntry(t, admin, periodId, 'EXPENSE', '15500.00', 'Rent, "the big office"');
  await recordEntry(t, admin, periodId, 'EXPENSE', '0.49', 'Bank fee');
  for (const [index, amount] of ['1000', '600', '0', '400'].entries()) {
    await t.ok(RECORD_PATRONAGE, { periodId, memberId: members[index].id, amount }, admin.token);
  }
  await t.ok(CLOSE_PERIOD, { id: periodId }, admin.token);
  const distribution = await propose(t, admin, periodId, policy('30', '10', '20', '40', '25'));
  await decide(t, admin, distribution, members.slice(0, 3), 'FOR');
  await t.ok(EXECUTE, { id: distribution.id }, admin.token);
  return { periodId, id: distribution.id };
}
