import type { TestApp, TestMember } from '@commons/testing';
import { HOLDINGS, REGISTER, REQUEST_SHARES, SETTLE, refusal, shareClass, subscribed, withSharesApp } from './shares-helpers.js';

const ADMIT = 'mutation($id: ID!) { admitMember(memberId: $id) { id status } }';
const WITHDRAW = 'mutation { withdrawMembership { id status } }';

describe('joining and leaving through the share register', () => {
  let t: TestApp;
  let admin: TestMember;

  withSharesApp({ sharesToJoin: 2, redemptionCapPercent: '100' }, (app) => ({ t, admin } = app));

  it('admits an applicant only once they have sharesToJoin shares with voting rights PAID', async () => {
    const voting = await shareClass(t, admin);
    const supporter = await shareClass(t, admin, { votingRights: false });
    const applicant = await t.member({ status: 'APPLICANT' as never });
    expect(await refusal(t, ADMIT, { id: applicant.id }, admin.token)).toMatchObject({ code: 'CONFLICT' });
    await subscribed(t, admin, applicant, supporter.id, 5);
    expect(await refusal(t, ADMIT, { id: applicant.id }, admin.token)).toMatchObject({ code: 'CONFLICT' });
    await subscribed(t, admin, applicant, voting.id, 1);
    // Requested and approved is not enough: the shares must be PAID.
    const { requestShares } = await t.ok(REQUEST_SHARES, { classId: voting.id, quantity: 1 }, applicant.token);
    await t.ok('mutation($id: ID!) { decideShareOperation(id: $id, approve: true) { id } }', { id: requestShares.id }, admin.token);
    const before = await t.snapshot();
    expect(await refusal(t, ADMIT, { id: applicant.id }, admin.token)).toMatchObject({ code: 'CONFLICT' });
    expect(await t.snapshot()).toEqual(before);
    await t.ok(SETTLE, { id: requestShares.id, on: new Date().toISOString() }, admin.token);
    expect((await t.ok(ADMIT, { id: applicant.id }, admin.token)).admitMember.status).toBe('ACTIVE');
    const audit = await t.sql.query(`SELECT data FROM audit_entries WHERE action = 'member.admitted' AND entity_id = $1`, [applicant.id]);
    expect(audit.rows[0].data).toMatchObject({ sharesPaid: 2, sharesToJoin: 2 });
  });

  it('refuses to let a member withdraw while they hold shares that cannot be redeemed', async () => {
    const fixed = await shareClass(t, admin);
    const member = await t.member();
    await subscribed(t, admin, member, fixed.id, 1);
    const before = await t.snapshot();
    expect(await refusal(t, WITHDRAW, {}, member.token)).toMatchObject({ code: 'CONFLICT' });
    expect(await t.snapshot()).toEqual(before);
  });

  it('on withdrawal cancels open requests and redeems every redeemable share, below the minimum, through the cap', async () => {
    const redeemable = await shareClass(t, admin, { redeemable: true, minPerMember: 2, nominalValue: '15.00' });
    const member = await t.member();
    await subscribed(t, admin, member, redeemable.id, 3);
    const { requestShares: pending } = await t.ok(REQUEST_SHARES, { classId: redeemable.id, quantity: 1 }, member.token);
    expect((await t.ok(WITHDRAW, {}, member.token)).withdrawMembership.status).toBe('WITHDRAWN');

    const register = (await t.ok(REGISTER, { memberId: member.id }, admin.token)).shareRegister;
    const byKind = (kind: string) =>
      register.edges
        .map((edge: { node: Record<string, any> }) => edge.node)
        .filter((node: { kind: string; status: string }) => node.kind === kind);
    expect(byKind('SUBSCRIPTION').find((node: { id: string }) => node.id === pending.id)).toMatchObject({ status: 'CANCELLED' });
    const [redemption] = byKind('REDEMPTION');
    expect(redemption).toMatchObject({ status: 'APPROVED', quantity: 3, amount: '45.00' });
    await t.ok(SETTLE, { id: redemption.id, on: new Date().toISOString() }, admin.token);
    const { member: leaver } = await t.ok(HOLDINGS, { id: member.id }, admin.token);
    expect(leaver).toMatchObject({ shareCapital: '0.00', holdings: [] });
    const audit = await t.sql.query(`SELECT data FROM audit_entries WHERE action = 'member.withdrew' AND entity_id = $1`, [member.id]);
    expect(audit.rows[0].data.shares).toEqual({
      cancelledOperationIds: [pending.id],
      redemptions: [{ id: redemption.id, status: 'APPROVED' }],
    });
  });

  it('queues the redemption of a leaving member past the cap', async () => {
    const redeemable = await shareClass(t, admin, { redeemable: true });
    const member = await t.member();
    await subscribed(t, admin, member, redeemable.id, 2);
    await t.foundBylaws({ redemptionCapPercent: '0' });
    try {
      await t.ok(WITHDRAW, {}, member.token);
      const register = (await t.ok(REGISTER, { memberId: member.id, status: 'QUEUED' }, admin.token)).shareRegister;
      expect(register.edges.map((edge: { node: Record<string, any> }) => [edge.node.kind, edge.node.quantity])).toEqual([
        ['REDEMPTION', 2],
      ]);
    } finally {
      await t.foundBylaws({ redemptionCapPercent: '100' });
    }
  });
});
