import { Role } from '@commons/auth';
import { TestApp, type TestMember } from '@commons/testing';
import { CHECK_IN, checkIn, convene, draft, GRANT, OPEN_ASSEMBLY } from './assembly-helpers.js';

const ATTENDANCE = `query($id: ID!, $search: String, $checkedIn: Boolean, $first: Int, $after: String) {
  assembly(id: $id) {
    quorum quorumNeeded roll present represented quorumReached
    attendance(search: $search, checkedIn: $checkedIn, first: $first, after: $after) {
      totalCount edges { node { member { id name } checkedInAt mode } } pageInfo { hasNextPage endCursor }
    }
  }
}`;
const QUORUM = `query($id: ID!) { assembly(id: $id) { quorum quorumNeeded roll present represented quorumReached } }`;

interface Attendee {
  member: { id: string; name: string };
  checkedInAt: string | null;
  mode: string | null;
}

/** The door's view of a sitting: its roll searched by name, who is checked in and how, and the quorum to reach. */
describe("a sitting's attendance", () => {
  let t: TestApp;
  let admin: TestMember, auditor: TestMember;
  let ada: TestMember, adam: TestMember, zoe: TestMember, yann: TestMember;
  let assemblyId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.foundBylaws({ noticeDays: 0, assemblyQuorum: 0.5, maxProxiesPerMember: 1 });
    admin = await t.admin();
    await t.sql.query(`UPDATE members SET name = 'Olga Admin' WHERE id = $1`, [admin.id]);
    auditor = await t.member({ roles: [Role.MEMBER, Role.AUDITOR], name: 'Uma Auditor' });
    ada = await t.member({ name: 'Ada Lovelace' });
    adam = await t.member({ name: 'Adam Smith' });
    zoe = await t.member({ name: 'Zoe Quinn' });
    yann = await t.member({ name: 'Yann Tiersen' });
  });
  afterAll(async () => {
    await t.stop();
  });

  async function attendance(token: string, variables: Record<string, unknown> = {}) {
    const { assembly } = await t.ok(ATTENDANCE, { id: assemblyId, ...variables }, token);
    return assembly as {
      quorum: string;
      quorumNeeded: number;
      present: number;
      represented: number;
      quorumReached: boolean;
      attendance: { totalCount: number; edges: Array<{ node: Attendee }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    };
  }
  const names = (result: Awaited<ReturnType<typeof attendance>>) => result.attendance.edges.map((edge) => edge.node.member.name);

  it('gives the quorum in force and the fewest needed to reach it; the roll is empty until the sitting opens', async () => {
    const item = await draft(t, ada, { title: 'Accounts', method: 'MAJORITY' });
    ({ id: assemblyId } = await convene(t, admin, [{ title: 'Accounts', proposalId: item.id }]));
    const before = await attendance(admin.token);
    // Six ACTIVE members; half of them is three.
    expect(before).toMatchObject({ quorum: '0.5000', quorumNeeded: 3, present: 0, represented: 0, quorumReached: false });
    expect(before.attendance).toEqual({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
    await t.ok(OPEN_ASSEMBLY, { id: assemblyId }, admin.token);
    const roll = await attendance(admin.token);
    expect(names(roll)).toEqual(['Ada Lovelace', 'Adam Smith', 'Olga Admin', 'Uma Auditor', 'Yann Tiersen', 'Zoe Quinn']);
    expect(roll.attendance.edges.every((edge) => edge.node.checkedInAt === null && edge.node.mode === null)).toBe(true);
  });

  it('searches the roll by part of the name in any case, and pages through it', async () => {
    expect(names(await attendance(admin.token, { search: '  ADA ' }))).toEqual(['Ada Lovelace', 'Adam Smith']);
    expect(names(await attendance(admin.token, { search: 'quin' }))).toEqual(['Zoe Quinn']);
    expect((await attendance(admin.token, { search: '%' })).attendance.totalCount).toBe(0);
    const first = await attendance(admin.token, { first: 4 });
    expect(first.attendance).toMatchObject({ totalCount: 6, pageInfo: { hasNextPage: true } });
    const rest = await attendance(admin.token, { first: 4, after: first.attendance.pageInfo.endCursor });
    expect(names(rest)).toEqual(['Yann Tiersen', 'Zoe Quinn']);
    expect(rest.attendance.pageInfo.hasNextPage).toBe(false);
  });

  it('shows who is checked in and how, and moves the quorum with each check-in and proxy', async () => {
    await t.ok(CHECK_IN, { a: assemblyId, m: ada.id, mode: 'IN_PERSON' }, admin.token);
    await checkIn(t, assemblyId, zoe);
    await t.ok(GRANT, { a: assemblyId, h: zoe.id }, yann.token);
    const present = await attendance(admin.token, { checkedIn: true });
    expect(present.attendance.edges.map(({ node }) => [node.member.name, node.mode])).toEqual([
      ['Ada Lovelace', 'IN_PERSON'],
      ['Zoe Quinn', 'REMOTE'],
    ]);
    expect(present.attendance.edges.every(({ node }) => typeof node.checkedInAt === 'string')).toBe(true);
    expect(present).toMatchObject({ present: 2, represented: 1, quorumNeeded: 3, quorumReached: true });
    expect(names(await attendance(admin.token, { checkedIn: false, search: 'ad' }))).toEqual(['Adam Smith', 'Olga Admin']);
    const again = await t.gql(CHECK_IN, { a: assemblyId, m: ada.id, mode: 'IN_PERSON' }, admin.token);
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(again.errors?.[0].message).toMatch(/checked in already/);
  });

  it('gives the attendance to admins and auditors only; every member reads the quorum', async () => {
    expect(names(await attendance(auditor.token, { checkedIn: true }))).toEqual(['Ada Lovelace', 'Zoe Quinn']);
    const refused = await t.gql(ATTENDANCE, { id: assemblyId }, adam.token);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(refused.data ?? null)).not.toContain('Ada Lovelace');
    const { assembly } = await t.ok(QUORUM, { id: assemblyId }, adam.token);
    expect(assembly).toEqual({ quorum: '0.5000', quorumNeeded: 3, roll: 6, present: 2, represented: 1, quorumReached: true });
    const anonymous = await t.gql(ATTENDANCE, { id: assemblyId });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
