import { TestApp, type TestMember } from '@commons/testing';
import { CLOSE, members, openProposal, READ, vote, votesByLabel } from './voting-helpers.js';

/** How many connections the API holds to its database right now. */
async function apiConnections(t: TestApp): Promise<number> {
  const { rows } = await t.sql.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'commons'`,
  );
  return rows[0].n;
}

/** Samples `apiConnections` until `work` settles; returns its result and the most connections seen. */
async function watchingConnections<T>(t: TestApp, work: Promise<T>): Promise<{ result: T; most: number }> {
  let done = false;
  let most = 0;
  const sampling = (async () => {
    while (!done) {
      most = Math.max(most, await apiConnections(t));
      await new Promise((wake) => setTimeout(wake, 5));
    }
  })();
  try {
    return { result: await work, most };
  } finally {
    done = true;
    await sampling;
  }
}

// Every mutation is one unit of work on one connection; no request ever waits for a second connection
// while it holds one, so a small pool drains under any burst instead of deadlocking.
describe('the unit of work', () => {
  describe('on a pool of four connections', () => {
    let t: TestApp;
    let admin: TestMember;
    beforeAll(async () => {
      t = await TestApp.start({ DATABASE_POOL_SIZE: '4' });
      admin = await t.admin();
    });
    afterAll(async () => {
      await t.stop();
    });

    it('answers 100 concurrent refused secret re-votes with CONFLICT, never holding more than the pool', async () => {
      const voters = await members(t, 20);
      const proposal = await openProposal(t, admin, { method: 'MAJORITY', secret: true });
      for (const voter of voters) expect((await vote(t, voter, proposal, ['FOR'])).errors).toBeUndefined();
      const { result, most } = await watchingConnections(
        t,
        Promise.all(Array.from({ length: 100 }, (_, i) => vote(t, voters[i % voters.length], proposal, ['AGAINST']))),
      );
      expect(result.map((answer) => answer.errors?.[0].extensions?.code)).toEqual(Array(100).fill('CONFLICT'));
      expect(most).toBeLessThanOrEqual(4);
      // Nothing the refusals did was kept: the twenty first ballots are all there is.
      const closed = (await t.ok(CLOSE, { id: proposal.id }, admin.token)).closeProposal;
      expect(votesByLabel(closed.tally)).toEqual({ FOR: 20, AGAINST: 0, ABSTAIN: 0 });
    });

    it('closes a proposal in the middle of a burst of votes without a deadlock, counting exactly the acknowledged ones', async () => {
      const voters = await members(t, 60);
      const proposal = await openProposal(t, admin, { method: 'MAJORITY' });
      const burst = voters.map((voter, i) => vote(t, voter, proposal, [i % 2 === 0 ? 'FOR' : 'AGAINST']));
      const close = new Promise((wake) => setTimeout(wake, 30)).then(() => t.gql(CLOSE, { id: proposal.id }, admin.token));
      const [answers, closing] = await Promise.all([Promise.all(burst), close]);
      expect(closing.errors).toBeUndefined();
      const codes = answers.map((answer) => answer.errors?.[0].extensions?.code ?? 'OK');
      // A vote either made it before the count, or was refused because voting had closed; nothing else.
      expect(codes.every((code) => code === 'OK' || code === 'CONFLICT')).toBe(true);
      const acknowledged = codes.filter((code) => code === 'OK').length;
      const { proposal: read } = await t.ok(READ, { id: proposal.id }, admin.token);
      expect(read.status).toBe('CLOSED');
      expect(read.tally.participants).toBe(acknowledged);
      const stored = await t.sql.query('SELECT count(*)::int AS n FROM ballots WHERE proposal_id = $1', [proposal.id]);
      expect(stored.rows[0].n).toBe(acknowledged);
    });
  });

  describe('on a pool of one connection', () => {
    let t: TestApp;
    let admin: TestMember;
    beforeAll(async () => {
      t = await TestApp.start({ DATABASE_POOL_SIZE: '1' });
      admin = await t.admin();
    });
    afterAll(async () => {
      await t.stop();
    });

    it('still serves queries whose fields load in parallel, and mutations next to them', async () => {
      const voters = await members(t, 5);
      const proposal = await openProposal(t, admin, { method: 'MAJORITY' });
      const wide = `query($id: ID!) {
        a: proposal(id: $id) { id author { name } tally { participants } options { label } }
        b: proposal(id: $id) { id author { name } tally { participants } }
        c: members(first: 5) { totalCount edges { node { id name } } }
        d: me { id email }
        e: proposals(first: 5) { totalCount edges { node { id author { name } options { label } } } }
      }`;
      const answers = await Promise.all([
        ...voters.map((voter) => vote(t, voter, proposal, ['FOR'])),
        ...Array.from({ length: 10 }, () => t.gql(wide, { id: proposal.id }, admin.token)),
      ]);
      expect(answers.filter((answer) => answer.errors)).toEqual([]);
      const { proposal: read } = await t.ok(READ, { id: proposal.id }, admin.token);
      expect(read.tally.participants).toBe(5);
    });

    it('refuses a mutation with no change and no audit entry, and the next request still gets the connection', async () => {
      const [member] = await members(t, 1);
      const before = await t.snapshot();
      const refused = await t.gql(`mutation($id: ID!) { admitMember(memberId: $id) { id } }`, { id: member.id }, admin.token);
      expect(refused.errors?.[0].extensions?.code).toBe('CONFLICT');
      expect(await t.snapshot()).toEqual(before);
      const me = await t.ok(`{ me { id } }`, {}, admin.token);
      expect(me.me.id).toBe(admin.id);
    });
  });
});
