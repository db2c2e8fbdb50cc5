import type { TestApp, TestMember } from '@commons/testing';
import {
  ALLOCATIONS,
  closedPeriod,
  decide,
  EXECUTE,
  policy,
  propose,
  READ_PERIOD,
  RECORD_PATRONAGE,
  surplusApp,
  VOTE,
} from './surplus-helpers.js';

describe('a split the members reject', () => {
  let t: TestApp;
  let admin: TestMember;
  let voters: TestMember[];
  beforeAll(async () => {
    ({ t, admin, voters } = await surplusApp(3));
  });
  afterAll(async () => {
    await t.stop();
  });

  it('becomes REJECTED, cannot be executed, and a new split can then be proposed and approved', async () => {
    const periodId = await closedPeriod(t, admin, { revenue: '900.00', expenses: '100.00', patronage: voters.map((v) => [v, '1']) });
    const first = await propose(t, admin, periodId, policy('50', '0', '0', '50', '100'));
    const second = await t.gql(
      `mutation($p: ID!, $policy: AllocationPolicyInput!) { proposeSurplusDistribution(periodId: $p, policy: $policy) { id } }`,
      {
        p: periodId,
        policy: policy('50', '0', '0', '50', '100'),
      },
      admin.token,
    );
    expect(second.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await decide(t, admin, first, voters, 'AGAINST')).toBe('REJECTED');
    const rejected = (await t.ok(READ_PERIOD, { id: periodId }, voters[0].token)).fiscalPeriod;
    expect(rejected).toMatchObject({ status: 'CLOSED', distribution: { id: first.id, status: 'REJECTED' } });
    expect((await t.gql(EXECUTE, { id: first.id }, admin.token)).errors?.[0].extensions?.code).toBe('CONFLICT');

    // Patronage can be corrected again once the split is rejected.
    await t.ok(RECORD_PATRONAGE, { periodId, memberId: voters[0].id, amount: '2' }, admin.token);
    const retry = await propose(t, admin, periodId, policy('20', '5', '25', '50', '20'));
    expect(await decide(t, admin, retry, voters, 'FOR')).toBe('PASSED');
    await t.ok(EXECUTE, { id: retry.id }, admin.token);
    const done = (await t.ok(READ_PERIOD, { id: periodId }, voters[0].token)).fiscalPeriod;
    expect(done).toMatchObject({ status: 'DISTRIBUTED', distribution: { id: retry.id, status: 'POSTED' } });
    expect(done.distributions).toEqual([
      { id: first.id, status: 'REJECTED' },
      { id: retry.id, status: 'POSTED' },
    ]);
    const refunds = (await t.ok(ALLOCATIONS, { periodId }, admin.token)).memberAllocations.edges.map((e: any) => e.node);
    expect(Object.fromEntries(refunds.map((a: any) => [a.member.id, a.refund]))).toEqual({
      [voters[0].id]: '200.00',
      [voters[1].id]: '100.00',
      [voters[2].id]: '100.00',
    });
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM ledger_postings WHERE period_id = $1 AND kind = 'distribution'`, [
      periodId,
    ]);
    expect(rows[0].n).toBe(1);
  });

  it('is decided when its proposal closes by itself at closesAt', async () => {
    const periodId = await closedPeriod(t, admin, { patronage: [[voters[0], '1']] });
    const closesAt = new Date(Date.now() + 1500).toISOString();
    const { proposeSurplusDistribution } = await t.ok(
      `mutation($p: ID!, $policy: AllocationPolicyInput!, $closesAt: DateTime) {
        proposeSurplusDistribution(periodId: $p, policy: $policy, closesAt: $closesAt) { id proposal { id closesAt options { id label } } } }`,
      { p: periodId, policy: policy('30', '10', '20', '40', '25'), closesAt },
      admin.token,
    );
    expect(proposeSurplusDistribution.proposal.closesAt).toBe(closesAt);
    const forOption = proposeSurplusDistribution.proposal.options.find((o: any) => o.label === 'FOR').id;
    await t.ok(VOTE, { input: { proposalId: proposeSurplusDistribution.proposal.id, optionIds: [forOption] } }, voters[0].token);
    // The closer runs every few seconds; wait for it (bounded) rather than closing by hand.
    let status = 'PROPOSED';
    for (let attempt = 0; attempt < 100 && status === 'PROPOSED'; attempt += 1) {
      await new Promise((wake) => setTimeout(wake, 200));
      status = (await t.ok(READ_PERIOD, { id: periodId }, admin.token)).fiscalPeriod.distribution.status;
    }
    expect(status).toBe('APPROVED');
    const { auditLog } = await t.ok(
      `query($id: ID!) { auditLog(entityId: $id) { edges { node { action actor { id } data } } } }`,
      { id: proposeSurplusDistribution.proposal.id },
      admin.token,
    );
    expect(auditLog.edges.map((e: any) => e.node)).toContainEqual({
      action: 'proposal.closed_automatically',
      actor: null,
      data: expect.objectContaining({ surplusDistribution: { id: proposeSurplusDistribution.id, status: 'APPROVED' } }),
    });
    expect((await t.ok(EXECUTE, { id: proposeSurplusDistribution.id }, admin.token)).executeSurplusDistribution.status).toBe('POSTED');
  });

  it('rejects a split that misses its quorum', async () => {
    const periodId = await closedPeriod(t, admin, { patronage: [[voters[0], '1']] });
    const { proposeSurplusDistribution } = await t.ok(
      `mutation($p: ID!, $policy: AllocationPolicyInput!) { proposeSurplusDistribution(periodId: $p, policy: $policy, quorum: 1) { id proposal { id options { id label } } } }`,
      { p: periodId, policy: policy('30', '10', '20', '40', '25') },
      admin.token,
    );
    const proposal = {
      id: proposeSurplusDistribution.id,
      proposalId: proposeSurplusDistribution.proposal.id,
      options: Object.fromEntries(proposeSurplusDistribution.proposal.options.map((o: any) => [o.label, o.id])),
    };
    expect(await decide(t, admin, proposal, [voters[0]], 'FOR')).toBe('NO_QUORUM');
    expect((await t.ok(READ_PERIOD, { id: periodId }, admin.token)).fiscalPeriod.distribution.status).toBe('REJECTED');
  });

  it('lets a new split be proposed when the proposal of the last one was withdrawn', async () => {
    const periodId = await closedPeriod(t, admin, { patronage: [[voters[0], '1']] });
    const first = await propose(t, admin, periodId);
    await t.ok(`mutation($id: ID!) { withdrawProposal(id: $id) { status } }`, { id: first.proposalId }, admin.token);
    const second = await propose(t, admin, periodId);
    const { fiscalPeriod } = await t.ok(READ_PERIOD, { id: periodId }, admin.token);
    expect(fiscalPeriod.distributions).toEqual([
      { id: first.id, status: 'REJECTED' },
      { id: second.id, status: 'PROPOSED' },
    ]);
  });
});
