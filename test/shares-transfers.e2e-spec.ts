import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import type { TestApp, TestMember } from '@commons/testing';
import {
  CANCEL,
  DECIDE,
  HOLDINGS,
  REGISTER,
  REQUEST_REDEMPTION,
  REQUEST_SHARES,
  REQUEST_TRANSFER,
  SETTLE,
  TRIAL_BALANCE,
  pastPeriod,
  refusal,
  shareClass,
  subscribed,
  withSharesApp,
} from './shares-helpers.js';

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((wake) => setTimeout(wake, 250));
  }
}

describe('transfers and redemptions', () => {
  let t: TestApp;
  let admin: TestMember;

  // The cap has a spec of its own (below).
  withSharesApp({ redemptionCapPercent: '100' }, (app) => ({ t, admin } = app));

  async function holdingOf(member: TestMember): Promise<Array<{ shareClass: { code: string }; quantity: number; amount: string }>> {
    return (await t.ok(HOLDINGS, { id: member.id }, admin.token)).member.holdings;
  }

  describe('transfers', () => {
    it('moves shares between members when settled: both sub-accounts in the ledger, both registers show it', async () => {
      const { id: classId, code } = await shareClass(t, admin, { nominalValue: '10.00', minPerMember: 1, maxPerMember: 5 });
      const giver = await t.member();
      const receiver = await t.member({ status: 'APPLICANT' as never });
      const period = await pastPeriod(t, admin);
      await subscribed(t, admin, giver, classId, 4, period.inside);
      const { requestShareTransfer } = await t.ok(REQUEST_TRANSFER, { to: receiver.id, classId, quantity: 3 }, giver.token);
      expect(requestShareTransfer).toMatchObject({
        kind: 'TRANSFER',
        status: 'REQUESTED',
        amount: '30.00',
        counterpart: { id: receiver.id },
      });
      await t.ok(DECIDE, { id: requestShareTransfer.id, approve: true }, admin.token);
      const settled = (await t.ok(SETTLE, { id: requestShareTransfer.id, on: period.inside }, admin.token)).settleShareOperation;
      expect(settled.status).toBe('PAID');
      expect(await holdingOf(giver)).toEqual([{ shareClass: { code }, quantity: 1, amount: '10.00' }]);
      expect(await holdingOf(receiver)).toEqual([{ shareClass: { code }, quantity: 3, amount: '30.00' }]);
      const { trialBalance } = await t.ok(TRIAL_BALANCE, { periodId: period.id, rollUpMembers: false }, admin.token);
      expect(trialBalance).toEqual([
        { account: 'bank', debit: '40.00', credit: '0.00' },
        ...[
          { account: `share_capital:${code}:${giver.id}`, debit: '0.00', credit: '10.00' },
          { account: `share_capital:${code}:${receiver.id}`, debit: '0.00', credit: '30.00' },
        ].sort((a, b) => (a.account < b.account ? -1 : 1)),
      ]);
      const theirs = (await t.ok(REGISTER, {}, receiver.token)).shareRegister;
      expect(theirs.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([requestShareTransfer.id]);
    });

    it('keeps the giver at the minimum and the receiver under the maximum, and both allowed to hold the class', async () => {
      const { id: classId } = await shareClass(t, admin, { minPerMember: 2, maxPerMember: 4, stakeholderClasses: ['WORKER'] });
      const giver = await t.member();
      const receiver = await t.member();
      const supporter = await t.member({ stakeholderClass: 'SUPPORTER' });
      await subscribed(t, admin, giver, classId, 4);
      await subscribed(t, admin, receiver, classId, 3);
      const before = await t.snapshot();
      expect(await refusal(t, REQUEST_TRANSFER, { to: receiver.id, classId, quantity: 3 }, giver.token)).toMatchObject({
        code: 'CONFLICT',
      });
      expect(await refusal(t, REQUEST_TRANSFER, { to: receiver.id, classId, quantity: 2 }, giver.token)).toMatchObject({
        code: 'CONFLICT',
      });
      expect(await refusal(t, REQUEST_TRANSFER, { to: supporter.id, classId, quantity: 1 }, giver.token)).toMatchObject({
        code: 'CONFLICT',
      });
      expect(await refusal(t, REQUEST_TRANSFER, { to: giver.id, classId, quantity: 1 }, giver.token)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'toMemberId',
      });
      const nobody = '00000000-0000-4000-8000-000000000000';
      expect(await refusal(t, REQUEST_TRANSFER, { to: nobody, classId, quantity: 1 }, giver.token)).toMatchObject({ code: 'NOT_FOUND' });
      expect(await t.snapshot()).toEqual(before);
      // One share fits: the receiver ends at the maximum and the giver stays above the minimum.
      const { requestShareTransfer } = await t.ok(REQUEST_TRANSFER, { to: receiver.id, classId, quantity: 1 }, giver.token);
      // A second one would need the same share: open requests count.
      expect(await refusal(t, REQUEST_TRANSFER, { to: receiver.id, classId, quantity: 1 }, giver.token)).toMatchObject({
        code: 'CONFLICT',
      });
      await t.ok(DECIDE, { id: requestShareTransfer.id, approve: true }, admin.token);
      expect(
        (await t.ok(SETTLE, { id: requestShareTransfer.id, on: new Date().toISOString() }, admin.token)).settleShareOperation.status,
      ).toBe('PAID');
    });
  });

  describe('redemptions', () => {
    it('pays out redeemable shares, never below the minimum, and refuses classes that cannot be redeemed', async () => {
      const fixed = await shareClass(t, admin);
      const redeemable = await shareClass(t, admin, { redeemable: true, minPerMember: 1, nominalValue: '20.00' });
      const member = await t.member();
      await subscribed(t, admin, member, fixed.id, 2);
      await subscribed(t, admin, member, redeemable.id, 3);
      expect(await refusal(t, REQUEST_REDEMPTION, { classId: fixed.id, quantity: 1 }, member.token)).toMatchObject({ code: 'CONFLICT' });
      expect(await refusal(t, REQUEST_REDEMPTION, { classId: redeemable.id, quantity: 3 }, member.token)).toMatchObject({
        code: 'CONFLICT',
      });
      const period = await pastPeriod(t, admin);
      const { requestRedemption } = await t.ok(REQUEST_REDEMPTION, { classId: redeemable.id, quantity: 2 }, member.token);
      expect((await t.ok(DECIDE, { id: requestRedemption.id, approve: true }, admin.token)).decideShareOperation.status).toBe('APPROVED');
      await t.ok(SETTLE, { id: requestRedemption.id, on: period.inside }, admin.token);
      expect((await holdingOf(member)).find((holding) => holding.shareClass.code === redeemable.code)).toMatchObject({
        quantity: 1,
        amount: '20.00',
      });
      const { trialBalance } = await t.ok(TRIAL_BALANCE, { periodId: period.id, rollUpMembers: false }, admin.token);
      expect(trialBalance).toEqual([
        { account: 'bank', debit: '0.00', credit: '40.00' },
        { account: `share_capital:${redeemable.code}:${member.id}`, debit: '40.00', credit: '0.00' },
      ]);
    });
  });
});

describe('the redemption cap', () => {
  let t: TestApp;
  let admin: TestMember;

  withSharesApp({ redemptionCapPercent: '10' }, (app) => ({ t, admin } = app));

  const status = async (id: string): Promise<{ status: string; reason: string | null }> =>
    (await t.ok('query($id: ID!) { shareOperation(id: $id) { status reason } }', { id }, admin.token)).shareOperation;

  it('queues redemptions past the cap and takes them in request order when the cap is raised or a new year opens', async () => {
    const { id: classId } = await shareClass(t, admin, { redeemable: true, nominalValue: '10.00' });
    const [one, two, three] = [await t.member(), await t.member(), await t.member()];
    // 1000.00 paid in: a cap of 100.00 this year.
    await subscribed(t, admin, one, classId, 50);
    await subscribed(t, admin, two, classId, 30);
    await subscribed(t, admin, three, classId, 20);
    const ask = async (member: TestMember, quantity: number) =>
      (await t.ok(REQUEST_REDEMPTION, { classId, quantity }, member.token)).requestRedemption.id;
    const first = await ask(one, 5);
    const second = await ask(two, 6);
    const third = await ask(three, 1);
    const fourth = await ask(one, 10);
    expect((await t.ok(DECIDE, { id: first, approve: true }, admin.token)).decideShareOperation.status).toBe('APPROVED');
    const queued = (await t.ok(DECIDE, { id: second, approve: true }, admin.token)).decideShareOperation;
    expect(queued.status).toBe('QUEUED');
    expect(queued.reason).toContain('100.00');
    // It would fit (50 + 10 ≤ 100), but an earlier request waits: nobody overtakes.
    expect((await t.ok(DECIDE, { id: third, approve: true }, admin.token)).decideShareOperation.status).toBe('QUEUED');
    expect((await t.ok(DECIDE, { id: fourth, approve: true }, admin.token)).decideShareOperation.status).toBe('QUEUED');
    expect(await refusal(t, DECIDE, { id: second, approve: true }, admin.token)).toMatchObject({ code: 'CONFLICT' });
    // Paying out the approved one does not make room: the year's redemptions count whether paid or not.
    await t.ok(SETTLE, { id: first, on: new Date().toISOString() }, admin.token);
    await new Promise((wake) => setTimeout(wake, 2_500));
    expect((await status(second)).status).toBe('QUEUED');

    // The members raise the cap to 12%: 120.00 of the 1000.00 paid in before this year's redemptions.
    await t.foundBylaws({ redemptionCapPercent: '12' });
    await until(
      () => status(third),
      (operation) => operation.status === 'APPROVED',
      'the queue to move',
    );
    expect((await status(second)).status).toBe('APPROVED');
    expect((await status(fourth)).status).toBe('QUEUED');

    // A member may leave the queue.
    const fifth = await ask(two, 1);
    expect((await t.ok(DECIDE, { id: fifth, approve: true }, admin.token)).decideShareOperation.status).toBe('QUEUED');
    expect((await t.ok(CANCEL, { id: fifth }, two.token)).cancelShareOperation.status).toBe('CANCELLED');

    // A new fiscal year opens (a period that contains now): its cap is fresh, and the queue moves.
    const now = Date.now();
    await t.ok(
      'mutation($s: DateTime!, $e: DateTime!) { openFiscalPeriod(name: "This year", startsOn: $s, endsOn: $e) { id } }',
      { s: new Date(now - 60_000).toISOString(), e: new Date(now + 365 * 86_400_000).toISOString() },
      admin.token,
    );
    await until(
      () => status(fourth),
      (operation) => operation.status === 'APPROVED',
      'the new year to release the queue',
    );
    const audit = await t.sql.query(`SELECT actor_id, data FROM audit_entries WHERE action = 'share_redemptions.released' ORDER BY id`);
    expect(audit.rows.map((row) => row.data.operationIds)).toEqual([[second, third], [fourth]]);
    expect(audit.rows.every((row) => row.actor_id === null)).toBe(true);
  });
});

describe('the register and the ledger', () => {
  let t: TestApp;
  let admin: TestMember;

  withSharesApp({ redemptionCapPercent: '100' }, (app) => ({ t, admin } = app));

  it('always agree, whatever sequence of subscriptions, transfers and redemptions is settled or refused', async () => {
    const members = [await t.member(), await t.member(), await t.member()];
    const classes = [
      await shareClass(t, admin, { nominalValue: '7.77', redeemable: true, maxPerMember: 30 }),
      await shareClass(t, admin, { nominalValue: '100.00', minPerMember: 1 }),
    ];
    const period = await pastPeriod(t, admin);
    const step = fc.record({
      kind: fc.constantFrom('subscribe', 'transfer', 'redeem'),
      member: fc.nat(members.length - 1),
      other: fc.nat(members.length - 1),
      shareClass: fc.nat(classes.length - 1),
      quantity: fc.integer({ min: 1, max: 12 }),
      settle: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 8 }), async (steps) => {
        for (const s of steps) {
          const member = members[s.member];
          const classId = classes[s.shareClass].id;
          const response =
            s.kind === 'subscribe'
              ? await t.gql(REQUEST_SHARES, { classId, quantity: s.quantity }, member.token)
              : s.kind === 'transfer'
                ? await t.gql(REQUEST_TRANSFER, { to: members[s.other].id, classId, quantity: s.quantity }, member.token)
                : await t.gql(REQUEST_REDEMPTION, { classId, quantity: s.quantity }, member.token);
          const operation = Object.values(response.data ?? {})[0] as { id: string } | null;
          if (!operation) {
            expect(['CONFLICT', 'BAD_USER_INPUT']).toContain(response.errors?.[0].extensions?.code);
            continue;
          }
          const decided = await t.gql(DECIDE, { id: operation.id, approve: s.settle }, admin.token);
          expect(decided.errors).toBeUndefined();
          if (s.settle) expect((await t.gql(SETTLE, { id: operation.id, on: period.inside }, admin.token)).errors).toBeUndefined();
        }
        const { trialBalance } = await t.ok(TRIAL_BALANCE, { periodId: period.id, rollUpMembers: false }, admin.token);
        const ledger = new Map<string, Decimal>(
          trialBalance.map((row: { account: string; debit: string; credit: string }) => [
            row.account,
            new Decimal(row.credit).minus(row.debit),
          ]),
        );
        let capital = new Decimal(0);
        for (const member of members) {
          const { member: holder } = await t.ok(HOLDINGS, { id: member.id }, admin.token);
          capital = capital.plus(holder.shareCapital);
          for (const { code } of classes) {
            const held = holder.holdings.find((holding: { shareClass: { code: string } }) => holding.shareClass.code === code);
            const booked = ledger.get(`share_capital:${code}:${member.id}`) ?? new Decimal(0);
            expect([code, member.id, booked.toFixed(2)]).toEqual([code, member.id, held?.amount ?? '0.00']);
          }
        }
        expect((ledger.get('bank') ?? new Decimal(0)).negated().toFixed(2)).toBe(capital.toFixed(2));
        const paid = (await t.ok(REGISTER, { status: 'PAID', first: 100 }, admin.token)).shareRegister;
        expect(paid.edges.map((edge: { node: { number: number } }) => edge.node.number)).toEqual(
          Array.from({ length: paid.totalCount }, (_, index) => index + 1),
        );
      }),
      { numRuns: 6 },
    );
  });
});
