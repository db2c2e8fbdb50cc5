import { TestApp } from '@commons/testing';

const REVOKE = `mutation($id: ID!, $role: Role!) { revokeRole(memberId: $id, role: $role) { id roles } }`;
const WITHDRAW = `mutation { withdrawMembership { id status } }`;
const SUSPEND = `mutation($id: ID!, $reason: String!) { suspendMember(memberId: $id, reason: $reason) { id status } }`;

// A database of its own: these tests count the co-op's admins.
describe('the last active admin', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t.stop();
  });

  it('never leaves the co-op without an active admin', async () => {
    const admin = await t.admin();
    const revoke = await t.gql(REVOKE, { id: admin.id, role: 'ADMIN' }, admin.token);
    expect(revoke.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((await t.gql(WITHDRAW, {}, admin.token)).errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((await t.gql(SUSPEND, { id: admin.id, reason: 'x' }, admin.token)).errors?.[0].extensions?.code).toBe('CONFLICT');

    // Two admins revoking each other at the same moment: exactly one succeeds.
    const second = await t.member({ roles: ['MEMBER', 'ADMIN'] as never });
    const results = await Promise.all([
      t.gql(REVOKE, { id: second.id, role: 'ADMIN' }, admin.token),
      t.gql(REVOKE, { id: admin.id, role: 'ADMIN' }, second.token),
    ]);
    const codes = results.map((result) => result.errors?.[0].extensions?.code ?? 'OK');
    expect(codes.filter((code) => code === 'OK')).toHaveLength(1);
    expect(codes.filter((code) => code !== 'OK')[0]).toMatch(/^(CONFLICT|FORBIDDEN)$/);
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM members WHERE status = 'ACTIVE' AND 'ADMIN' = ANY(roles)`);
    expect(rows[0].n).toBe(1);
  });
});
