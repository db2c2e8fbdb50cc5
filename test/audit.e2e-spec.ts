import pg from 'pg';
import { AuditSealerService, chainedFields, GENESIS_HASH, keyedChainHash, plainChainHash } from '@commons/audit';
import { CapturedLogger, tamperWithAuditLog, TEST_AUDIT_KEY, TestApp } from '@commons/testing';

const AUDIT_LOG = `query($action: String, $actorId: ID, $entityId: ID, $atOrBefore: Int, $first: Int, $after: String) {
  auditLog(action: $action, actorId: $actorId, entityId: $entityId, atOrBefore: $atOrBefore, first: $first, after: $after) {
    totalCount
    edges { cursor node { seq at action entityType entityId data hash prevHash actor { id name } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const VERIFY = '{ verifyAuditChain { valid entries firstBrokenSeq } }';
const ADMIT = `mutation($id: ID!) { admitMember(memberId: $id) { id status } }`;

/** The heads the server logged (context 'AuditChain'), oldest first. */
function loggedHeads(logs: CapturedLogger): Array<{ seq: number; hash: string }> {
  return logs.lines
    .filter((line) => line.context === 'AuditChain')
    .map((line) => /head seq=(\d+) hash=([0-9a-f]{64})/.exec(String(line.message)))
    .filter((match) => match !== null)
    .map((match) => ({ seq: Number(match[1]), hash: match[2] }));
}

describe('the audit log', () => {
  let t: TestApp;
  const logs = new CapturedLogger();
  beforeAll(async () => {
    t = await TestApp.start({}, { logger: logs });
  });
  afterAll(async () => {
    await t.stop();
  });

  const tamper = (...statements: Array<[string, unknown[]?]>) => tamperWithAuditLog(t, ...statements);

  /**
   * Edits entry `seq`'s data, then recomputes every hash from there to the head with `hashOf`, as someone
   * who knows the published algorithm would, so that each entry's prevHash and the head agree again.
   */
  async function editAndRehash(seq: number, data: unknown, hashOf: typeof plainChainHash): Promise<void> {
    type Row = Parameters<typeof chainedFields>[1] & { seq: string };
    const { rows } = await t.sql.query<Row>('SELECT * FROM audit_entries WHERE seq >= $1 ORDER BY seq', [seq]);
    let prevHash: string =
      seq === 1 ? GENESIS_HASH : (await t.sql.query('SELECT hash FROM audit_entries WHERE seq = $1', [seq - 1])).rows[0].hash;
    const statements: Array<[string, unknown[]]> = [];
    for (const row of rows) {
      const fields = chainedFields(Number(row.seq), Number(row.seq) === seq ? { ...row, data } : row);
      const hash = hashOf(prevHash, fields);
      statements.push([
        'UPDATE audit_entries SET data = $2, prev_hash = $3, hash = $4 WHERE seq = $1',
        [row.seq, JSON.stringify(fields.data), prevHash, hash],
      ]);
      prevHash = hash;
    }
    statements.push(['UPDATE audit_chain_head SET last_hash = $1', [prevHash]]);
    await tamper(...statements);
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

  it('opens at an entry: that one first, then those before it, paged as usual', async () => {
    const admin = await t.admin();
    const all = (await t.ok(AUDIT_LOG, { first: 100 }, admin.token)).auditLog;
    const seqs: number[] = all.edges.map((edge: { node: { seq: number } }) => edge.node.seq);
    const at = seqs[Math.floor(seqs.length / 2)];
    const opened = (await t.ok(AUDIT_LOG, { atOrBefore: at, first: 2 }, admin.token)).auditLog;
    expect(opened.totalCount).toBe(seqs.filter((seq) => seq <= at).length);
    expect(opened.edges.map((edge: { node: { seq: number } }) => edge.node.seq)).toEqual(seqs.filter((seq) => seq <= at).slice(0, 2));
    const next = (await t.ok(AUDIT_LOG, { atOrBefore: at, first: 2, after: opened.pageInfo.endCursor }, admin.token)).auditLog;
    expect(next.edges.map((edge: { node: { seq: number } }) => edge.node.seq)).toEqual(seqs.filter((seq) => seq <= at).slice(2, 4));
    expect((await t.ok(AUDIT_LOG, { atOrBefore: 0 }, admin.token)).auditLog.totalCount).toBe(0);
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
    await expect(t.sql.query('DELETE FROM audit_chain_head')).rejects.toThrow(/head cannot be deleted/);
    await expect(t.sql.query('UPDATE audit_chain_head SET last_seq = last_seq - 1')).rejects.toThrow(/head cannot move back/);
    expect((await t.ok(VERIFY, {}, admin.token)).verifyAuditChain.valid).toBe(true);
  });

  it('refuses TRUNCATE of the log, its head and the append-only ledger, and the chain still verifies', async () => {
    const admin = await t.admin();
    const before = (await t.ok(VERIFY, {}, admin.token)).verifyAuditChain;
    expect(before).toMatchObject({ valid: true });
    expect(before.entries).toBeGreaterThan(0);
    for (const table of [
      'audit_entries',
      'audit_chain_head',
      'audit_entries, audit_chain_head',
      'ledger_lines',
      'ledger_postings CASCADE',
    ]) {
      await expect(t.sql.query(`TRUNCATE ${table}`)).rejects.toThrow(/append-only: TRUNCATE on \w+ is refused/);
    }
    expect((await t.ok(VERIFY, {}, admin.token)).verifyAuditChain).toEqual(before);
  });

  it('logs the head at each seal that advances the chain, as the database then holds it', async () => {
    const admin = await t.admin();
    await t.ok(VERIFY, {}, admin.token);
    const logged = loggedHeads(logs).length;
    for (let i = 0; i < 2; i += 1) {
      const applicant = await t.member({ status: 'APPLICANT' as never });
      await t.ok(ADMIT, { id: applicant.id }, admin.token);
    }
    const { entries } = (await t.ok(VERIFY, {}, admin.token)).verifyAuditChain;
    const heads = loggedHeads(logs);
    expect(heads.length).toBeGreaterThan(logged);
    const last = heads.at(-1)!;
    const { rows } = await t.sql.query('SELECT seq::int AS seq, hash FROM audit_entries WHERE seq = $1', [last.seq]);
    expect(last.seq).toBe(entries);
    expect(rows).toEqual([{ seq: last.seq, hash: last.hash }]);
    expect((await t.sql.query('SELECT last_seq::int AS seq, last_hash AS hash FROM audit_chain_head')).rows).toEqual([last]);
    // Every logged head is the hash still stored at its seq, and heads only move forward.
    for (const head of heads) {
      expect((await t.sql.query('SELECT hash FROM audit_entries WHERE seq = $1', [head.seq])).rows[0].hash).toBe(head.hash);
    }
    expect(heads.map((head) => head.seq)).toEqual([...heads.map((head) => head.seq)].sort((a, b) => a - b));
    // A seal with nothing to seal logs nothing.
    await t.ok(VERIFY, {}, admin.token);
    expect(loggedHeads(logs)).toHaveLength(heads.length);
  });

  it('reads the chain and its head in one snapshot, so an entry sealed meanwhile is no break', async () => {
    const admin = await t.admin();
    const applicant = await t.member({ status: 'APPLICANT' as never });
    const sealer = t.app.get(AuditSealerService);
    const sealPending = sealer.sealPending.bind(sealer);
    const query = pg.Client.prototype.query;
    await sealer.onApplicationShutdown(); // the background sealer pauses: only the seal below runs meanwhile
    let armed = false;
    let meddled = false;
    let sealedMeanwhile = 0;
    // Once the verifier has sealed what was pending, its next read of the log is followed at once by a
    // member admitted and sealed elsewhere, before the verifier's other reads.
    sealer.sealPending = async (wait?: boolean) => {
      const sealed = await sealPending(wait);
      armed = !meddled;
      return sealed;
    };
    pg.Client.prototype.query = async function (this: pg.Client, ...args: unknown[]) {
      const result = await (query as (...args: unknown[]) => Promise<unknown>).apply(this, args);
      if (armed && typeof args[0] === 'string' && /audit_(entries|chain_head)/.test(args[0])) {
        armed = false;
        meddled = true;
        // Elsewhere: another request admits a member, and a read of the log seals it (as another process would).
        const head = async () => Number((await t.sql.query('SELECT last_seq FROM audit_chain_head WHERE id = 1')).rows[0].last_seq);
        const before = await head();
        await t.ok(ADMIT, { id: applicant.id }, admin.token);
        await t.ok('{ auditLog(first: 1) { totalCount } }', {}, admin.token);
        sealedMeanwhile = (await head()) - before;
      }
      return result;
    } as typeof query;
    try {
      const during = (await t.ok(VERIFY, {}, admin.token)).verifyAuditChain;
      expect(sealedMeanwhile).toBe(1);
      expect(during).toMatchObject({ valid: true, firstBrokenSeq: null });
      const after = (await t.ok(VERIFY, {}, admin.token)).verifyAuditChain;
      expect(after).toMatchObject({ valid: true, entries: during.entries + 1 });
    } finally {
      pg.Client.prototype.query = query;
      sealer.sealPending = sealPending;
      sealer.onApplicationBootstrap();
    }
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
      await tamper([`UPDATE audit_entries SET data = '{"role": "ADMIN"}' WHERE seq = 2`]);
      expect((await t.ok(VERIFY, {}, token)).verifyAuditChain).toMatchObject({ valid: false, firstBrokenSeq: 2 });
    });

    afterEach(async () => {
      // Repair: reseal the chain from scratch so the next case starts valid.
      await tamper(['UPDATE audit_entries SET seq = NULL, hash = NULL, prev_hash = NULL'], ['DELETE FROM audit_chain_head']);
    });

    it('detects a removed entry in the middle', async () => {
      const { rows } = await t.sql.query('SELECT max(seq)::int AS last FROM audit_entries');
      await tamper(['DELETE FROM audit_entries WHERE seq = 3']);
      const result = (await t.ok(VERIFY, {}, token)).verifyAuditChain;
      expect(result).toMatchObject({ valid: false, firstBrokenSeq: 3 });
      expect(rows[0].last).toBeGreaterThan(3);
    });

    it('detects removed newest entries', async () => {
      const { rows } = await t.sql.query('SELECT max(seq)::int AS last FROM audit_entries');
      await tamper(['DELETE FROM audit_entries WHERE seq = $1', [rows[0].last]]);
      expect((await t.ok(VERIFY, {}, token)).verifyAuditChain).toMatchObject({ valid: false, firstBrokenSeq: rows[0].last });
    });

    it('detects a rewritten hash', async () => {
      await tamper([`UPDATE audit_entries SET hash = repeat('a', 64) WHERE seq = 1`]);
      expect((await t.ok(VERIFY, {}, token)).verifyAuditChain).toMatchObject({ valid: false, firstBrokenSeq: 1 });
    });

    it('detects an entry edited and every hash after it rebuilt with plain sha256, as a database reader would', async () => {
      await editAndRehash(2, { role: 'ADMIN' }, plainChainHash);
      expect((await t.ok(VERIFY, {}, token)).verifyAuditChain).toMatchObject({ valid: false, firstBrokenSeq: 2 });
    });

    it('would pass the same rebuilt chain only with AUDIT_KEY, which the database never holds', async () => {
      await editAndRehash(2, { role: 'ADMIN' }, (prevHash, entry) => keyedChainHash(TEST_AUDIT_KEY, prevHash, entry));
      expect((await t.ok(VERIFY, {}, token)).verifyAuditChain).toMatchObject({ valid: true, firstBrokenSeq: null });
    });

    it('detects the log and its head emptied around the triggers', async () => {
      await tamper(['CREATE TABLE emptied_audit_entries AS SELECT * FROM audit_entries'], ['TRUNCATE audit_entries, audit_chain_head']);
      try {
        expect((await t.ok(VERIFY, {}, token)).verifyAuditChain).toEqual({ valid: false, entries: 0, firstBrokenSeq: 1 });
      } finally {
        await tamper(['INSERT INTO audit_entries SELECT * FROM emptied_audit_entries'], ['DROP TABLE emptied_audit_entries']);
      }
    });
  });
});
