import pg from 'pg';
import { TestApp } from '@commons/testing';

const AUDIT_LOG = `query($action: String, $actorId: ID, $entityId: ID, $first: Int, $after: String) {
  auditLog(action: $action, actorId: $actorId, entityId: $entityId, first: $first, after: $after) {
    totalCount
    edges { cursor node { seq at action entityType entityId data hash prevHash actor { id name } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const VERIFY = '{ verifyAuditChain { valid entries firstBrokenSeq } }';
const ADMIT = `mutation($id: ID!) { admitMember(memberId: $id) { id status } }`;

describe('the audit log', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t.stop();
  });

  /** As an attacker with direct database access would: around the append-only trigger. */
  async function tamper(sql: string, params: unknown[] = []): Promise<void> {
    const client = new pg.Client({ connectionString: t.db.url });
    await client.connect();
    try {
      // One transaction holding the sealer's lock, so the background sealer cannot chain entries halfway through a repair.
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(727100001)');
      await client.query('ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only');
      await client.query(sql, params);
      await client.query('ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only');
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
  }

  it('records who did what to which entity, in the same transaction as the change', async () => {
    const admin = await t.admin();
    const applicant = await t.member({ status: 'APPLICANT' as never });
    await t.ok(ADMIT, { id: applicant.id }, admin.token);
    const { auditLog } = await t.ok(AUDIT_LOG, { entityId: applicant.id }, admin.token);
    expect(auditLog.totalCount).toBe(1);
    const entry = auditLog.edges[0].node;
    expect(entry).toMatchObject({ action: 'member.admitted', entityType: 'Member', entityId: applicant.id, actor: { id: admin.id } });
    expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(entry.prevHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('writes nothing when the change is refused', async () => {
    const admin = await t.admin();
    const active = await t.member();
    const before = (await t.ok(AUDIT_LOG, {}, admin.token)).auditLog.totalCount;
    const refused = await t.gql(ADMIT, { id: active.id }, admin.token);
    expect(refused.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((await t.ok(AUDIT_LOG, {}, admin.token)).auditLog.totalCount).toBe(before);
  });

  it('filters by action and actor and pages newest first', async () => {
    const admin = await t.admin();
    for (let i = 0; i < 3; i += 1) {
      const applicant = await t.member({ status: 'APPLICANT' as never });
      await t.ok(ADMIT, { id: applicant.id }, admin.token);
    }
    const all = (await t.ok(AUDIT_LOG, { action: 'member.admitted', actorId: admin.id, first: 100 }, admin.token)).auditLog;
    expect(all.totalCount).toBeGreaterThanOrEqual(3);
    const seqs: number[] = all.edges.map((edge: { node: { seq: number } }) => edge.node.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));

    const first = (await t.ok(AUDIT_LOG, { action: 'member.admitted', first: 2 }, admin.token)).auditLog;
    const second = (await t.ok(AUDIT_LOG, { action: 'member.admitted', first: 2, after: first.pageInfo.endCursor }, admin.token)).auditLog;
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(second.edges[0].node.seq).toBeLessThan(first.edges[1].node.seq);
    expect([...first.edges, ...second.edges].map((edge: { node: { seq: number } }) => edge.node.seq)).toEqual(seqs.slice(0, 4));

    const nobody = (await t.ok(AUDIT_LOG, { actorId: 'not-a-uuid' }, admin.token)).auditLog;
    expect(nobody.totalCount).toBe(0);
  });

  it('is readable by admins and auditors only', async () => {
    const auditor = await t.member({ roles: ['MEMBER', 'AUDITOR'] as never });
    const externalAuditor = await t.member({ status: 'APPLICANT' as never, roles: ['AUDITOR'] as never });
    const member = await t.member();
    const suspendedAuditor = await t.member({ status: 'SUSPENDED' as never, roles: ['MEMBER', 'AUDITOR'] as never });
    expect((await t.gql(VERIFY, {}, auditor.token)).data?.verifyAuditChain.valid).toBe(true);
    expect((await t.gql(VERIFY, {}, externalAuditor.token)).data?.verifyAuditChain.valid).toBe(true);
    expect((await t.gql(AUDIT_LOG, {}, member.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(VERIFY, {}, suspendedAuditor.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(VERIFY)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('chains every entry once, in order, even when many changes commit at the same time', async () => {
    const admin = await t.admin();
    const applicants = await Promise.all(Array.from({ length: 40 }, () => t.member({ status: 'APPLICANT' as never })));
    const results = await Promise.all(applicants.map((applicant) => t.gql(ADMIT, { id: applicant.id }, admin.token)));
    expect(results.every((result) => !result.errors)).toBe(true);
    const verification = (await t.ok(VERIFY, {}, admin.token)).verifyAuditChain;
    expect(verification).toMatchObject({ valid: true, firstBrokenSeq: null });
    const { rows } = await t.sql.query(
      'SELECT count(*)::int AS n, max(seq)::int AS last, count(DISTINCT seq)::int AS distinct FROM audit_entries',
    );
    expect(rows[0]).toEqual({ n: verification.entries, last: verification.entries, distinct: verification.entries });
  });

  it('refuses to change or delete entries through the database', async () => {
    const admin = await t.admin();
    await t.ok(VERIFY, {}, admin.token); // seals everything
    await expect(t.sql.query(`UPDATE audit_entries SET action = 'forged' WHERE seq = 1`)).rejects.toThrow(/cannot be changed/);
    await expect(t.sql.query('DELETE FROM audit_entries WHERE seq = 1')).rejects.toThrow(/cannot be deleted/);
  });

  describe('tampering', () => {
    let token: string;
    beforeEach(async () => {
      const admin = await t.admin();
      token = admin.token;
      for (let i = 0; i < 3; i += 1) {
        const applicant = await t.member({ status: 'APPLICANT' as never });
        await t.ok(ADMIT, { id: applicant.id }, token);
      }
      // Each case starts from a valid chain.
      expect((await t.ok(VERIFY, {}, token)).verifyAuditChain.valid).toBe(true);
    });

    it('detects an altered entry and names it', async () => {
      await tamper(`UPDATE audit_entries SET data = '{"role": "ADMIN"}' WHERE seq = 2`);
      expect((await t.ok(VERIFY, {}, token)).verifyAuditChain).toMatchObject({ valid: false, firstBrokenSeq: 2 });
    });

    afterEach(async () => {
      // Repair: reseal the chain from scratch so the next case starts valid.
      await tamper('UPDATE audit_entries SET seq = NULL, hash = NULL, prev_hash = NULL; DELETE FROM audit_chain_head');
    });

    it('detects a removed entry in the middle', async () => {
      const { rows } = await t.sql.query('SELECT max(seq)::int AS last FROM audit_entries');
      await tamper('DELETE FROM audit_entries WHERE seq = 3');
      const result = (await t.ok(VERIFY, {}, token)).verifyAuditChain;
      expect(result).toMatchObject({ valid: false, firstBrokenSeq: 3 });
      expect(rows[0].last).toBeGreaterThan(3);
    });

    it('detects removed newest entries', async () => {
      const { rows } = await t.sql.query('SELECT max(seq)::int AS last FROM audit_entries');
      await tamper('DELETE FROM audit_entries WHERE seq = $1', [rows[0].last]);
      expect((await t.ok(VERIFY, {}, token)).verifyAuditChain).toMatchObject({ valid: false, firstBrokenSeq: rows[0].last });
    });

    it('detects a rewritten hash', async () => {
      await tamper(`UPDATE audit_entries SET hash = repeat('a', 64) WHERE seq = 1`);
      expect((await t.ok(VERIFY, {}, token)).verifyAuditChain).toMatchObject({ valid: false, firstBrokenSeq: 1 });
    });
  });
});
