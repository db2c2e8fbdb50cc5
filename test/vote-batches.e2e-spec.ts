import { Agent } from 'node:http';
import { MemberStatus } from '@commons/auth';
import { type GraphQLResponse, TestApp, type TestMember } from '@commons/testing';
import { CLOSE, members, openProposal, type OpenProposal, voteVia } from './voting-helpers.js';

const VERIFY = `query($proposalId: ID!, $receipt: String!) { verifyBallot(proposalId: $proposalId, receipt: $receipt) }`;

// Open ballots cast at the same time are written together (group commit): each voter still gets the answer
// a vote cast alone would get, and only what was accepted is written.
describe('votes cast at the same time', () => {
  let t: TestApp;
  let admin: TestMember;
  let agent: Agent;
  beforeAll(async () => {
    t = await TestApp.start();
    await t.foundBylaws({ minVotingHours: 0 });
    admin = await t.admin();
    agent = new Agent({ keepAlive: true, maxSockets: 64 });
  });
  afterAll(async () => {
    agent.destroy();
    await t.stop();
  });

  const cast = (voter: TestMember, proposal: OpenProposal, label: string) => voteVia(t, agent, voter, proposal, [label]);

  it('answers each vote of a burst on its own, writes only the accepted ones, and commits them together', async () => {
    const voters = await members(t, 60);
    const [first, second, closed] = [
      await openProposal(t, voters[0], { method: 'MAJORITY' }),
      await openProposal(t, voters[0], { method: 'MAJORITY' }),
      await openProposal(t, voters[0], { method: 'MAJORITY' }),
    ];
    await t.ok(CLOSE, { id: closed.id }, admin.token);
    // Suspended after the proposals opened (on their rolls, no longer ACTIVE), and joined after (on no roll).
    const suspended = voters.slice(50);
    await t.sql.query(`UPDATE members SET status = 'SUSPENDED' WHERE id = ANY($1::uuid[])`, [suspended.map((member) => member.id)]);
    const latecomers = await members(t, 5, { status: MemberStatus.ACTIVE });
    const active = voters.slice(0, 50);

    const attempts = [
      ...active.map((voter) => ({ voter, proposal: first, label: 'FOR', expected: 'OK' })),
      ...active.map((voter, i) => ({ voter, proposal: second, label: i % 2 ? 'FOR' : 'AGAINST', expected: 'OK' })),
      // A second vote on the same proposal by the same member, in the same burst: both answered, the ballot kept once.
      ...active.slice(0, 10).map((voter) => ({ voter, proposal: first, label: 'AGAINST', expected: 'OK' })),
      ...suspended.map((voter) => ({ voter, proposal: first, label: 'FOR', expected: 'FORBIDDEN' })),
      ...latecomers.map((voter) => ({ voter, proposal: first, label: 'FOR', expected: 'FORBIDDEN' })),
      ...active.slice(0, 5).map((voter) => ({ voter, proposal: closed, label: 'FOR', expected: 'CONFLICT' })),
    ];
    const results = await Promise.all(attempts.map(({ voter, proposal, label }) => cast(voter, proposal, label)));

    expect(results.map((result) => result.errors?.[0]?.extensions?.code ?? 'OK')).toEqual(attempts.map((attempt) => attempt.expected));
    const ballots = await t.sql.query(
      `SELECT proposal_id, count(*)::int AS n FROM ballots WHERE proposal_id = ANY($1::uuid[]) GROUP BY proposal_id`,
      [[first.id, second.id, closed.id]],
    );
    expect(Object.fromEntries(ballots.rows.map((row) => [row.proposal_id, row.n]))).toEqual({ [first.id]: 50, [second.id]: 50 });
    const entries = await t.sql.query(
      `SELECT entity_id, count(*)::int AS n FROM audit_entries WHERE action = 'vote.cast' AND entity_id = ANY($1::text[]) GROUP BY entity_id`,
      [[first.id, second.id, closed.id]],
    );
    expect(Object.fromEntries(entries.rows.map((row) => [row.entity_id, row.n]))).toEqual({ [first.id]: 60, [second.id]: 50 });
    // Every ballot the second proposal holds is the one its voter cast, and its receipt verifies.
    const second50 = results.slice(50, 100);
    const verified = await Promise.all(
      second50.map((result) => t.ok(VERIFY, { proposalId: second.id, receipt: result.data!.castVote.receipt }, active[0].token)),
    );
    expect(verified.every((answer) => answer.verifyBallot === true)).toBe(true);
    const choices = await t.sql.query(`SELECT member_id, option_ids FROM ballots WHERE proposal_id = $1`, [second.id]);
    const byMember = new Map(choices.rows.map((row) => [row.member_id, row.option_ids[0]]));
    expect(active.map((voter) => byMember.get(voter.id))).toEqual(active.map((_voter, i) => second.options[i % 2 ? 'FOR' : 'AGAINST']));
    // The repeat voters' later votes count.
    const onFirst = await t.sql.query(`SELECT member_id, option_ids FROM ballots WHERE proposal_id = $1`, [first.id]);
    const firstByMember = new Map(onFirst.rows.map((row) => [row.member_id, row.option_ids[0]]));
    const kept = active.map((voter, i) =>
      i < 10
        ? later({ label: 'FOR', result: results[i] }, { label: 'AGAINST', result: results[100 + i] }, first, firstByMember.get(voter.id))
        : 'FOR',
    );
    expect(active.map((voter) => firstByMember.get(voter.id))).toEqual(kept.map((label) => first.options[label]));
    // Written by far fewer transactions than votes (rows a transaction writes carry its id, xmin).
    const transactions = await t.sql.query(`SELECT count(DISTINCT xmin::text)::int AS n FROM ballots WHERE proposal_id = ANY($1::uuid[])`, [
      [first.id, second.id],
    ]);
    expect(transactions.rows[0].n).toBeLessThan(75);
  });

  it('casts the votes of a batch PostgreSQL refuses one by one, in the order they came', async () => {
    const voters = await members(t, 40);
    const proposal = await openProposal(t, voters[0], { method: 'MAJORITY' });
    // Every statement that writes more than one ballot is refused, as a deadlock would be; a sequence (which a
    // rollback leaves alone) counts the refusals.
    await t.sql.query(`CREATE SEQUENCE refused_batches`);
    await t.sql.query(`CREATE FUNCTION refuse_batches() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (SELECT count(*) FROM written) > 1 THEN
          PERFORM nextval('refused_batches');
          RAISE EXCEPTION 'refused for the test' USING ERRCODE = '40P01';
        END IF;
        RETURN NULL;
      END $$`);
    await t.sql.query(
      `CREATE TRIGGER refuse_batches AFTER INSERT ON ballots REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION refuse_batches()`,
    );
    try {
      const attempts = [
        ...voters.map((voter) => ({ voter, label: 'FOR' })),
        ...voters.slice(0, 10).map((voter) => ({ voter, label: 'AGAINST' })),
      ];
      const results = await Promise.all(attempts.map(({ voter, label }) => cast(voter, proposal, label)));
      expect(results.map((result) => result.errors?.[0]?.extensions?.code ?? 'OK')).toEqual(attempts.map(() => 'OK'));
      const { rows: refused } = await t.sql.query(`SELECT is_called FROM refused_batches`);
      expect(refused[0].is_called).toBe(true);
      const ballots = await t.sql.query(`SELECT member_id, option_ids FROM ballots WHERE proposal_id = $1`, [proposal.id]);
      const byMember = new Map(ballots.rows.map((row) => [row.member_id, row.option_ids[0]]));
      expect(ballots.rows).toHaveLength(40);
      const kept = voters.map((voter, i) =>
        i < 10
          ? later({ label: 'FOR', result: results[i] }, { label: 'AGAINST', result: results[40 + i] }, proposal, byMember.get(voter.id))
          : 'FOR',
      );
      expect(voters.map((voter) => byMember.get(voter.id))).toEqual(kept.map((label) => proposal.options[label]));
      const entries = await t.sql.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'vote.cast' AND entity_id = $1`, [
        proposal.id,
      ]);
      expect(entries.rows[0].n).toBe(50);
      // The receipts of the votes that count verify: the later vote of each repeat voter, the only one of the others.
      const counted = voters.map((_voter, i) => (i < 10 && kept[i] === 'AGAINST' ? results[40 + i] : results[i]));
      const verified = await Promise.all(
        counted.map((result) => t.ok(VERIFY, { proposalId: proposal.id, receipt: result.data!.castVote.receipt }, voters[0].token)),
      );
      expect(verified.map((answer) => answer.verifyBallot)).toEqual(counted.map(() => true));
    } finally {
      await t.sql.query(`DROP TRIGGER refuse_batches ON ballots; DROP FUNCTION refuse_batches(); DROP SEQUENCE refused_batches`);
    }
  });
});

/**
 * Which of a member's two votes on a proposal, sent at the same moment, must be on record: the one the server
 * took later (its `castAt`). Two taken in the same millisecond have no order to keep, so either may be; `onRecord`
 * (the option id found) must then be one of the two.
 */
function later(
  a: { label: string; result: GraphQLResponse },
  b: { label: string; result: GraphQLResponse },
  proposal: OpenProposal,
  onRecord: string | undefined,
): string {
  const [at, bt] = [a, b].map((vote) => new Date(vote.result.data!.castVote.castAt).getTime());
  if (at !== bt) return at > bt ? a.label : b.label;
  return [a, b].find((vote) => proposal.options[vote.label] === onRecord)?.label ?? 'neither';
}
