import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { TestApp, type TestMember } from '@commons/testing';
import { CLOSE, members, openProposal, READ, vote, votesByLabel } from './voting-helpers.js';

describe('secret ballots, delegation, colleges and live tallies', () => {
  let t: TestApp;
  let admin: TestMember;
  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.admin();
  });
  afterAll(async () => {
    await t.stop();
  });

  describe('secret ballots', () => {
    it('counts secret ballots without anything that links a member to a choice', async () => {
      const voters = await members(t, 3);
      const more = await members(t, 10); // on the roll too: it is frozen when the proposal opens
      const proposal = await openProposal(t, voters[0], { method: 'APPROVAL', options: ['Alpha', 'Beta'], secret: true });
      const receipts: string[] = [];
      for (const [voter, choice] of [
        [voters[0], ['Alpha']],
        [voters[1], ['Beta']],
        [voters[2], ['Alpha', 'Beta']],
      ] as const) {
        const response = await vote(t, voter, proposal, [...choice]);
        expect(response.errors).toBeUndefined();
        receipts.push(response.data!.castVote.receipt);
      }

      // Results hidden while open; no "my vote" either.
      const open = (await t.ok(READ, { id: proposal.id }, voters[0].token)).proposal;
      expect(open).toMatchObject({ secret: true, tally: null, myVote: null });
      // A secret ballot cannot be changed.
      const again = await vote(t, voters[0], proposal, ['Beta']);
      expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');

      // The database: no member id or time on ballots; audit entries say who took part, never what they chose.
      const columns = await t.sql.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'secret_ballots'`);
      expect(columns.rows.map((row: { column_name: string }) => row.column_name).sort()).toEqual(
        ['id', 'option_ids', 'proposal_id', 'receipt_hash', 'scores', 'stakeholder_class'].sort(),
      );
      // Fewer than ten ballots: still sealed, unreadable without the server's key, none in the box.
      const sealed = await t.sql.query('SELECT * FROM sealed_ballots WHERE proposal_id = $1', [proposal.id]);
      expect(sealed.rows).toHaveLength(3);
      const sealedDump = JSON.stringify(sealed.rows);
      for (const text of [...voters.map((voter) => voter.id), ...receipts, ...Object.values(proposal.options), 'Alpha'])
        expect(sealedDump).not.toContain(text);
      expect((await t.sql.query('SELECT count(*)::int AS n FROM secret_ballots WHERE proposal_id = $1', [proposal.id])).rows[0].n).toBe(0);
      const audit = await t.sql.query(`SELECT actor_id, data FROM audit_entries WHERE entity_id = $1 AND action = 'vote.cast'`, [
        proposal.id,
      ]);
      expect(audit.rows).toHaveLength(3);
      const optionIds = Object.values(proposal.options);
      for (const row of audit.rows) {
        expect(row.data).toEqual({ secret: true });
        for (const optionId of optionIds) expect(JSON.stringify(row)).not.toContain(optionId);
      }
      const participation = await t.sql.query('SELECT count(*)::int AS n FROM proposal_voters WHERE proposal_id = $1 AND has_voted', [
        proposal.id,
      ]);
      expect(participation.rows[0].n).toBe(3);

      // Each voter can check that their ballot was counted.
      const verify = `query($id: ID!, $receipt: String!) { verifyBallot(proposalId: $id, receipt: $receipt) }`;
      for (const receipt of receipts) expect((await t.ok(verify, { id: proposal.id, receipt }, voters[0].token)).verifyBallot).toBe(true);
      expect((await t.ok(verify, { id: proposal.id, receipt: 'made-up' }, voters[0].token)).verifyBallot).toBe(false);

      // Ten more voters: the mixer moves sealed ballots into the box in transactions of its own, at least
      // ten at a time (whenever ten are waiting), in random order.
      for (const voter of more) expect((await vote(t, voter, proposal, ['Beta'])).errors).toBeUndefined();
      const sealedCount = async () =>
        (await t.sql.query('SELECT count(*)::int AS n FROM sealed_ballots WHERE proposal_id = $1', [proposal.id])).rows[0].n as number;
      for (let waited = 0; waited < 15_000 && (await sealedCount()) >= 10; waited += 200)
        await new Promise((wake) => setTimeout(wake, 200));
      const boxed = await t.sql.query('SELECT xmin::text AS xmin, * FROM secret_ballots WHERE proposal_id = $1', [proposal.id]);
      expect(boxed.rows.length).toBeGreaterThanOrEqual(10);
      expect(boxed.rows.length + (await sealedCount())).toBe(13);
      const batches = new Map<string, number>();
      for (const row of boxed.rows as Array<{ xmin: string }>) batches.set(row.xmin, (batches.get(row.xmin) ?? 0) + 1);
      for (const size of batches.values()) expect(size).toBeGreaterThanOrEqual(10);
      expect(boxed.rows.every((row: { stakeholder_class: string | null }) => row.stakeholder_class === null)).toBe(true);
      const dump = JSON.stringify(boxed.rows);
      for (const voter of [...voters, ...more]) expect(dump).not.toContain(voter.id);
      for (const receipt of receipts) expect(dump).not.toContain(receipt);
      // No transaction id is shared by a voter's participation and a ballot.
      const linked = await t.sql.query(
        'SELECT count(*)::int AS n FROM proposal_voters v JOIN secret_ballots s ON s.xmin = v.xmin WHERE v.proposal_id = $1 AND s.proposal_id = $1',
        [proposal.id],
      );
      expect(linked.rows[0].n).toBe(0);
      for (const receipt of receipts) expect((await t.ok(verify, { id: proposal.id, receipt }, voters[0].token)).verifyBallot).toBe(true);

      const closed = (await t.ok(CLOSE, { id: proposal.id }, admin.token)).closeProposal;
      expect(votesByLabel(closed.tally)).toEqual({ Alpha: 2, Beta: 12 });
      // Closing puts the last sealed ballots in and reshuffles the whole box in one transaction.
      const box = await t.sql.query('SELECT DISTINCT xmin::text AS xmin FROM secret_ballots WHERE proposal_id = $1', [proposal.id]);
      expect(box.rows).toHaveLength(1);
      expect(await sealedCount()).toBe(0);
      expect(closed.winners.map((w: { label: string }) => w.label)).toEqual(['Beta']);
    });

    it('refuses live tallies of a secret ballot over subscriptions', async () => {
      const [voter] = await members(t, 1);
      const proposal = await openProposal(t, voter, { method: 'MAJORITY', secret: true });
      const error = await subscribeOnce(t, voter.token, proposal.id).catch((reason: unknown) => reason);
      expect(JSON.stringify(error)).toContain('FORBIDDEN');
    });
  });

  describe('delegation', () => {
    const DELEGATE = `mutation($to: ID!) { delegateVote(toMemberId: $to) { id from { id } to { id } createdAt } }`;
    const REVOKE = `mutation { revokeDelegation }`;
    const MINE = `{ myDelegations { given { to { id } } received { from { id } } } }`;

    it('follows chains, lets a direct vote override, refuses cycles and can be revoked', async () => {
      const [ana, ben, cai, dee] = await members(t, 4);
      await t.ok(DELEGATE, { to: ben.id }, ana.token); // ana -> ben
      await t.ok(DELEGATE, { to: cai.id }, ben.token); // ben -> cai
      const cycle = await t.gql(DELEGATE, { to: ana.id }, cai.token);
      expect(cycle.errors?.[0].extensions?.code).toBe('CONFLICT');
      expect((await t.gql(DELEGATE, { to: cai.id }, cai.token)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const mine = (await t.ok(MINE, {}, cai.token)).myDelegations;
      expect(mine).toEqual({ given: null, received: [{ from: { id: ben.id } }] });

      const first = await openProposal(t, dee, { method: 'MAJORITY' });
      await vote(t, cai, first, ['FOR']);
      await vote(t, dee, first, ['AGAINST']);
      const live = (await t.ok(READ, { id: first.id }, dee.token)).proposal.tally;
      expect(votesByLabel(live)).toEqual({ FOR: 3, AGAINST: 1, ABSTAIN: 0 }); // cai carries ben and ana
      expect(live.participants).toBe(4);

      await vote(t, ben, first, ['AGAINST']); // ben votes himself: he and ana (through him) leave cai
      const closed = (await t.ok(CLOSE, { id: first.id }, admin.token)).closeProposal;
      expect(votesByLabel(closed.tally)).toEqual({ FOR: 1, AGAINST: 3, ABSTAIN: 0 });
      expect(closed.outcome).toBe('REJECTED');

      expect((await t.ok(REVOKE, {}, ana.token)).revokeDelegation).toBe(true);
      expect((await t.gql(REVOKE, {}, ana.token)).errors?.[0].extensions?.code).toBe('CONFLICT');
      const second = await openProposal(t, dee, { method: 'MAJORITY' });
      await vote(t, cai, second, ['FOR']);
      const after = (await t.ok(READ, { id: second.id }, dee.token)).proposal.tally;
      expect(votesByLabel(after).FOR).toBe(2); // only ben's delegation remains

      const { auditLog } = await t.ok(`{ auditLog(action: "delegation.revoked") { totalCount } }`, {}, admin.token);
      expect(auditLog.totalCount).toBeGreaterThanOrEqual(1);
      await t.ok(REVOKE, {}, ben.token);
    });

    it('does not carry delegations into secret ballots', async () => {
      const [eve, fay] = await members(t, 2);
      await t.ok(DELEGATE, { to: fay.id }, eve.token);
      const proposal = await openProposal(t, fay, { method: 'MAJORITY', secret: true });
      await vote(t, fay, proposal, ['FOR']);
      const closed = (await t.ok(CLOSE, { id: proposal.id }, admin.token)).closeProposal;
      expect(votesByLabel(closed.tally).FOR).toBe(1);
      await t.ok(REVOKE, {}, eve.token);
    });
  });

  describe('voting colleges', () => {
    it('scales each stakeholder class to its weight before the rule applies', async () => {
      const workers = await members(t, 4, { stakeholderClass: 'WORKER' });
      const consumers = await members(t, 1, { stakeholderClass: 'CONSUMER' });
      const supporter = await t.member({ stakeholderClass: 'SUPPORTER' });
      const proposal = await openProposal(t, workers[0], {
        method: 'MAJORITY',
        colleges: [
          { stakeholderClass: 'WORKER', weight: 50 },
          { stakeholderClass: 'CONSUMER', weight: 50 },
        ],
      });
      // A head count rejects it (2 FOR, 3 AGAINST). Weighted: workers 1 FOR, 3 AGAINST -> FOR 12.5, AGAINST
      // 37.5; the one consumer FOR -> 50. FOR wins 62.5 to 37.5.
      await vote(t, workers[0], proposal, ['FOR']);
      for (const worker of workers.slice(1)) await vote(t, worker, proposal, ['AGAINST']);
      await vote(t, consumers[0], proposal, ['FOR']);
      const outsider = await vote(t, supporter, proposal, ['AGAINST']);
      expect(outsider.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const closed = (await t.ok(CLOSE, { id: proposal.id }, admin.token)).closeProposal;
      const votes = votesByLabel(closed.tally);
      expect(votes).toEqual({ FOR: 62.5, AGAINST: 37.5, ABSTAIN: 0 });
      expect(closed.outcome).toBe('PASSED');
    });
  });

  describe('closing', () => {
    it('closes by itself after closesAt, exactly once', async () => {
      const [voter] = await members(t, 1);
      const closesAt = new Date(Date.now() + 1_500).toISOString();
      const proposal = await openProposal(t, voter, { method: 'MAJORITY', closesAt });
      await vote(t, voter, proposal, ['FOR']);
      let status = 'OPEN';
      for (let waited = 0; status === 'OPEN' && waited < 15_000; waited += 250) {
        await new Promise((wake) => setTimeout(wake, 250));
        status = (await t.ok(READ, { id: proposal.id }, voter.token)).proposal.status;
      }
      const closed = (await t.ok(READ, { id: proposal.id }, voter.token)).proposal;
      expect(closed).toMatchObject({ status: 'CLOSED', outcome: 'PASSED' });
      const audit = await t.sql.query(`SELECT actor_id FROM audit_entries WHERE entity_id = $1 AND action LIKE 'proposal.closed%'`, [
        proposal.id,
      ]);
      expect(audit.rows).toEqual([{ actor_id: null }]);
    });

    it('lets exactly one of two concurrent closes win', async () => {
      const [voter] = await members(t, 1);
      const proposal = await openProposal(t, voter, { method: 'MAJORITY' });
      const results = await Promise.all([t.gql(CLOSE, { id: proposal.id }, admin.token), t.gql(CLOSE, { id: proposal.id }, admin.token)]);
      const codes = results.map((result) => result.errors?.[0].extensions?.code ?? 'OK').sort();
      expect(codes).toEqual(['CONFLICT', 'OK']);
    });
  });

  describe('under load', () => {
    it('counts 200 concurrent votes from different members, each once', async () => {
      const voters = await members(t, 200);
      const proposal = await openProposal(t, voters[0], { method: 'MAJORITY' });
      const results = await Promise.all(voters.map((voter, i) => vote(t, voter, proposal, [i % 3 === 0 ? 'AGAINST' : 'FOR'])));
      expect(results.filter((result) => result.errors)).toEqual([]);
      const closed = (await t.ok(CLOSE, { id: proposal.id }, admin.token)).closeProposal;
      expect(votesByLabel(closed.tally)).toEqual({ FOR: 133, AGAINST: 67, ABSTAIN: 0 });
      expect(closed.tally.participants).toBe(200);
    });

    it('keeps exactly one ballot from 50 concurrent re-votes by one member, and a clean CONFLICT once closed', async () => {
      const [voter] = await members(t, 1);
      const proposal = await openProposal(t, voter, { method: 'MAJORITY' });
      const labels = ['FOR', 'AGAINST', 'ABSTAIN'];
      expect((await vote(t, voter, proposal, ['ABSTAIN'])).errors).toBeUndefined();
      const closing = new Promise((resolve) => setTimeout(resolve, 30)).then(() => t.gql(CLOSE, { id: proposal.id }, admin.token));
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => vote(t, voter, proposal, [labels[i % 3]])));
      expect((await closing).errors).toBeUndefined();
      const codes = new Set(results.flatMap((result) => (result.errors ?? []).map((error) => error.extensions?.code)));
      expect([...codes].every((code) => code === 'CONFLICT')).toBe(true);
      const rows = await t.sql.query('SELECT count(*)::int AS n FROM ballots WHERE proposal_id = $1', [proposal.id]);
      expect(rows.rows[0].n).toBe(1);
      const closed = (await t.ok(READ, { id: proposal.id }, voter.token)).proposal;
      expect(closed.tally.participants).toBe(1);
      expect(Object.values(votesByLabel(closed.tally)).reduce((a: number, b) => a + (b as number), 0)).toBe(1);
    });
  });

  describe('live tallies', () => {
    it('pushes the new tally to subscribers after each vote', async () => {
      const [a, b] = await members(t, 2);
      const proposal = await openProposal(t, a, { method: 'MAJORITY' });
      const received = subscribeOnce(t, a.token, proposal.id);
      await new Promise((wake) => setTimeout(wake, 300)); // let the subscription start
      await vote(t, b, proposal, ['AGAINST']);
      const tally = (await received) as { results: Array<{ option: { label: string }; votes: number }> };
      expect(votesByLabel(tally)).toEqual({ FOR: 0, AGAINST: 1, ABSTAIN: 0 });
    });

    it('stops the stream of a member suspended while subscribed: the next vote brings FORBIDDEN, not a tally', async () => {
      const [watcher, voter] = await members(t, 2);
      const proposal = await openProposal(t, voter, { method: 'MAJORITY' });
      const received = subscribeOnce(t, watcher.token, proposal.id).then(
        (tally) => ({ tally }),
        (error: unknown) => ({ error }),
      );
      await new Promise((wake) => setTimeout(wake, 300)); // let the subscription start
      await t.ok(`mutation($id: ID!) { suspendMember(memberId: $id, reason: "Unpaid dues") { status } }`, { id: watcher.id }, admin.token);
      await vote(t, voter, proposal, ['FOR']);
      const outcome = (await received) as { tally?: unknown; error?: unknown };
      expect(outcome.tally).toBeUndefined();
      expect(JSON.stringify(outcome.error)).toContain('FORBIDDEN');
    });
  });
});

/** Subscribes over graphql-ws and resolves with the first tally pushed (or rejects with the error). */
function subscribeOnce(t: TestApp, token: string, proposalId: string): Promise<unknown> {
  const client = createClient({
    url: t.baseUrl.replace('http', 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no tally within 10 s')), 10_000);
    const unsubscribe = client.subscribe(
      {
        query: `subscription($id: ID!) { tallyUpdated(proposalId: $id) { results { option { label } votes } } }`,
        variables: { id: proposalId },
      },
      {
        next: (message) => {
          clearTimeout(timer);
          if (message.errors) reject(message.errors);
          else resolve(message.data?.tallyUpdated);
          unsubscribe();
          void client.dispose();
        },
        error: (error) => {
          clearTimeout(timer);
          reject(error);
          void client.dispose();
        },
        complete: () => undefined,
      },
    );
  });
}
