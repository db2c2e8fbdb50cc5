import { MemberStatus } from '@commons/auth';
import { TestApp, type TestMember } from '@commons/testing';
import { convene, draft } from './assembly-helpers.js';
import { inbox, INBOX, MARK_READ, PREFERENCES, SET_PREFERENCES, settle } from './notification-helpers.js';
import { CLOSE, members, openProposal } from './voting-helpers.js';

const PUBLIC_URL = 'https://coop.example';

describe('the in-app inbox', () => {
  let t: TestApp;
  let admin: TestMember;

  beforeAll(async () => {
    t = await TestApp.start({ PUBLIC_URL });
    await t.foundBylaws({ minVotingHours: 0, noticeDays: 0 });
    admin = await t.admin();
  });
  afterAll(() => t?.stop());

  it('tells an applicant they were admitted, in their inbox only, and a member that they are suspended and reinstated', async () => {
    const applicant = await t.member({ status: MemberStatus.APPLICANT });
    const bystander = await t.member();
    await t.ok(`mutation($id: ID!) { admitMember(memberId: $id) { id } }`, { id: applicant.id }, admin.token);
    await t.ok(`mutation($id: ID!) { suspendMember(memberId: $id, reason: "Unpaid dues") { id } }`, { id: applicant.id }, admin.token);
    await t.ok(`mutation($id: ID!) { reinstateMember(memberId: $id) { id } }`, { id: applicant.id }, admin.token);
    const items = await inbox(t, applicant);
    expect(items.map((item) => [item.kind, item.subject])).toEqual([
      ['MEMBERSHIP_CHANGED', 'Your membership is active again'],
      ['MEMBERSHIP_CHANGED', 'Your membership is suspended'],
      ['MEMBERSHIP_CHANGED', 'Welcome: you are a member'],
    ]);
    expect(items[1].body).toContain('Reason given: Unpaid dues');
    expect(items.every((item) => item.readAt === null && item.link === `${PUBLIC_URL}/`)).toBe(true);
    expect(await inbox(t, bystander)).toEqual([]);
  });

  it('tells the members on the roll that a vote opened and how it closed, with links into the web app', async () => {
    const [author, voter] = await members(t, 2);
    const outsider = await t.member({ status: MemberStatus.SUSPENDED });
    const proposal = await openProposal(t, author, { title: 'Solar panels', method: 'MAJORITY' });
    await t.ok(CLOSE, { id: proposal.id }, admin.token);
    for (const member of [author, voter]) {
      const items = await inbox(t, member);
      const mine = items.filter((item) => item.link === `${PUBLIC_URL}/proposals/${proposal.id}`);
      expect(mine.map((item) => item.kind)).toEqual(['PROPOSAL_CLOSED', 'PROPOSAL_OPENED']);
      expect(mine[1]).toMatchObject({ subject: 'Vote open: Solar panels' });
      expect(mine[0]).toMatchObject({ subject: 'Decided: Solar panels' });
      expect(mine[0].body).toMatch(/"Solar panels" has closed: it (passed|was rejected|did not reach its quorum)\. 0 of \d+ took part\./);
    }
    expect((await inbox(t, outsider)).filter((item) => item.link?.includes(proposal.id))).toEqual([]);
  });

  it('tells every ACTIVE member, and no one else, that an assembly is convened: when, where, the agenda and how to give a proxy', async () => {
    const active = await t.member();
    const applicant = await t.member({ status: MemberStatus.APPLICANT });
    const suspended = await t.member({ status: MemberStatus.SUSPENDED });
    const item = await draft(t, admin, { title: 'Accounts', method: 'MAJORITY' });
    const startsAt = new Date(Date.now() + 7 * 86_400_000);
    startsAt.setUTCSeconds(0, 0);
    const assembly = await convene(
      t,
      admin,
      [{ title: 'Welcome' }, { title: 'The accounts', proposalId: item.id }],
      startsAt.toISOString(),
    );
    const [notice] = (await inbox(t, active)).filter((entry) => entry.kind === 'ASSEMBLY_CONVENED');
    expect(notice.subject).toBe('Assembly convened: General assembly');
    expect(notice.link).toBe(`${PUBLIC_URL}/assemblies/${assembly.id}`);
    expect(notice.body).toContain(`When: ${startsAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`);
    expect(notice.body).toContain('Where: Hall');
    expect(notice.body).toContain('1. Welcome\n2. The accounts');
    expect(notice.body).toContain('Give my proxy');
    const { rows } = await t.sql.query(
      `SELECT count(*)::int AS notified FROM notifications WHERE kind = 'ASSEMBLY_CONVENED' AND link LIKE '%' || $1`,
      [assembly.id],
    );
    const { rows: active_ } = await t.sql.query(`SELECT count(*)::int AS n FROM members WHERE status = 'ACTIVE'`);
    expect(rows[0].notified).toBe(active_[0].n);
    for (const member of [applicant, suspended])
      expect((await inbox(t, member)).map((entry) => entry.kind)).not.toContain('ASSEMBLY_CONVENED');
  });

  it("tells every ACTIVE member when a budget's phase changes", async () => {
    const active = await t.member();
    const suspended = await t.member({ status: MemberStatus.SUSPENDED });
    const { createBudget } = await t.ok(
      `mutation($input: CreateBudgetInput!) { createBudget(input: $input) { id } }`,
      { input: { title: 'Commons fund', amount: '1000.00', ballotRule: 'APPROVAL', allocationMethod: 'GREEDY' } },
      admin.token,
    );
    await t.ok(`mutation($id: ID!) { setBudgetPhase(id: $id, phase: SUBMISSION) { id } }`, { id: createBudget.id }, admin.token);
    const [notice] = (await inbox(t, active)).filter((item) => item.kind === 'BUDGET_PHASE_CHANGED');
    expect(notice).toMatchObject({
      subject: 'Budget "Commons fund" is now SUBMISSION',
      body: 'The participatory budget "Commons fund" moved from DRAFT to SUBMISSION.',
      link: `${PUBLIC_URL}/budgets/${createBudget.id}`,
    });
    expect((await inbox(t, suspended)).map((item) => item.kind)).not.toContain('BUDGET_PHASE_CHANGED');
  });

  it('pages the inbox, filters unread, and marks read what the member names, or everything', async () => {
    const member = await t.member({ status: MemberStatus.APPLICANT });
    await t.ok(`mutation($id: ID!) { admitMember(memberId: $id) { id } }`, { id: member.id }, admin.token);
    for (let i = 0; i < 3; i += 1) await openProposal(t, admin, { title: `Question ${i}`, method: 'MAJORITY' });
    const items = await inbox(t, member);
    expect(items).toHaveLength(4);
    const first = await t.ok(INBOX, { first: 2 }, member.token);
    expect(first.myNotifications).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: true } });
    const second = await t.ok(INBOX, { first: 2, after: first.myNotifications.pageInfo.endCursor }, member.token);
    expect([...first.myNotifications.edges, ...second.myNotifications.edges].map((edge: { node: { id: string } }) => edge.node.id)).toEqual(
      items.map((item) => item.id),
    );

    expect((await t.ok(MARK_READ, { ids: [items[0].id, items[1].id] }, member.token)).markNotificationsRead).toBe(2);
    expect((await t.ok(MARK_READ, { ids: [items[0].id] }, member.token)).markNotificationsRead).toBe(0);
    const unread = await inbox(t, member, true);
    expect(unread.map((item) => item.id)).toEqual([items[2].id, items[3].id]);
    expect((await t.ok(MARK_READ, {}, member.token)).markNotificationsRead).toBe(2);
    expect(await inbox(t, member, true)).toEqual([]);
    expect((await inbox(t, member)).every((item) => item.readAt !== null)).toBe(true);
  });

  it("keeps each inbox its owner's: another member's ids change nothing, and anonymous callers are refused", async () => {
    const [owner, other] = await members(t, 2);
    await openProposal(t, admin, { title: 'Mine to read', method: 'MAJORITY' });
    const [item] = await inbox(t, owner);
    expect((await t.ok(MARK_READ, { ids: [item.id] }, other.token)).markNotificationsRead).toBe(0);
    expect((await inbox(t, owner))[0].readAt).toBeNull();
    for (const query of [INBOX, PREFERENCES]) expect((await t.gql(query, {})).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(MARK_READ, {})).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const refused = await t.gql(MARK_READ, { ids: ['not-a-uuid'] }, owner.token);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ids' });
  });

  it('has defaults, and changes only the preferences given', async () => {
    const member = await t.member();
    expect((await t.ok(PREFERENCES, {}, member.token)).myNotificationPreferences).toEqual({ email: true, digest: 'NEVER', muted: [] });
    const set = await t.ok(SET_PREFERENCES, { input: { digest: 'WEEKLY', muted: ['CLOSING_SOON'] } }, member.token);
    expect(set.setNotificationPreferences).toEqual({ email: true, digest: 'WEEKLY', muted: ['CLOSING_SOON'] });
    await t.ok(SET_PREFERENCES, { input: { email: false } }, member.token);
    expect((await t.ok(PREFERENCES, {}, member.token)).myNotificationPreferences).toEqual({
      email: false,
      digest: 'WEEKLY',
      muted: ['CLOSING_SOON'],
    });
    // Another member's stay their own.
    expect((await t.ok(PREFERENCES, {}, admin.token)).myNotificationPreferences).toEqual({ email: true, digest: 'NEVER', muted: [] });
  });

  it('sends nothing for a change that rolled back', async () => {
    const member = await t.member();
    const before = await t.sql.query(`SELECT count(*)::int AS n FROM notifications`);
    // Admitting an ACTIVE member is refused: the transaction, with its audit entry, rolls back.
    const refused = await t.gql(`mutation($id: ID!) { admitMember(memberId: $id) { id } }`, { id: member.id }, admin.token);
    expect(refused.errors?.[0].extensions?.code).toBe('CONFLICT');
    await settle(t);
    const after = await t.sql.query(`SELECT count(*)::int AS n FROM notifications`);
    expect(after.rows[0].n).toBe(before.rows[0].n);
    expect(await inbox(t, member)).toEqual([]);
  });
});
