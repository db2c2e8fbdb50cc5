import { TestApp, type TestMember } from '@commons/testing';
import { distributedYear, READ_PERIOD } from './surplus-helpers.js';
import { CLOSE, members, openProposal, vote } from './voting-helpers.js';

const HEALTH = `query($from: DateTime, $to: DateTime) {
  governanceHealth(from: $from, to: $to) { from to members decisions participation reach largestVoterShare votingWeightGini keptInCommon alerts alertDetails { kind value decisions proposalId title } }
}`;
const SERIES = `query($from: DateTime, $to: DateTime) {
  governanceHealthSeries(from: $from, to: $to) { proposalId title closedAt participation largestVoterShare votingWeightGini }
}`;
const DELEGATE = `mutation($to: ID!) { delegateVote(toMemberId: $to) { id } }`;

describe('governance health', () => {
  let t: TestApp;
  let admin: TestMember;
  let auditor: TestMember;
  let voters: TestMember[];

  beforeAll(async () => {
    t = await TestApp.start();
    await t.foundBylaws({ minVotingHours: 0 });
    admin = await t.admin();
    auditor = await t.member({ roles: ['MEMBER', 'AUDITOR'] as never });
    voters = await members(t, 4);
  });

  afterAll(async () => {
    await t?.stop();
  });

  it('with no decisions yet: nothing measured, no surplus kept, no alerts', async () => {
    const { governanceHealth } = await t.ok(HEALTH, {}, auditor.token);
    expect(governanceHealth).toMatchObject({
      members: 6, // the admin, the auditor and four members, all ACTIVE
      decisions: 0,
      participation: 0,
      reach: 0,
      largestVoterShare: 0,
      votingWeightGini: 0,
      keptInCommon: null,
      alerts: [],
      alertDetails: [],
    });
    expect(new Date(governanceHealth.to).getTime()).toBeLessThanOrEqual(Date.now());
    expect((await t.ok(SERIES, {}, auditor.token)).governanceHealthSeries).toEqual([]);
  });

  it('one member holding every delegation: their share is all the votes, and the alerts say so in words', async () => {
    const [holder, ...others] = voters;
    for (const member of others) await t.ok(DELEGATE, { to: holder.id }, member.token);
    const proposal = await openProposal(t, admin, { title: 'Hand it all to one', method: 'MAJORITY' });
    expect((await vote(t, holder, proposal, ['FOR'])).errors).toBeUndefined();
    await t.ok(CLOSE, { id: proposal.id }, admin.token);

    // By hand: six on the roll; the holder carries 4 votes (their own and three delegations), nobody else voted.
    // Population [4, 0, 0, 0]: Gini = sum of |x_i - x_j| / (2 n^2 mean) = 24 / 32 = 0.75.
    const { governanceHealth } = await t.ok(HEALTH, {}, auditor.token);
    expect(governanceHealth).toMatchObject({
      members: 6,
      decisions: 1,
      participation: 4 / 6,
      reach: 4 / 6,
      largestVoterShare: 1,
      votingWeightGini: 0.75,
      keptInCommon: null,
      alerts: [
        "One member cast 100% of the votes on 'Hand it all to one'.",
        'Voting weight is concentrated: the Gini coefficient averages 0.75 over 1 decision.',
      ],
    });
    expect(governanceHealth.alertDetails).toEqual([
      { kind: 'LARGEST_VOTER', value: 1, decisions: 1, proposalId: proposal.id, title: 'Hand it all to one' },
      { kind: 'CONCENTRATED_WEIGHT', value: 0.75, decisions: 1, proposalId: null, title: null },
    ]);

    const { governanceHealthSeries } = await t.ok(SERIES, {}, voters[1].token);
    expect(governanceHealthSeries).toEqual([
      expect.objectContaining({ proposalId: proposal.id, title: 'Hand it all to one', largestVoterShare: 1, votingWeightGini: 0.75 }),
    ]);
  });

  it('reads a window: decisions closed after `to` are not in it', async () => {
    const { governanceHealth } = await t.ok(HEALTH, { to: '2020-01-01T00:00:00.000Z' }, admin.token);
    expect(governanceHealth).toMatchObject({ decisions: 0, from: '2019-01-01T00:00:00.000Z', to: '2020-01-01T00:00:00.000Z' });
  });

  it('refuses a window that ends before it starts, naming the field', async () => {
    const response = await t.gql(HEALTH, { from: '2026-02-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' }, auditor.token);
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
  });

  it('keeps in common the reserve, education and commons shares of the last posted surplus', async () => {
    const { periodId } = await distributedYear(t, admin, voters);
    const { fiscalPeriod } = await t.ok(READ_PERIOD, { id: periodId }, auditor.token);
    const { surplus, reserve, education, commons } = fiscalPeriod.distribution.amounts;
    // 30% + 10% + 20% of 50000.01, each rounded to the cent as posted: 15000.00 + 5000.00 + 10000.00.
    expect([surplus, reserve, education, commons]).toEqual(['50000.01', '15000.00', '5000.00', '10000.00']);
    const { governanceHealth } = await t.ok(HEALTH, {}, auditor.token);
    expect(governanceHealth.keptInCommon).toBe(30000 / 50000.01);
    expect(governanceHealth.decisions).toBe(2);
  });

  it('is for active members, admins and auditors only', async () => {
    expect((await t.gql(HEALTH, {})).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const applicant = await t.member({ status: 'APPLICANT' as never });
    expect((await t.gql(HEALTH, {}, applicant.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(SERIES, {}, applicant.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
