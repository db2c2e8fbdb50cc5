import { TestApp, type TestMember } from '@commons/testing';
import {
  approvedDistribution,
  closedPeriod,
  download,
  freshYear,
  openPeriod,
  policy,
  propose,
  recordEntry,
  surplusDigest,
} from './surplus-helpers.js';
import { members } from './voting-helpers.js';
import { type Caller, CALLERS, callerTokens, type Expected, expected, expectCall, matrix } from './access-helpers.js';

type Variables = Record<string, unknown>;

interface Shared {
  admin: TestMember;
  /** A period whose surplus has been distributed. */
  distributed: string;
  distributionId: string;
  /** An OPEN period. */
  open: string;
}

interface Operation {
  name: string;
  /** Who may call it; every other signed-in caller gets FORBIDDEN, anonymous gets UNAUTHENTICATED. */
  allowed: Caller[] | 'signed-in';
  /** Prepares what the call acts on (run before the "nothing changed" snapshot). */
  setup?: (t: TestApp, shared: Shared) => Promise<Variables>;
  query: string;
  variables?: (shared: Shared) => Variables;
}

const READERS: Caller[] = ['member', 'admin', 'auditor'];
const BOOKKEEPERS: Caller[] = ['admin', 'auditor'];

const operations: Operation[] = [
  {
    name: 'fiscalPeriod',
    allowed: READERS,
    query: 'query($id: ID!) { fiscalPeriod(id: $id) { id } }',
    variables: (s) => ({ id: s.distributed }),
  },
  { name: 'fiscalPeriods', allowed: READERS, query: '{ fiscalPeriods { totalCount } }' },
  {
    name: 'surplusDistribution',
    allowed: READERS,
    query: 'query($id: ID!) { surplusDistribution(id: $id) { id } }',
    variables: (s) => ({ id: s.distributionId }),
  },
  { name: 'surplusPolicyMinimums', allowed: READERS, query: '{ surplusPolicyMinimums { reserve } }' },
  {
    name: 'surplusFlows',
    allowed: READERS,
    query: 'query($id: ID!) { surplusFlows(periodId: $id) { from } }',
    variables: (s) => ({ id: s.distributed }),
  },
  {
    name: 'memberAllocations',
    allowed: 'signed-in',
    query: 'query($id: ID!) { memberAllocations(periodId: $id) { totalCount } }',
    variables: (s) => ({ id: s.distributed }),
  },
  {
    name: 'trialBalance',
    allowed: BOOKKEEPERS,
    query: 'query($id: ID!) { trialBalance(periodId: $id) { account } }',
    variables: (s) => ({ id: s.distributed }),
  },
  {
    name: 'ledgerPostings',
    allowed: BOOKKEEPERS,
    query: 'query($id: ID!) { ledgerPostings(periodId: $id) { totalCount } }',
    variables: (s) => ({ id: s.distributed }),
  },
  {
    name: 'commonsFunding',
    allowed: BOOKKEEPERS,
    query: 'query($id: ID!) { commonsFunding(periodId: $id) { amount } }',
    variables: (s) => ({ id: s.distributed }),
  },
  {
    name: 'patronageRecords',
    allowed: BOOKKEEPERS,
    query: 'query($id: ID!) { patronageRecords(periodId: $id) { totalCount } }',
    variables: (s) => ({ id: s.distributed }),
  },
  {
    name: 'openFiscalPeriod',
    allowed: ['admin'],
    setup: async () => freshYear(),
    query:
      'mutation($name: String!, $startsOn: DateTime!, $endsOn: DateTime!) { openFiscalPeriod(name: $name, startsOn: $startsOn, endsOn: $endsOn) { id } }',
  },
  {
    name: 'recordEntry',
    allowed: ['admin'],
    query: 'mutation($id: ID!) { recordEntry(periodId: $id, kind: REVENUE, amount: "10.00", memo: "Sales") { id } }',
    variables: (s) => ({ id: s.open }),
  },
  {
    name: 'reverseEntry',
    allowed: ['admin'],
    setup: async (t, s) => {
      await recordEntry(t, s.admin, s.open, 'EXPENSE', '1.00', 'Typo');
      const { rows } = await t.sql.query(
        `SELECT posting_id FROM fiscal_entries WHERE period_id = $1 ORDER BY recorded_at DESC, id LIMIT 1`,
        [s.open],
      );
      return { postingId: rows[0].posting_id };
    },
    query: 'mutation($postingId: ID!) { reverseEntry(postingId: $postingId, memo: "Typo") { id } }',
  },
  {
    name: 'recordPatronage',
    allowed: ['admin'],
    setup: async (t) => ({ memberId: (await t.member()).id }),
    query: 'mutation($id: ID!, $memberId: ID!) { recordPatronage(periodId: $id, memberId: $memberId, amount: "5") }',
    variables: (s) => ({ id: s.open }),
  },
  {
    name: 'importPatronage',
    allowed: ['admin'],
    setup: async (t) => ({ csv: `email,amount\n${(await t.member()).email},5\n` }),
    query: 'mutation($id: ID!, $csv: String!) { importPatronage(periodId: $id, csv: $csv) { members } }',
    variables: (s) => ({ id: s.open }),
  },
  {
    name: 'closeFiscalPeriod',
    allowed: ['admin'],
    setup: async (t, s) => ({ id: await openPeriod(t, s.admin) }),
    query: 'mutation($id: ID!) { closeFiscalPeriod(id: $id) { id } }',
  },
  {
    name: 'proposeSurplusDistribution',
    allowed: ['admin'],
    setup: async (t, s) => ({
      id: await closedPeriod(t, s.admin, { patronage: [[await t.member(), '1']] }),
      policy: policy('25', '5', '30', '40', '20'),
    }),
    query: 'mutation($id: ID!, $policy: AllocationPolicyInput!) { proposeSurplusDistribution(periodId: $id, policy: $policy) { id } }',
  },
  {
    name: 'executeSurplusDistribution',
    allowed: ['admin'],
    setup: async (t, s) => ({ id: (await approvedDistribution(t, s.admin, await members(t, 1))).id }),
    query: 'mutation($id: ID!) { executeSurplusDistribution(id: $id) { id } }',
  },
  {
    name: 'setSurplusPolicyMinimums',
    allowed: ['admin'],
    query: 'mutation { setSurplusPolicyMinimums(input: { education: "0" }) { reserve education } }',
  },
];

describe('who may call what in surplus reinvestment', () => {
  let t: TestApp;
  let shared: Shared;
  let tokens: Partial<Record<Caller, string>> = {};

  beforeAll(async () => {
    t = await TestApp.start();
    await t.foundBylaws({ minVotingHours: 0 });
    const admin = await t.admin();
    tokens = await callerTokens(t, admin);
    const { periodId, id } = await approvedDistribution(t, admin, await members(t, 2));
    await t.ok('mutation($id: ID!) { executeSurplusDistribution(id: $id) { id } }', { id }, admin.token);
    shared = { admin, distributed: periodId, distributionId: id, open: await openPeriod(t, admin) };
  });
  afterAll(async () => {
    await t.stop();
  });

  it.each(matrix(operations))('%s as %s: %s', async (_name, caller, outcome, operation) => {
    const variables = { ...(operation.variables?.(shared) ?? {}), ...((await operation.setup?.(t, shared)) ?? {}) };
    await expectCall(
      t,
      outcome,
      () => t.gql(operation.query, variables, tokens[caller]),
      () => surplusDigest(t),
    );
  });

  const exports = ['/exports/ledger.csv', '/exports/member-allocations.csv'].flatMap((path) =>
    CALLERS.map((caller) => [path, caller, expected(BOOKKEEPERS, caller)] as const),
  );
  const STATUS: Record<Expected, number> = { ok: 200, UNAUTHENTICATED: 401, FORBIDDEN: 403 };

  it.each(exports)('GET %s as %s: %s', async (path, caller, outcome) => {
    const response = await download(t, `${path}?periodId=${shared.distributed}`, tokens[caller]);
    expect(response.status).toBe(STATUS[outcome]);
    if (outcome === 'ok') {
      expect(response.type).toBe('text/csv; charset=utf-8');
      expect(response.body.split('\r\n').length).toBeGreaterThan(2);
    } else {
      expect(JSON.parse(response.body)).toMatchObject({ code: outcome });
      expect(response.body).not.toContain(shared.distributed);
    }
  });

  it('refuses an export with a bad token, a missing or malformed period, or an unknown one', async () => {
    expect((await download(t, `/exports/ledger.csv?periodId=${shared.distributed}`, 'not-a-token')).status).toBe(401);
    const missing = await download(t, '/exports/ledger.csv', tokens.admin);
    expect(missing.status).toBe(400);
    expect(JSON.parse(missing.body)).toEqual({ code: 'BAD_USER_INPUT', field: 'periodId', message: 'periodId is required.' });
    const malformed = await download(t, '/exports/member-allocations.csv?periodId=nope', tokens.auditor);
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'periodId' });
    const unknown = await download(t, '/exports/ledger.csv?periodId=00000000-0000-4000-8000-000000000000', tokens.admin);
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ code: 'NOT_FOUND' });
  });

  it("exports an OPEN period's ledger so far, and a header only where nothing was allocated", async () => {
    const ledger = await download(t, `/exports/ledger.csv?periodId=${shared.open}`, tokens.admin);
    expect(ledger.status).toBe(200);
    const allocations = await download(t, `/exports/member-allocations.csv?periodId=${shared.open}`, tokens.admin);
    expect(allocations.body).toBe('member_id,member_name,patronage,refund,cash,retained\r\n');
    expect(ledger.body.startsWith('posting_number,')).toBe(true);
  });

  it('shows a suspended or applicant member only their own (here: no) allocations', async () => {
    for (const caller of ['suspended', 'applicant'] as const) {
      const { memberAllocations } = await t.ok(
        'query($id: ID!) { memberAllocations(periodId: $id) { totalCount } }',
        { id: shared.distributed },
        tokens[caller],
      );
      expect(memberAllocations.totalCount).toBe(0);
    }
    const { memberAllocations } = await t.ok(
      'query($id: ID!) { memberAllocations(periodId: $id) { totalCount } }',
      { id: shared.distributed },
      tokens.auditor,
    );
    expect(memberAllocations.totalCount).toBe(2);
  });

  it('a proposal to distribute is a normal proposal members vote on, but only ADMIN proposes it', async () => {
    const periodId = await closedPeriod(t, shared.admin, { patronage: [[await t.member(), '1']] });
    const distribution = await propose(t, shared.admin, periodId);
    const { proposal } = await t.ok(
      'query($id: ID!) { proposal(id: $id) { status author { id } } }',
      { id: distribution.proposalId },
      tokens.member,
    );
    expect(proposal).toEqual({ status: 'OPEN', author: { id: shared.admin.id } });
  });
});
