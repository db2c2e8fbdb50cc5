import { TestApp, type TestMember } from '@commons/testing';
import { closedPeriod, policy, PROPOSE, VOTE } from './surplus-helpers.js';
import { CREATE, OPEN } from './voting-helpers.js';

const BYLAWS_FIELDS =
  'version adoptedAt adoptedBy { id } noticeDays assemblyQuorum maxProxiesPerMember defaultQuorum amendmentThreshold minVotingHours reserveMinimum sharesToJoin redemptionCapPercent';
const BYLAWS = `{ bylaws { ${BYLAWS_FIELDS} } }`;
const HISTORY = `{ bylawsHistory { ${BYLAWS_FIELDS} } }`;
const FOUND = `mutation($changes: BylawsInput!) { foundBylaws(changes: $changes) { ${BYLAWS_FIELDS} } }`;
const AMEND = `mutation($title: String!, $body: String!, $changes: BylawsInput!, $closesAt: DateTime) {
  proposeBylawsAmendment(title: $title, body: $body, changes: $changes, closesAt: $closesAt) { id status method threshold quorum body options { id label } } }`;
const CLOSE = `mutation($id: ID!) { closeProposal(id: $id) { id status outcome } }`;

describe('bylaws as data', () => {
  let t: TestApp;
  let admin: TestMember;
  let voters: TestMember[];

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.admin();
    voters = [await t.member(), await t.member(), await t.member()];
    await t.member({ status: 'APPLICANT' as never });
  });
  afterAll(async () => {
    await t.stop();
  });

  /** As if `hours` had passed since the proposal opened. */
  async function age(proposalId: string, hours: number): Promise<void> {
    await t.sql.query(`UPDATE proposals SET opens_at = opens_at - make_interval(hours => $2) WHERE id = $1`, [proposalId, hours]);
  }

  async function voteAll(proposal: { id: string; options: Array<{ id: string; label: string }> }, choices: Array<[TestMember, string]>) {
    for (const [voter, label] of choices) {
      const optionId = proposal.options.find((option) => option.label === label)!.id;
      await t.ok(VOTE, { input: { proposalId: proposal.id, optionIds: [optionId] } }, voter.token);
    }
  }

  async function refused(query: string, variables: Record<string, unknown>, token: string, code: string, field?: string) {
    const before = await t.snapshot();
    const response = await t.gql(query, variables, token);
    expect(response.errors?.[0].extensions?.code).toBe(code);
    if (field) expect(response.errors?.[0].extensions?.field).toBe(field);
    expect(await t.snapshot()).toEqual(before);
    return response;
  }

  it('creates version 1 with the defaults, read by anyone signed in', async () => {
    expect((await t.gql(BYLAWS)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const applicant = await t.member({ status: 'APPLICANT' as never });
    const { bylaws } = await t.ok(BYLAWS, {}, applicant.token);
    expect(bylaws).toMatchObject({
      version: 1,
      adoptedBy: null,
      noticeDays: 14,
      assemblyQuorum: 0.25,
      maxProxiesPerMember: 1,
      defaultQuorum: 0,
      amendmentThreshold: 0.6667,
      minVotingHours: 72,
      reserveMinimum: '0.00',
      sharesToJoin: 0,
      redemptionCapPercent: '10.00',
    });
    expect((await t.ok(HISTORY, {}, voters[0].token)).bylawsHistory).toEqual([bylaws]);
  });

  it.each([
    [{ assemblyQuorum: 1.5 }, 'changes.assemblyQuorum'],
    [{ defaultQuorum: -0.1 }, 'changes.defaultQuorum'],
    [{ amendmentThreshold: 0.5 }, 'changes.amendmentThreshold'],
    [{ noticeDays: -1 }, 'changes.noticeDays'],
    [{ minVotingHours: -1 }, 'changes.minVotingHours'],
    [{ maxProxiesPerMember: -2 }, 'changes.maxProxiesPerMember'],
    [{ reserveMinimum: '100.5' }, 'changes.reserveMinimum'],
    [{ sharesToJoin: -1 }, 'changes.sharesToJoin'],
    [{ redemptionCapPercent: '100.01' }, 'changes.redemptionCapPercent'],
    [{}, 'changes'],
  ])('refuses the founding change %j with BAD_USER_INPUT naming %s, and changes nothing', async (changes, field) => {
    await refused(FOUND, { changes }, admin.token, 'BAD_USER_INPUT', field);
  });

  it('lets an admin adjust version 1 in place during the founding period, audited; members may not', async () => {
    await refused(FOUND, { changes: { minVotingHours: 0 } }, voters[0].token, 'FORBIDDEN');
    const { foundBylaws } = await t.ok(FOUND, { changes: { minVotingHours: 1, defaultQuorum: 0.5, reserveMinimum: '20' } }, admin.token);
    expect(foundBylaws).toMatchObject({ version: 1, minVotingHours: 1, defaultQuorum: 0.5, reserveMinimum: '20.00', noticeDays: 14 });
    expect((await t.ok(HISTORY, {}, admin.token)).bylawsHistory).toHaveLength(1);
    const { auditLog } = await t.ok('{ auditLog(action: "bylaws.founded") { edges { node { actor { id } data } } } }', {}, admin.token);
    expect(auditLog.edges[0].node).toMatchObject({
      actor: { id: admin.id },
      data: {
        version: 1,
        changes: { minVotingHours: 1, defaultQuorum: '0.5000', reserveMinimum: '20.00' },
        previous: { minVotingHours: 72 },
      },
    });
  });

  it('gives proposals that name no quorum the bylaws’ defaultQuorum', async () => {
    const named = await t.ok(CREATE, { input: { title: 'Named', body: 'b', method: 'MAJORITY', quorum: 0.1 } }, voters[0].token);
    const unnamed = await t.ok(CREATE, { input: { title: 'Unnamed', body: 'b', method: 'MAJORITY' } }, voters[0].token);
    const read = `query($id: ID!) { proposal(id: $id) { quorum } }`;
    expect((await t.ok(read, { id: named.createProposal.id }, voters[0].token)).proposal.quorum).toBe(0.1);
    expect((await t.ok(read, { id: unnamed.createProposal.id }, voters[0].token)).proposal.quorum).toBe(0.5);
  });

  it('keeps a proposal open minVotingHours: closesAt must leave that long, and closing by hand sooner is CONFLICT', async () => {
    const soon = new Date(Date.now() + 30 * 60_000).toISOString();
    await refused(
      CREATE,
      { input: { title: 'Quick', body: 'b', method: 'MAJORITY', closesAt: soon } },
      voters[0].token,
      'BAD_USER_INPUT',
      'closesAt',
    );
    const { createProposal } = await t.ok(CREATE, { input: { title: 'Careful', body: 'b', method: 'MAJORITY' } }, voters[0].token);
    await t.ok(OPEN, { id: createProposal.id }, voters[0].token);
    const response = await refused(CLOSE, { id: createProposal.id }, admin.token, 'CONFLICT');
    expect(response.errors?.[0].message).toContain('at least 1 hours');
    await age(createProposal.id, 1);
    expect((await t.ok(CLOSE, { id: createProposal.id }, admin.token)).closeProposal.status).toBe('CLOSED');
  });

  it('ends the founding period with the first close: then foundBylaws is CONFLICT', async () => {
    await refused(FOUND, { changes: { minVotingHours: 0 } }, admin.token, 'CONFLICT');
  });

  it('closes a hole: one admin cannot propose a surplus split, vote alone and close it at once', async () => {
    const periodId = await closedPeriod(t, admin, { patronage: [[voters[0], '5']] });
    // The bylaws' reserveMinimum (20) replaces the admin-set reserve minimum.
    const low = await refused(
      PROPOSE,
      { periodId, policy: policy('10', '10', '40', '40', '25') },
      admin.token,
      'BAD_USER_INPUT',
      'policy.reserve',
    );
    expect(low.errors?.[0].message).toContain('at least 20%');
    // The vote needs at least the bylaws' defaultQuorum (0.5).
    await refused(
      PROPOSE,
      { periodId, policy: policy('30', '10', '20', '40', '25'), quorum: 0.2 },
      admin.token,
      'BAD_USER_INPUT',
      'quorum',
    );
    const { proposeSurplusDistribution } = await t.ok(PROPOSE, { periodId, policy: policy('30', '10', '20', '40', '25') }, admin.token);
    const proposal = proposeSurplusDistribution.proposal;
    await voteAll(proposal, [[admin, 'FOR']]);
    await refused(CLOSE, { id: proposal.id }, admin.token, 'CONFLICT');
    // Even after the time has passed, one vote of five is short of the quorum.
    await age(proposal.id, 2);
    expect((await t.ok(CLOSE, { id: proposal.id }, admin.token)).closeProposal.outcome).toBe('NO_QUORUM');
  });

  it('closes automatically at closesAt whenever it opened: the closer is not a close by hand', async () => {
    const closesAt = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const { createProposal } = await t.ok(CREATE, { input: { title: 'Timed', body: 'b', method: 'MAJORITY', closesAt } }, voters[1].token);
    await t.ok(OPEN, { id: createProposal.id }, voters[1].token);
    await t.sql.query(`UPDATE proposals SET closes_at = now() WHERE id = $1`, [createProposal.id]);
    let status = 'OPEN';
    for (let attempt = 0; attempt < 100 && status === 'OPEN'; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = (await t.ok(`query($id: ID!) { proposal(id: $id) { status } }`, { id: createProposal.id }, admin.token)).proposal.status;
    }
    expect(status).toBe('CLOSED');
  });

  it('refuses amendments that break a rule, naming the field', async () => {
    const base = { title: 'Amend', body: 'Why.' };
    await refused(
      AMEND,
      { ...base, changes: { amendmentThreshold: 0.4 } },
      voters[0].token,
      'BAD_USER_INPUT',
      'changes.amendmentThreshold',
    );
    await refused(AMEND, { ...base, changes: { noticeDays: -3 } }, voters[0].token, 'BAD_USER_INPUT', 'changes.noticeDays');
    await refused(AMEND, { ...base, changes: {} }, voters[0].token, 'BAD_USER_INPUT', 'changes');
    const applicant = await t.member({ status: 'APPLICANT' as never });
    await refused(AMEND, { ...base, changes: { noticeDays: 3 } }, applicant.token, 'FORBIDDEN');
  });

  it('enacts a passing amendment as the next version inside the closing transaction, linked and audited', async () => {
    const { proposeBylawsAmendment: amendment } = await t.ok(
      AMEND,
      {
        title: 'Three weeks of notice',
        body: 'Members need time.',
        changes: { noticeDays: 21, maxProxiesPerMember: 2, redemptionCapPercent: '15' },
      },
      voters[0].token,
    );
    expect(amendment).toMatchObject({ status: 'DRAFT', method: 'SUPERMAJORITY', threshold: 0.6667, quorum: 0.5 });
    expect(amendment.body).toContain('- noticeDays: 14 → 21');
    expect(amendment.body).toContain('- redemptionCapPercent: 10.00 → 15.00');
    await t.ok(OPEN, { id: amendment.id }, voters[0].token);
    await voteAll(amendment, [
      [voters[0], 'FOR'],
      [voters[1], 'FOR'],
      [voters[2], 'FOR'],
      [admin, 'AGAINST'],
    ]);
    await age(amendment.id, 2);
    expect((await t.ok(CLOSE, { id: amendment.id }, admin.token)).closeProposal.outcome).toBe('PASSED');
    const { bylaws } = await t.ok(BYLAWS, {}, voters[1].token);
    expect(bylaws).toMatchObject({
      version: 2,
      adoptedBy: { id: amendment.id },
      noticeDays: 21,
      maxProxiesPerMember: 2,
      minVotingHours: 1,
      reserveMinimum: '20.00',
      redemptionCapPercent: '15.00',
      sharesToJoin: 0,
    });
    const history = (await t.ok(HISTORY, {}, voters[1].token)).bylawsHistory;
    expect(history.map((version: { version: number }) => version.version)).toEqual([2, 1]);
    expect(history[1]).toMatchObject({ noticeDays: 14, adoptedBy: null });
    const { auditLog } = await t.ok(
      `query($id: ID!) { auditLog(entityId: $id) { edges { node { action data } } } }`,
      { id: amendment.id },
      admin.token,
    );
    const actions = auditLog.edges.map((edge: { node: { action: string } }) => edge.node.action);
    expect(actions.filter((action: string) => action === 'proposal.closed')).toHaveLength(1);
    const closed = auditLog.edges.find((edge: { node: { action: string } }) => edge.node.action === 'proposal.closed').node;
    expect(closed.data.bylawsAmendment).toEqual({
      enacted: true,
      version: 2,
      changes: { noticeDays: 21, maxProxiesPerMember: 2, redemptionCapPercent: '15.00' },
    });
  });

  it('enacts nothing when an amendment fails', async () => {
    const { proposeBylawsAmendment: amendment } = await t.ok(
      AMEND,
      { title: 'No notice', body: 'b', changes: { noticeDays: 0 } },
      voters[0].token,
    );
    await t.ok(OPEN, { id: amendment.id }, voters[0].token);
    await voteAll(amendment, [
      [voters[0], 'FOR'],
      [voters[1], 'AGAINST'],
      [voters[2], 'AGAINST'],
    ]);
    await age(amendment.id, 2);
    expect((await t.ok(CLOSE, { id: amendment.id }, admin.token)).closeProposal.outcome).toBe('REJECTED');
    expect((await t.ok(BYLAWS, {}, admin.token)).bylaws).toMatchObject({ version: 2, noticeDays: 21 });
  });

  it('applies two amendments written against one version each to the version in force when it closes', async () => {
    const first = (await t.ok(AMEND, { title: 'A month', body: 'b', changes: { noticeDays: 30 } }, voters[0].token)).proposeBylawsAmendment;
    const second = (await t.ok(AMEND, { title: 'Higher quorum', body: 'b', changes: { assemblyQuorum: 0.4 } }, voters[1].token))
      .proposeBylawsAmendment;
    for (const [amendment, author] of [
      [first, voters[0]],
      [second, voters[1]],
    ] as const) {
      await t.ok(OPEN, { id: amendment.id }, author.token);
      await voteAll(amendment, [
        [voters[0], 'FOR'],
        [voters[1], 'FOR'],
      ]);
      await age(amendment.id, 2);
    }
    await t.ok(CLOSE, { id: first.id }, admin.token);
    await t.ok(CLOSE, { id: second.id }, admin.token);
    const history = (await t.ok(HISTORY, {}, admin.token)).bylawsHistory;
    expect(history.slice(0, 2)).toMatchObject([
      { version: 4, adoptedBy: { id: second.id }, noticeDays: 30, assemblyQuorum: 0.4 },
      { version: 3, adoptedBy: { id: first.id }, noticeDays: 30, assemblyQuorum: 0.25 },
    ]);
  });
});
