import { MemberStatus } from '@commons/auth';
import { TestApp, type TestMember } from '@commons/testing';
import { randomUUID } from 'node:crypto';
import { CLOSE, members, openProposal, READ, tallyUntil, totalVotes, type Tally, vote, votesByLabel } from './voting-helpers.js';

const sleep = (ms: number) => new Promise((wake) => setTimeout(wake, ms));

// What casting a vote in one statement must still guarantee (see BallotsService.cast).
describe('casting votes', () => {
  let t: TestApp;
  let admin: TestMember;
  beforeAll(async () => {
    t = await TestApp.start({ DATABASE_POOL_SIZE: '30' });
    await t.foundBylaws({ minVotingHours: 0 });
    admin = await t.admin();
  });
  afterAll(async () => {
    await t.stop();
  });

  it('refuses a vote that waited on a close once the close commits, and writes nothing of it', async () => {
    const voters = await members(t, 20);
    const proposal = await openProposal(t, admin, { method: 'MAJORITY' });
    const before = await t.snapshot();
    // A close in progress: the proposal's row locked FOR UPDATE, as ProposalsService.lock takes it.
    const closing = await t.sql.connect();
    try {
      await closing.query('BEGIN');
      await closing.query('SELECT 1 FROM proposals WHERE id = $1 FOR UPDATE', [proposal.id]);
      const votes = voters.map((voter, i) => vote(t, voter, proposal, [i % 2 === 0 ? 'FOR' : 'AGAINST']));
      await sleep(500); // every vote is waiting on the lock by now (none can finish before COMMIT)
      await closing.query(`UPDATE proposals SET status = 'CLOSED', closed_at = now() WHERE id = $1`, [proposal.id]);
      await closing.query('COMMIT');
      const answers = await Promise.all(votes);
      expect(answers.map((answer) => answer.errors?.[0].extensions?.code)).toEqual(Array(20).fill('CONFLICT'));
    } finally {
      closing.release();
    }
    const after = await t.snapshot();
    expect(after).toEqual(before);
  });

  it('makes a close wait for a vote in flight, and counts it', async () => {
    const [voter] = await members(t, 1);
    const proposal = await openProposal(t, admin, { method: 'MAJORITY' });
    // A vote in flight: its statement holds the proposal FOR KEY SHARE until it commits.
    const inFlight = await t.sql.connect();
    let closed: Promise<unknown> | undefined;
    try {
      await inFlight.query('BEGIN');
      await inFlight.query('SELECT 1 FROM proposals WHERE id = $1 FOR KEY SHARE', [proposal.id]);
      closed = t.gql(CLOSE, { id: proposal.id }, admin.token);
      await sleep(500);
      const { rows } = await t.sql.query('SELECT status FROM proposals WHERE id = $1', [proposal.id]);
      expect(rows[0].status).toBe('OPEN');
      const { rows: options } = await inFlight.query(`SELECT id FROM proposal_options WHERE proposal_id = $1 AND label = 'FOR'`, [
        proposal.id,
      ]);
      await inFlight.query('UPDATE proposal_voters SET has_voted = true WHERE proposal_id = $1 AND member_id = $2', [
        proposal.id,
        voter.id,
      ]);
      await inFlight.query(
        `INSERT INTO ballots (proposal_id, member_id, option_ids, receipt_hash, cast_at) VALUES ($1, $2, $3, repeat('0', 64), now())`,
        [proposal.id, voter.id, JSON.stringify([options[0].id])],
      );
      await inFlight.query('COMMIT');
    } finally {
      inFlight.release();
    }
    const answer = (await closed) as { data?: { closeProposal: { status: string; tally: Tally & { participants: number } } } };
    expect(answer.data?.closeProposal.status).toBe('CLOSED');
    expect(answer.data?.closeProposal.tally.participants).toBe(1);
    expect(votesByLabel(answer.data!.closeProposal.tally)).toEqual({ FOR: 1, AGAINST: 0, ABSTAIN: 0 });
  });

  it('refuses a member suspended a moment ago even while this process still holds their standing as ACTIVE', async () => {
    const [author, voter] = await members(t, 2);
    const proposal = await openProposal(t, author, { method: 'MAJORITY' });
    await t.ok(READ, { id: proposal.id }, voter.token); // a read caches their standing in this process
    expect((await vote(t, voter, proposal, ['FOR'])).errors).toBeUndefined();
    // Suspended with the trigger that announces changes switched off: no process hears of it.
    const quiet = await t.sql.connect();
    try {
      await quiet.query('BEGIN');
      await quiet.query(`SET LOCAL session_replication_role = replica`);
      await quiet.query(`UPDATE members SET status = 'SUSPENDED' WHERE id = $1`, [voter.id]);
      await quiet.query('COMMIT');
    } finally {
      quiet.release();
    }
    const before = await t.snapshot();
    expect((await vote(t, voter, proposal, ['AGAINST'])).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await t.snapshot()).toEqual(before);
    const { rows } = await t.sql.query('SELECT option_ids FROM ballots WHERE proposal_id = $1 AND member_id = $2', [proposal.id, voter.id]);
    expect(rows[0].option_ids).toEqual([proposal.options.FOR]);
  });

  it('refuses a vote by a SUSPENDED member this process has never seen, and by a token of no member, writing nothing', async () => {
    const [author] = await members(t, 1);
    const [suspended] = await members(t, 1, { status: MemberStatus.SUSPENDED });
    const proposal = await openProposal(t, author, { method: 'MAJORITY' });
    const before = await t.snapshot();
    // Neither is looked up before the vote's statement (it checks the standing itself): the refusal says why.
    expect((await vote(t, suspended, proposal, ['FOR'])).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const nobody = { id: randomUUID(), email: 'nobody@coop.test', token: await t.token(randomUUID()) };
    expect((await vote(t, nobody, proposal, ['FOR'])).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await t.snapshot()).toEqual(before);
  });

  it('lets a member reinstated a moment ago vote even while this process still holds them as SUSPENDED', async () => {
    const [author, voter] = await members(t, 2);
    const proposal = await openProposal(t, author, { method: 'MAJORITY' });
    const quiet = await t.sql.connect();
    const setStatus = async (status: string) => {
      await quiet.query('BEGIN');
      await quiet.query(`SET LOCAL session_replication_role = replica`);
      await quiet.query(`UPDATE members SET status = $2 WHERE id = $1`, [voter.id, status]);
      await quiet.query('COMMIT');
    };
    try {
      await setStatus('SUSPENDED');
      // A read caches the SUSPENDED standing (reads use the cache; the trigger stayed quiet).
      await t.gql('{ proposals { totalCount } }', {}, voter.token);
      await setStatus('ACTIVE');
    } finally {
      quiet.release();
    }
    expect((await vote(t, voter, proposal, ['AGAINST'])).errors).toBeUndefined();
  });

  it('delivers the final tally to subscribers of a burst, though each process signals at most every 200 ms', async () => {
    const voters = await members(t, 40);
    const proposal = await openProposal(t, admin, { method: 'MAJORITY' });
    const followed = tallyUntil(t, admin.token, proposal.id, (tally) => totalVotes(tally) === 40);
    await followed.ready;
    const answers = await Promise.all(voters.map((voter, i) => vote(t, voter, proposal, [i < 25 ? 'FOR' : 'AGAINST'])));
    expect(answers.filter((answer) => answer.errors)).toEqual([]);
    // The last votes of the burst are signalled at the end of the interval they fell in, so the tally that
    // reaches the subscriber is the final one.
    expect(votesByLabel(await followed.tally)).toEqual({ FOR: 25, AGAINST: 15, ABSTAIN: 0 });
  });

  it('keeps the audit chain whole after votes written by their own statements', async () => {
    const { verifyAuditChain } = await t.ok('{ verifyAuditChain { valid entries firstBrokenSeq } }', {}, admin.token);
    expect(verifyAuditChain).toMatchObject({ valid: true, firstBrokenSeq: null });
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'vote.cast' AND seq IS NOT NULL`);
    expect(rows[0].n).toBeGreaterThanOrEqual(40);
  });
});
