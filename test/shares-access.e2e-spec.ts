import { type GraphQLResponse, TestApp, type TestMember } from '@commons/testing';
import { type Caller, expectCall, matrix, signedInCallers } from './access-helpers.js';
import { CREATE_CLASS, DECIDE, REQUEST_SHARES, shareClass } from './shares-helpers.js';

interface Context {
  t: TestApp;
  admin: TestMember;
  classId: string;
  /** The caller's id (undefined when anonymous). */
  callerId?: string;
}

interface Operation {
  name: string;
  allowed: Caller[] | 'signed-in';
  /** Prepares what the call acts on, before the snapshot that a refused call must leave unchanged. */
  setup?: (context: Context) => Promise<string>;
  call(t: TestApp, token: string | undefined, target: string): Promise<GraphQLResponse>;
}

/** Gives a member shares straight in the database (set-up only; settling is tested through GraphQL elsewhere). */
async function holding(context: Context, memberId: string, quantity = 5): Promise<void> {
  await context.t.sql.query(
    `INSERT INTO share_holdings (member_id, share_class_id, quantity) VALUES ($1, $2, $3)
     ON CONFLICT (member_id, share_class_id) DO UPDATE SET quantity = share_holdings.quantity + $3`,
    [memberId, context.classId, quantity],
  );
}

/** A REQUESTED subscription of `memberId`, inserted for set-up. */
async function requested(context: Context, memberId: string, status = 'REQUESTED'): Promise<string> {
  const { rows } = await context.t.sql.query(
    `INSERT INTO share_operations (kind, status, member_id, share_class_id, quantity, amount, requested_at)
     VALUES ('SUBSCRIPTION', $3, $1, $2, 1, 25, now()) RETURNING id`,
    [memberId, context.classId, status],
  );
  return rows[0].id;
}

const operations: Operation[] = [
  { name: 'shareClasses', allowed: 'signed-in', call: (t, token) => t.gql('{ shareClasses { id } }', {}, token) },
  { name: 'shareRegister (own)', allowed: 'signed-in', call: (t, token) => t.gql('{ shareRegister { totalCount } }', {}, token) },
  {
    name: "shareRegister (another member's)",
    allowed: ['admin', 'auditor'],
    setup: async ({ t }) => (await t.member()).id,
    call: (t, token, id) => t.gql('query($id: ID!) { shareRegister(memberId: $id) { totalCount } }', { id }, token),
  },
  {
    name: "shareOperation (another member's)",
    allowed: ['admin', 'auditor'],
    setup: async (context) => requested(context, (await context.t.member()).id),
    call: (t, token, id) => t.gql('query($id: ID!) { shareOperation(id: $id) { id } }', { id }, token),
  },
  {
    name: "Member.holdings (another member's)",
    allowed: ['admin', 'auditor'],
    setup: async ({ t }) => (await t.member()).id,
    call: (t, token, id) => t.gql('query($id: ID!) { member(id: $id) { holdings { quantity } } }', { id }, token),
  },
  {
    name: 'createShareClass',
    allowed: ['admin'],
    call: (t, token) =>
      t.gql(
        CREATE_CLASS,
        { input: { code: `X${Math.random().toString(36).slice(2, 8).toUpperCase()}`, name: 'x', nominalValue: '1' } },
        token,
      ),
  },
  {
    name: 'requestShares',
    allowed: ['applicant', 'member', 'admin', 'auditor'],
    setup: async ({ classId }) => classId,
    call: (t, token, classId) => t.gql(REQUEST_SHARES, { classId, quantity: 1 }, token),
  },
  {
    name: 'requestShareTransfer',
    allowed: ['member', 'admin', 'auditor'],
    setup: async (context) => {
      if (context.callerId) await holding(context, context.callerId);
      return `${(await context.t.member()).id} ${context.classId}`;
    },
    call: (t, token, ids) => {
      const [to, classId] = ids.split(' ');
      return t.gql(
        'mutation($to: ID!, $c: ID!) { requestShareTransfer(toMemberId: $to, shareClassId: $c, quantity: 1) { id } }',
        { to, c: classId },
        token,
      );
    },
  },
  {
    name: 'requestRedemption',
    allowed: ['member', 'admin', 'auditor'],
    setup: async (context) => {
      if (context.callerId) await holding(context, context.callerId);
      return context.classId;
    },
    call: (t, token, classId) =>
      t.gql('mutation($c: ID!) { requestRedemption(shareClassId: $c, quantity: 1) { id } }', { c: classId }, token),
  },
  {
    name: 'decideShareOperation',
    allowed: ['admin'],
    setup: async (context) => requested(context, (await context.t.member()).id),
    call: (t, token, id) => t.gql(DECIDE, { id, approve: true }, token),
  },
  {
    name: 'settleShareOperation',
    allowed: ['admin'],
    setup: async (context) => requested(context, (await context.t.member()).id, 'APPROVED'),
    call: (t, token, id) =>
      t.gql(
        'mutation($id: ID!, $on: DateTime!) { settleShareOperation(id: $id, settledOn: $on) { id } }',
        { id, on: new Date().toISOString() },
        token,
      ),
  },
  {
    name: 'cancelShareOperation (own request)',
    allowed: 'signed-in',
    setup: async (context) => requested(context, context.callerId ?? (await context.t.member()).id),
    call: (t, token, id) => t.gql('mutation($id: ID!) { cancelShareOperation(id: $id) { id } }', { id }, token),
  },
  {
    name: "cancelShareOperation (another member's request)",
    allowed: [],
    setup: async (context) => requested(context, (await context.t.member()).id),
    call: (t, token, id) => t.gql('mutation($id: ID!) { cancelShareOperation(id: $id) { id } }', { id }, token),
  },
];

describe('who may do what in the share register', () => {
  let context: Context;
  let callers: Partial<Record<Caller, TestMember>> = {};

  beforeAll(async () => {
    const t = await TestApp.start();
    const admin = await t.admin();
    context = { t, admin, classId: (await shareClass(t, admin, { redeemable: true })).id };
    callers = await signedInCallers(t, admin);
  });
  afterAll(async () => {
    await context.t.stop();
  });

  it.each(matrix(operations))('%s as %s: %s', async (_name, caller, outcome, operation) => {
    const { t } = context;
    const target = (await operation.setup?.({ ...context, callerId: callers[caller]?.id })) ?? '';
    await expectCall(t, outcome, () => operation.call(t, callers[caller]?.token, target));
  });

  it('lets a member read their own operations and holdings', async () => {
    const { t, admin, classId } = context;
    const member = callers.member!;
    const { requestShares } = await t.ok(REQUEST_SHARES, { classId, quantity: 1 }, member.token);
    await t.ok(DECIDE, { id: requestShares.id, approve: true }, admin.token);
    expect(
      (await t.ok('query($id: ID!) { shareOperation(id: $id) { id } }', { id: requestShares.id }, member.token)).shareOperation.id,
    ).toBe(requestShares.id);
    expect(
      (await t.ok('query($id: ID!) { member(id: $id) { holdings { quantity } } }', { id: member.id }, member.token)).member.holdings,
    ).toEqual(expect.any(Array));
  });
});
