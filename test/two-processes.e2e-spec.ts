import { TestApp, type TestMember } from '@commons/testing';
import { CLOSE, CREATE, members, OPEN, READ, tallyUntil, totalVotes, vote, votesByLabel } from './voting-helpers.js';

// Two API processes on one database, as a co-op scales out: live tallies cross between them (LISTEN/NOTIFY)
// and a proposal closes once whichever process gets there first.
describe('two API processes on one database', () => {
  let a: TestApp;
  let b: TestApp;
  let admin: TestMember;
  beforeAll(async () => {
    a = await TestApp.start({ DATABASE_POOL_SIZE: '20' });
    b = await TestApp.start({ DATABASE_POOL_SIZE: '20' }, { database: a.db });
    await a.foundBylaws({ minVotingHours: 0 });
    admin = await a.admin();
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  async function openOn(t: TestApp, input: Record<string, unknown> = {}) {
    const { createProposal } = await t.ok(
      CREATE,
      { input: { title: 'Two processes', body: 'Why it matters.', method: 'MAJORITY', ...input } },
      admin.token,
    );
    await t.ok(OPEN, { id: createProposal.id }, admin.token);
    return {
      id: createProposal.id as string,
      options: Object.fromEntries(createProposal.options.map((option: { id: string; label: string }) => [option.label, option.id])),
    };
  }

  it('delivers every vote cast on either process to subscribers on both', async () => {
    const voters = await members(a, 30);
    const proposal = await openOn(a);
    const onA = tallyUntil(a, admin.token, proposal.id, (tally) => totalVotes(tally) === 30);
    const onB = tallyUntil(b, admin.token, proposal.id, (tally) => totalVotes(tally) === 30);
    await Promise.all([onA.ready, onB.ready]);
    // Votes on A only first: B's subscriber hears of them through the database.
    const first = await Promise.all(voters.slice(0, 15).map((voter) => vote(a, voter, proposal, ['FOR'])));
    const second = await Promise.all(voters.slice(15).map((voter, i) => vote(i % 2 ? a : b, voter, proposal, ['AGAINST'])));
    expect([...first, ...second].filter((answer) => answer.errors)).toEqual([]);
    const expected = { FOR: 15, AGAINST: 15, ABSTAIN: 0 };
    expect(votesByLabel(await onA.tally)).toEqual(expected);
    expect(votesByLabel(await onB.tally)).toEqual(expected);
  });

  it('lets exactly one of 20 concurrent closes split across both processes count the votes', async () => {
    const voters = await members(a, 6);
    const proposal = await openOn(b);
    await Promise.all(voters.map((voter, i) => vote(i % 2 ? a : b, voter, proposal, ['FOR'])));
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).gql(CLOSE, { id: proposal.id }, admin.token)));
    const codes = results.map((result) => result.errors?.[0].extensions?.code ?? 'OK');
    expect(codes.filter((code) => code === 'OK')).toHaveLength(1);
    expect(codes.filter((code) => code !== 'OK').every((code) => code === 'CONFLICT')).toBe(true);
    const closed = results.find((result) => !result.errors)!;
    expect(closed.data?.closeProposal.tally.participants).toBe(6);
    const audit = await a.sql.query(
      `SELECT count(*)::int AS n FROM audit_entries WHERE entity_id = $1 AND action LIKE 'proposal.closed%'`,
      [proposal.id],
    );
    expect(audit.rows[0].n).toBe(1);
  });

  it('closes a due proposal once though both processes run the closer, and refuses votes on either after', async () => {
    const [voter, late] = await members(a, 2);
    const proposal = await openOn(a, { closesAt: new Date(Date.now() + 3_000).toISOString() });
    expect((await vote(b, voter, proposal, ['FOR'])).errors).toBeUndefined();
    let status = 'OPEN';
    for (let waited = 0; status === 'OPEN' && waited < 20_000; waited += 250) {
      await new Promise((wake) => setTimeout(wake, 250));
      status = (await a.ok(READ, { id: proposal.id }, admin.token)).proposal.status;
    }
    expect(status).toBe('CLOSED');
    const audit = await a.sql.query(
      `SELECT count(*)::int AS n FROM audit_entries WHERE entity_id = $1 AND action LIKE 'proposal.closed%'`,
      [proposal.id],
    );
    expect(audit.rows[0].n).toBe(1);
    for (const t of [a, b]) expect((await vote(t, late, proposal, ['AGAINST'])).errors?.[0].extensions?.code).toBe('CONFLICT');
    const { proposal: read } = await b.ok(READ, { id: proposal.id }, admin.token);
    expect(read.tally.participants).toBe(1);
  });
});
