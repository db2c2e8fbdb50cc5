import { JwtService } from '@nestjs/jwt';
import pg from 'pg';
import {
  API_PROCESS_ADMIN,
  API_PROCESS_SECRET,
  createTestDatabase,
  gqlOver,
  startApiProcess,
  type ApiProcess,
  type TestDatabase,
} from '@commons/testing';

const VOTERS = 400;

describe('kill -9 during a vote burst', () => {
  let db: TestDatabase;
  let sql: pg.Client;
  let api: ApiProcess | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
  });
  afterAll(async () => {
    await api?.stop('SIGKILL');
    await sql.end();
    await db.drop();
  });

  it('keeps every acknowledged vote, counts none twice, and the audit chain verifies', async () => {
    api = await startApiProcess(db.url, { showLogs: Boolean(process.env.FAULT_LOGS) });
    const login = (
      await gqlOver(api.url, `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, {
        e: API_PROCESS_ADMIN.email,
        p: API_PROCESS_ADMIN.password,
      })
    ).body!.data.login;
    // The proposal is closed as soon as the votes are checked.
    await gqlOver(api.url, 'mutation { foundBylaws(changes: { minVotingHours: 0 }) { version } }', {}, login.token);
    await sql.query(
      `INSERT INTO members (name, email, password_hash, status, roles, stakeholder_class, joined_at)
       SELECT 'Voter ' || n, 'voter' || n || '@faults.test', 'x', 'ACTIVE', '{MEMBER}', 'WORKER', now() FROM generate_series(1, $1) AS n`,
      [VOTERS],
    );
    const created = (
      await gqlOver(
        api.url,
        `mutation { createProposal(input: { title: "Burst", body: "b", method: MAJORITY }) { id options { id } } }`,
        {},
        login.token,
      )
    ).body!.data.createProposal;
    await gqlOver(api.url, `mutation($id: ID!) { openProposal(id: $id) { id } }`, { id: created.id }, login.token);
    const voters = (await sql.query(`SELECT id FROM members WHERE email LIKE 'voter%@faults.test'`)).rows as Array<{ id: string }>;
    const signer = new JwtService({ secret: API_PROCESS_SECRET });

    // Vote, 16 at a time; after 100 acknowledged votes, kill the server without warning.
    const acknowledged: Array<{ memberId: string; receipt: string }> = [];
    let next = 0;
    let killed = false;
    const worker = async () => {
      while (next < voters.length) {
        const voter = voters[next++];
        const response = await gqlOver(
          api!.url,
          `mutation($input: CastVoteInput!) { castVote(input: $input) { receipt } }`,
          { input: { proposalId: created.id, optionIds: [created.options[next % 2].id] } },
          signer.sign({ sub: voter.id }),
        ).catch(() => null); // the connection dies with the server
        const receipt = response?.body?.data?.castVote?.receipt;
        if (receipt) acknowledged.push({ memberId: voter.id, receipt });
        if (acknowledged.length >= 100 && !killed) {
          killed = true;
          api!.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    await api.stop('SIGKILL');
    expect(killed).toBe(true);

    api = await startApiProcess(db.url, { showLogs: Boolean(process.env.FAULT_LOGS) });
    const auditor = (
      await gqlOver(api.url, `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, {
        e: API_PROCESS_ADMIN.email,
        p: API_PROCESS_ADMIN.password,
      })
    ).body!.data.login;
    for (const { receipt } of acknowledged) {
      const verified = await gqlOver(
        api.url,
        `query($id: ID!, $r: String!) { verifyBallot(proposalId: $id, receipt: $r) }`,
        { id: created.id, r: receipt },
        auditor.token,
      );
      expect(verified.body!.data.verifyBallot).toBe(true);
    }
    const ballots = await sql.query('SELECT member_id FROM ballots WHERE proposal_id = $1', [created.id]);
    const members = ballots.rows.map((row: { member_id: string }) => row.member_id);
    expect(new Set(members).size).toBe(members.length);
    expect(members.length).toBeGreaterThanOrEqual(acknowledged.length);
    const audited = await sql.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'vote.cast' AND entity_id = $1`, [
      created.id,
    ]);
    expect(audited.rows[0].n).toBe(members.length);
    const chain = await gqlOver(api.url, '{ verifyAuditChain { valid entries firstBrokenSeq } }', {}, auditor.token);
    expect(chain.body!.data.verifyAuditChain).toMatchObject({ valid: true, firstBrokenSeq: null });

    const closed = await gqlOver(
      api.url,
      `mutation($id: ID!) { closeProposal(id: $id) { tally { participants } } }`,
      { id: created.id },
      auditor.token,
    );
    expect(closed.body!.data.closeProposal.tally.participants).toBe(members.length);
  });
});
