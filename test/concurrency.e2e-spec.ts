import { Agent } from 'node:http';
import { TestApp, type TestMember } from '@commons/testing';
import { CLOSE, members, openProposal, READ, vote, voteVia, votesByLabel } from './voting-helpers.js';

// Bursts the reliability issue asks for: one effect each, the rest clean errors.
describe('concurrency', () => {
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

  it('keeps exactly one ballot from 1,000 concurrent re-votes by one member', async () => {
    const [voter] = await members(t, 1);
    const proposal = await openProposal(t, voter, { method: 'MAJORITY' });
    const labels = ['FOR', 'AGAINST', 'ABSTAIN'];
    // All 1,000 are sent at once, over 100 connections (more than the 30 pooled database connections they contend
    // for), so that the burst does not depend on how many new connections this machine's kernel queues.
    const agent = new Agent({ keepAlive: true, maxSockets: 100 });
    const results = await Promise.all(Array.from({ length: 1000 }, (_, i) => voteVia(t, agent, voter, proposal, [labels[i % 3]]))).finally(
      () => agent.destroy(),
    );
    expect(results.filter((result) => result.errors)).toEqual([]);
    const ballots = await t.sql.query('SELECT option_ids FROM ballots WHERE proposal_id = $1', [proposal.id]);
    expect(ballots.rows).toHaveLength(1);
    const { proposal: read } = await t.ok(READ, { id: proposal.id }, voter.token);
    expect(read.tally.participants).toBe(1);
    expect(Object.values(votesByLabel(read.tally)).reduce((sum: number, votes) => sum + (votes as number), 0)).toBe(1);
    // The one ballot kept is one of those cast, and it is the voter's current choice.
    expect(read.myVote.map((option: { label: string }) => proposal.options[option.label])).toEqual(ballots.rows[0].option_ids);
  });

  it('lets exactly one of 20 concurrent closes count the votes', async () => {
    const voters = await members(t, 5);
    const proposal = await openProposal(t, voters[0], { method: 'MAJORITY' });
    for (const voter of voters) await vote(t, voter, proposal, ['FOR']);
    const results = await Promise.all(Array.from({ length: 20 }, () => t.gql(CLOSE, { id: proposal.id }, admin.token)));
    const codes = results.map((result) => result.errors?.[0].extensions?.code ?? 'OK');
    expect(codes.filter((code) => code === 'OK')).toHaveLength(1);
    expect(codes.filter((code) => code !== 'OK').every((code) => code === 'CONFLICT')).toBe(true);
    const audit = await t.sql.query(
      `SELECT count(*)::int AS n FROM audit_entries WHERE entity_id = $1 AND action LIKE 'proposal.closed%'`,
      [proposal.id],
    );
    expect(audit.rows[0].n).toBe(1);
  });
});
