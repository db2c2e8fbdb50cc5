import { TestApp, type TestMember } from '@commons/testing';
import { CLOSE, CREATE, members, OPEN, openProposal, READ, vote, votesByLabel } from './voting-helpers.js';

describe('proposals and decision methods over GraphQL', () => {
  let t: TestApp;
  let admin: TestMember;
  beforeAll(async () => {
    t = await TestApp.start();
    await t.foundBylaws({ minVotingHours: 0 });
    admin = await t.admin();
  });
  afterAll(async () => {
    await t.stop();
  });

  it('runs a MAJORITY proposal from draft to a passed decision, with live tallies and changed votes', async () => {
    const author = await t.member();
    const voters = await members(t, 4);
    const { createProposal } = await t.ok(
      CREATE,
      { input: { title: 'Adopt a four-day week', body: 'Details…', method: 'MAJORITY' } },
      author.token,
    );
    expect(createProposal).toMatchObject({ status: 'DRAFT', method: 'MAJORITY' });
    expect(createProposal.options.map((o: { label: string }) => o.label)).toEqual(['FOR', 'AGAINST', 'ABSTAIN']);

    const early = await t.gql(
      `mutation($input: CastVoteInput!) { castVote(input: $input) { receipt } }`,
      { input: { proposalId: createProposal.id, optionIds: [createProposal.options[0].id] } },
      voters[0].token,
    );
    expect(early.errors?.[0].extensions?.code).toBe('CONFLICT');

    const { openProposal: opened } = await t.ok(OPEN, { id: createProposal.id }, author.token);
    expect(opened.status).toBe('OPEN');
    const proposal = {
      id: createProposal.id,
      options: Object.fromEntries(createProposal.options.map((o: { id: string; label: string }) => [o.label, o.id])),
    };

    expect((await vote(t, voters[0], proposal, ['AGAINST'])).errors).toBeUndefined();
    expect((await vote(t, voters[1], proposal, ['FOR'])).errors).toBeUndefined();
    expect((await vote(t, voters[2], proposal, ['ABSTAIN'])).errors).toBeUndefined();
    const live = (await t.ok(READ, { id: proposal.id }, voters[0].token)).proposal;
    expect(votesByLabel(live.tally)).toEqual({ FOR: 1, AGAINST: 1, ABSTAIN: 1 });
    expect(live.myVote.map((o: { label: string }) => o.label)).toEqual(['AGAINST']);

    // Voter 0 changes their mind: the last vote counts.
    expect((await vote(t, voters[0], proposal, ['FOR'])).errors).toBeUndefined();
    const after = (await t.ok(READ, { id: proposal.id }, voters[0].token)).proposal;
    expect(votesByLabel(after.tally)).toEqual({ FOR: 2, AGAINST: 0, ABSTAIN: 1 });
    expect(after.myVote.map((o: { label: string }) => o.label)).toEqual(['FOR']);

    const { closeProposal } = await t.ok(CLOSE, { id: proposal.id }, admin.token);
    expect(closeProposal).toMatchObject({ status: 'CLOSED', outcome: 'PASSED', winners: null });
    expect(closeProposal.tally.participants).toBe(3);
    expect(closeProposal.tally.eligible).toBeGreaterThanOrEqual(6);

    const { auditLog } = await t.ok(
      `query($id: ID!) { auditLog(entityId: $id, first: 50) { edges { node { action } } } }`,
      { id: proposal.id },
      admin.token,
    );
    expect(auditLog.edges.map((e: { node: { action: string } }) => e.node.action).sort()).toEqual(
      ['proposal.closed', 'proposal.created', 'proposal.opened', 'vote.cast', 'vote.cast', 'vote.cast', 'vote.cast'].sort(),
    );
  });

  it('does not pass on a tie between FOR and AGAINST', async () => {
    const [a, b] = await members(t, 2);
    const proposal = await openProposal(t, a, { method: 'MAJORITY' });
    await vote(t, a, proposal, ['FOR']);
    await vote(t, b, proposal, ['AGAINST']);
    expect((await t.ok(CLOSE, { id: proposal.id }, admin.token)).closeProposal.outcome).toBe('REJECTED');
  });

  it('reports NO_QUORUM when too few eligible members take part', async () => {
    const [a] = await members(t, 1);
    const proposal = await openProposal(t, a, { method: 'MAJORITY', quorum: 0.9 });
    await vote(t, a, proposal, ['FOR']);
    const { closeProposal } = await t.ok(CLOSE, { id: proposal.id }, admin.token);
    expect(closeProposal.outcome).toBe('NO_QUORUM');
    expect(closeProposal.tally.quorumReached).toBe(false);
  });

  it('decides SUPERMAJORITY at the threshold and CONSENT on objections', async () => {
    const voters = await members(t, 3);
    const super1 = await openProposal(t, voters[0], { method: 'SUPERMAJORITY', threshold: 0.6667 });
    await vote(t, voters[0], super1, ['FOR']);
    await vote(t, voters[1], super1, ['FOR']);
    await vote(t, voters[2], super1, ['AGAINST']);
    expect((await t.ok(CLOSE, { id: super1.id }, admin.token)).closeProposal.outcome).toBe('REJECTED'); // 2/3 < 0.6667

    const super2 = await openProposal(t, voters[0], { method: 'SUPERMAJORITY', threshold: 0.66 });
    await vote(t, voters[0], super2, ['FOR']);
    await vote(t, voters[1], super2, ['FOR']);
    await vote(t, voters[2], super2, ['AGAINST']);
    expect((await t.ok(CLOSE, { id: super2.id }, admin.token)).closeProposal.outcome).toBe('PASSED');

    const consent = await openProposal(t, voters[0], { method: 'CONSENT' });
    await vote(t, voters[0], consent, ['CONSENT']);
    await vote(t, voters[1], consent, ['STAND_ASIDE']);
    const consentOnly = await openProposal(t, voters[0], { method: 'CONSENT' });
    await vote(t, voters[0], consentOnly, ['CONSENT']);
    await vote(t, voters[1], consentOnly, ['OBJECT']);
    expect((await t.ok(CLOSE, { id: consent.id }, admin.token)).closeProposal.outcome).toBe('PASSED');
    expect((await t.ok(CLOSE, { id: consentOnly.id }, admin.token)).closeProposal.outcome).toBe('REJECTED');
  });

  it('elects APPROVAL and SCORE winners for several seats', async () => {
    const voters = await members(t, 3);
    const approval = await openProposal(t, voters[0], { method: 'APPROVAL', options: ['Solar roof', 'Bike shed', 'Library'], seats: 2 });
    await vote(t, voters[0], approval, ['Solar roof', 'Library']);
    await vote(t, voters[1], approval, ['Solar roof']);
    await vote(t, voters[2], approval, ['Bike shed', 'Library']);
    const closed = (await t.ok(CLOSE, { id: approval.id }, admin.token)).closeProposal;
    expect(closed.outcome).toBe('PASSED');
    expect(closed.winners.map((w: { label: string }) => w.label)).toEqual(['Solar roof', 'Library']);
    expect(votesByLabel(closed.tally)).toEqual({ 'Solar roof': 2, 'Bike shed': 1, Library: 2 });

    const score = await openProposal(t, voters[0], { method: 'SCORE', options: ['Red', 'Green', 'Blue'] });
    await vote(t, voters[0], score, ['Red', 'Green', 'Blue'], [5, 3, 0]);
    await vote(t, voters[1], score, ['Red', 'Green'], [1, 5]);
    await vote(t, voters[2], score, ['Blue'], [4]);
    const scored = (await t.ok(CLOSE, { id: score.id }, admin.token)).closeProposal;
    expect(votesByLabel(scored.tally)).toEqual({ Red: 6, Green: 8, Blue: 4 });
    expect(scored.winners.map((w: { label: string }) => w.label)).toEqual(['Green']);
  });

  it('elects Knoxville by instant runoff and Nashville by Schulze in the Tennessee capital election', async () => {
    // 42% Memphis > Nashville > Chattanooga > Knoxville; 26% Nashville > Chattanooga > Knoxville > Memphis;
    // 15% Chattanooga > Knoxville > Nashville > Memphis; 17% Knoxville > Chattanooga > Nashville > Memphis (scaled to 100 voters).
    const groups: Array<[number, string[]]> = [
      [42, ['Memphis', 'Nashville', 'Chattanooga', 'Knoxville']],
      [26, ['Nashville', 'Chattanooga', 'Knoxville', 'Memphis']],
      [15, ['Chattanooga', 'Knoxville', 'Nashville', 'Memphis']],
      [17, ['Knoxville', 'Chattanooga', 'Nashville', 'Memphis']],
    ];
    const voters = await members(t, 100, { stakeholderClass: 'SUPPORTER' });
    const cities = ['Memphis', 'Nashville', 'Chattanooga', 'Knoxville'];
    const irv = await openProposal(t, voters[0], { method: 'RANKED_CHOICE', options: cities });
    const schulze = await openProposal(t, voters[0], { method: 'SCHULZE', options: cities });
    let next = 0;
    for (const [count, ranking] of groups) {
      for (let i = 0; i < count; i += 1, next += 1) {
        const [a, b] = await Promise.all([vote(t, voters[next], irv, ranking), vote(t, voters[next], schulze, ranking)]);
        expect(a.errors ?? b.errors).toBeUndefined();
      }
    }
    const runoff = (await t.ok(CLOSE, { id: irv.id }, admin.token)).closeProposal;
    expect(runoff.winners.map((w: { label: string }) => w.label)).toEqual(['Knoxville']);
    expect(runoff.tally.rounds.length).toBeGreaterThanOrEqual(3);
    expect(votesByLabel({ results: runoff.tally.rounds[0] })).toEqual({ Memphis: 42, Nashville: 26, Chattanooga: 15, Knoxville: 17 });
    const condorcet = (await t.ok(CLOSE, { id: schulze.id }, admin.token)).closeProposal;
    expect(condorcet.winners.map((w: { label: string }) => w.label)).toEqual(['Nashville']);
  });

  describe('errors', () => {
    it('refuses proposals from members who are not active, and methods without their options', async () => {
      const applicant = await t.member({ status: 'APPLICANT' as never });
      const member = await t.member();
      const before = await t.snapshot();
      const byApplicant = await t.gql(CREATE, { input: { title: 'x', body: 'y', method: 'MAJORITY' } }, applicant.token);
      expect(byApplicant.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const oneOption = await t.gql(CREATE, { input: { title: 'x', body: 'y', method: 'APPROVAL', options: ['only'] } }, member.token);
      expect(oneOption.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const noOptions = await t.gql(CREATE, { input: { title: 'x', body: 'y', method: 'SCHULZE' } }, member.token);
      expect(noOptions.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'options' });
      const fixedOptions = await t.gql(CREATE, { input: { title: 'x', body: 'y', method: 'MAJORITY', options: ['a', 'b'] } }, member.token);
      expect(fixedOptions.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'options' });
      const past = await t.gql(
        CREATE,
        { input: { title: 'x', body: 'y', method: 'MAJORITY', closesAt: '2020-01-01T00:00:00Z' } },
        member.token,
      );
      expect(past.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'closesAt' });
      const quorum = await t.gql(CREATE, { input: { title: 'x', body: 'y', method: 'MAJORITY', quorum: 1.5 } }, member.token);
      expect(quorum.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'quorum' });
      const college = await t.gql(
        CREATE,
        { input: { title: 'x', body: 'y', method: 'MAJORITY', colleges: [{ stakeholderClass: 'MARTIANS', weight: 1 }] } },
        member.token,
      );
      expect(college.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'colleges' });
      expect(await t.snapshot()).toEqual(before);
    });

    it('checks who may open, close and withdraw, and in which status', async () => {
      const author = await t.member();
      const other = await t.member();
      const { createProposal } = await t.ok(CREATE, { input: { title: 'x', body: 'y', method: 'MAJORITY' } }, author.token);
      const id = createProposal.id;
      expect((await t.gql(OPEN, { id }, other.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await t.gql(CLOSE, { id }, admin.token)).errors?.[0].extensions?.code).toBe('CONFLICT');
      expect((await t.gql(READ, { id }, other.token)).data?.proposal).toBeNull(); // drafts are private
      await t.ok(OPEN, { id }, admin.token);
      expect((await t.gql(OPEN, { id }, author.token)).errors?.[0].extensions?.code).toBe('CONFLICT');
      expect((await t.gql(CLOSE, { id }, author.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const withdraw = `mutation($id: ID!) { withdrawProposal(id: $id) { status } }`;
      expect((await t.gql(withdraw, { id }, other.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await t.ok(withdraw, { id }, author.token)).withdrawProposal.status).toBe('WITHDRAWN');
      expect((await t.gql(withdraw, { id }, author.token)).errors?.[0].extensions?.code).toBe('CONFLICT');
      expect((await t.gql(OPEN, { id: '00000000-0000-4000-8000-000000000000' }, author.token)).errors?.[0].extensions?.code).toBe(
        'NOT_FOUND',
      );
      expect((await t.gql(OPEN, { id: 'nope' }, author.token)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('refuses votes that do not fit, from members who may not vote, or when voting is not open', async () => {
      const author = await t.member();
      const suspended = await t.member();
      const proposal = await openProposal(t, author, { method: 'RANKED_CHOICE', options: ['A', 'B', 'C'] });
      await t.sql.query(`UPDATE members SET status = 'SUSPENDED' WHERE id = $1`, [suspended.id]);
      const lateJoiner = await t.member();
      const applicant = await t.member({ status: 'APPLICANT' as never });
      const before = await t.snapshot();
      expect((await vote(t, author, proposal, ['A', 'A'])).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'optionIds',
      });
      const unknown = await t.gql(
        VOTE_RAW,
        { input: { proposalId: proposal.id, optionIds: ['00000000-0000-4000-8000-000000000000'] } },
        author.token,
      );
      expect(unknown.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect((await vote(t, suspended, proposal, ['A'])).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await vote(t, applicant, proposal, ['A'])).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await vote(t, lateJoiner, proposal, ['A'])).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const missing = await t.gql(VOTE_RAW, { input: { proposalId: '00000000-0000-4000-8000-000000000000', optionIds: [] } }, author.token);
      expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect((await t.gql(VOTE_RAW, { input: { proposalId: proposal.id, optionIds: [] } })).errors?.[0].extensions?.code).toBe(
        'UNAUTHENTICATED',
      );
      expect(await t.snapshot()).toEqual(before);
      await t.ok(CLOSE, { id: proposal.id }, admin.token);
      expect((await vote(t, author, proposal, ['A'])).errors?.[0].extensions?.code).toBe('CONFLICT');
    });
  });
});

const VOTE_RAW = `mutation($input: CastVoteInput!) { castVote(input: $input) { receipt } }`;
