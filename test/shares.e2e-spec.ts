import { TestApp, type TestMember } from '@commons/testing';
import {
  CANCEL,
  CREATE_CLASS,
  DECIDE,
  HOLDINGS,
  REGISTER,
  REQUEST_SHARES,
  SETTLE,
  TRIAL_BALANCE,
  pastPeriod,
  refusal,
  shareClass,
  subscribed,
} from './shares-helpers.js';

describe('the share register: classes and subscriptions', () => {
  let t: TestApp;
  let admin: TestMember;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.admin();
  });
  afterAll(async () => {
    await t.stop();
  });

  describe('share classes', () => {
    it('lets an admin create a class, with its defaults, that everyone signed in can list', async () => {
      const created = await t.ok(
        CREATE_CLASS,
        { input: { code: 'w', name: 'Worker shares', nominalValue: '50', maxPerMember: 10, stakeholderClasses: ['WORKER'] } },
        admin.token,
      );
      expect(created.createShareClass).toMatchObject({
        code: 'W',
        name: 'Worker shares',
        nominalValue: '50.00',
        minPerMember: 0,
        maxPerMember: 10,
        votingRights: true,
        redeemable: false,
        stakeholderClasses: ['WORKER'],
      });
      const applicant = await t.member({ status: 'APPLICANT' as never });
      const { shareClasses } = await t.ok('{ shareClasses { code } }', {}, applicant.token);
      expect(shareClasses.map((c: { code: string }) => c.code)).toContain('W');
    });

    it('refuses a duplicate code, an unknown stakeholder class and bad terms, changing nothing', async () => {
      const before = await t.snapshot();
      expect(await refusal(t, CREATE_CLASS, { input: { code: 'W', name: 'again', nominalValue: '1' } }, admin.token)).toMatchObject({
        code: 'CONFLICT',
      });
      const unknown = { input: { code: 'Z', name: 'z', nominalValue: '1', stakeholderClasses: ['PIRATE'] } };
      expect(await refusal(t, CREATE_CLASS, unknown, admin.token)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.stakeholderClasses',
      });
      const cheap = { input: { code: 'Z', name: 'z', nominalValue: '0.001' } };
      expect(await refusal(t, CREATE_CLASS, cheap, admin.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.nominalValue' });
      const upsideDown = { input: { code: 'Z', name: 'z', nominalValue: '1', minPerMember: 3, maxPerMember: 2 } };
      expect(await refusal(t, CREATE_CLASS, upsideDown, admin.token)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.maxPerMember',
      });
      expect(await t.snapshot()).toEqual(before);
    });
  });

  describe('subscriptions', () => {
    it('goes REQUESTED → APPROVED → PAID, numbered and posted to the ledger, and the member holds it', async () => {
      const { id: classId, code } = await shareClass(t, admin, { nominalValue: '33.33' });
      const member = await t.member();
      const period = await pastPeriod(t, admin);
      const { requestShares } = await t.ok(REQUEST_SHARES, { classId, quantity: 3 }, member.token);
      expect(requestShares).toMatchObject({ kind: 'SUBSCRIPTION', status: 'REQUESTED', quantity: 3, amount: '99.99', number: null });
      const { decideShareOperation } = await t.ok(DECIDE, { id: requestShares.id, approve: true }, admin.token);
      expect(decideShareOperation).toMatchObject({ status: 'APPROVED', number: null });
      expect(decideShareOperation.decidedAt).not.toBeNull();
      const { settleShareOperation } = await t.ok(SETTLE, { id: requestShares.id, on: period.inside }, admin.token);
      expect(settleShareOperation).toMatchObject({ status: 'PAID', settledAt: period.inside, member: { id: member.id } });
      expect(settleShareOperation.number).toBeGreaterThanOrEqual(1);

      const { member: holder } = await t.ok(HOLDINGS, { id: member.id }, member.token);
      expect(holder).toEqual({ id: member.id, shareCapital: '99.99', holdings: [{ shareClass: { code }, quantity: 3, amount: '99.99' }] });
      const { trialBalance } = await t.ok(TRIAL_BALANCE, { periodId: period.id, rollUpMembers: false }, admin.token);
      expect(trialBalance).toEqual([
        { account: 'bank', debit: '99.99', credit: '0.00' },
        { account: `share_capital:${code}:${member.id}`, debit: '0.00', credit: '99.99' },
      ]);
      const rolledUp = (await t.ok(TRIAL_BALANCE, { periodId: period.id }, admin.token)).trialBalance;
      expect(rolledUp).toEqual([
        { account: 'bank', debit: '99.99', credit: '0.00' },
        { account: 'share_capital', debit: '0.00', credit: '99.99' },
      ]);
      const audit = await t.sql.query(`SELECT data FROM audit_entries WHERE action = 'share_operation.settled' AND entity_id = $1`, [
        requestShares.id,
      ]);
      expect(audit.rows).toHaveLength(1);
      expect(audit.rows[0].data).toMatchObject({ number: settleShareOperation.number, amount: '99.99', quantity: 3 });
    });

    it('lets an applicant subscribe, but not a suspended member', async () => {
      const { id: classId } = await shareClass(t, admin);
      const applicant = await t.member({ status: 'APPLICANT' as never });
      expect((await t.ok(REQUEST_SHARES, { classId, quantity: 1 }, applicant.token)).requestShares.status).toBe('REQUESTED');
      const suspended = await t.member({ status: 'SUSPENDED' as never });
      expect(await refusal(t, REQUEST_SHARES, { classId, quantity: 1 }, suspended.token)).toMatchObject({ code: 'FORBIDDEN' });
    });

    it('keeps each class to the stakeholder classes that may hold it and to its maximum, open requests included', async () => {
      const workers = await shareClass(t, admin, { stakeholderClasses: ['WORKER'], maxPerMember: 5 });
      const supporter = await t.member({ stakeholderClass: 'SUPPORTER' });
      expect(await refusal(t, REQUEST_SHARES, { classId: workers.id, quantity: 1 }, supporter.token)).toMatchObject({ code: 'CONFLICT' });
      const worker = await t.member();
      await subscribed(t, admin, worker, workers.id, 3);
      await t.ok(REQUEST_SHARES, { classId: workers.id, quantity: 2 }, worker.token);
      const before = await t.snapshot();
      expect(await refusal(t, REQUEST_SHARES, { classId: workers.id, quantity: 1 }, worker.token)).toMatchObject({ code: 'CONFLICT' });
      expect(await refusal(t, REQUEST_SHARES, { classId: workers.id, quantity: 0 }, worker.token)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'quantity',
      });
      expect(
        await refusal(t, REQUEST_SHARES, { classId: '00000000-0000-4000-8000-000000000000', quantity: 1 }, worker.token),
      ).toMatchObject({
        code: 'NOT_FOUND',
      });
      expect(await t.snapshot()).toEqual(before);
    });

    it('refuses with a reason, cancels only its own REQUESTED operations, and settles only what is APPROVED', async () => {
      const { id: classId } = await shareClass(t, admin);
      const member = await t.member();
      const other = await t.member();
      const first = (await t.ok(REQUEST_SHARES, { classId, quantity: 1 }, member.token)).requestShares;
      expect(await refusal(t, SETTLE, { id: first.id, on: new Date().toISOString() }, admin.token)).toMatchObject({ code: 'CONFLICT' });
      expect(await refusal(t, CANCEL, { id: first.id }, other.token)).toMatchObject({ code: 'FORBIDDEN' });
      expect((await t.ok(CANCEL, { id: first.id }, member.token)).cancelShareOperation.status).toBe('CANCELLED');
      expect(await refusal(t, DECIDE, { id: first.id, approve: true }, admin.token)).toMatchObject({ code: 'CONFLICT' });

      const second = (await t.ok(REQUEST_SHARES, { classId, quantity: 1 }, member.token)).requestShares;
      const refused = (await t.ok(DECIDE, { id: second.id, approve: false, reason: 'No payment received' }, admin.token))
        .decideShareOperation;
      expect(refused).toMatchObject({ status: 'REFUSED', reason: 'No payment received', number: null });
      expect(await refusal(t, CANCEL, { id: second.id }, member.token)).toMatchObject({ code: 'CONFLICT' });

      const third = (await t.ok(REQUEST_SHARES, { classId, quantity: 1 }, member.token)).requestShares;
      await t.ok(DECIDE, { id: third.id, approve: true }, admin.token);
      expect(await refusal(t, CANCEL, { id: third.id }, member.token)).toMatchObject({ code: 'CONFLICT' });
      const future = new Date(Date.now() + 86_400_000).toISOString();
      expect(await refusal(t, SETTLE, { id: third.id, on: future }, admin.token)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'settledOn',
      });
      const settled = (await t.ok(SETTLE, { id: third.id, on: new Date().toISOString() }, admin.token)).settleShareOperation;
      expect(settled.status).toBe('PAID');
      expect(await refusal(t, SETTLE, { id: third.id, on: new Date().toISOString() }, admin.token)).toMatchObject({ code: 'CONFLICT' });
    });

    it('refuses a settlement dated in a closed fiscal period', async () => {
      const { id: classId } = await shareClass(t, admin);
      const member = await t.member();
      const period = await pastPeriod(t, admin);
      await t.ok('mutation($id: ID!) { closeFiscalPeriod(id: $id) { status } }', { id: period.id }, admin.token);
      const { requestShares } = await t.ok(REQUEST_SHARES, { classId, quantity: 1 }, member.token);
      await t.ok(DECIDE, { id: requestShares.id, approve: true }, admin.token);
      expect(await refusal(t, SETTLE, { id: requestShares.id, on: period.inside }, admin.token)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'settledOn',
      });
    });
  });

  describe('reading the register', () => {
    it('shows admins and auditors the whole register in number order, and a member only their own operations', async () => {
      const { id: classId } = await shareClass(t, admin);
      const one = await t.member();
      const two = await t.member();
      await subscribed(t, admin, one, classId, 1);
      await subscribed(t, admin, two, classId, 2);
      const pending = (await t.ok(REQUEST_SHARES, { classId, quantity: 1 }, two.token)).requestShares;

      const auditor = await t.member({ roles: ['MEMBER', 'AUDITOR'] as never });
      const whole = (await t.ok(REGISTER, { first: 100 }, auditor.token)).shareRegister;
      const numbers = whole.edges
        .map((edge: { node: { number: number | null } }) => edge.node.number)
        .filter((n: number | null) => n !== null);
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
      expect(whole.edges[whole.edges.length - 1].node.number).toBeNull();

      const own = (await t.ok(REGISTER, {}, two.token)).shareRegister;
      expect(own.totalCount).toBe(2);
      expect(own.edges.map((edge: { node: { id: string } }) => edge.node.id)).toContain(pending.id);
      expect(own.edges.every((edge: { node: { member: { id: string } } }) => edge.node.member.id === two.id)).toBe(true);
      expect(await refusal(t, REGISTER, { memberId: one.id }, two.token)).toMatchObject({ code: 'FORBIDDEN' });
      expect((await t.ok(REGISTER, { memberId: one.id, status: 'PAID' }, admin.token)).shareRegister.totalCount).toBe(1);

      const paged = (await t.ok(REGISTER, { first: 1 }, admin.token)).shareRegister;
      const next = (await t.ok(REGISTER, { first: 1, after: paged.pageInfo.endCursor }, admin.token)).shareRegister;
      expect(next.edges[0].node.number).toBe(paged.edges[0].node.number + 1);
    });

    it("shows holdings to the member, admins and auditors only, and everyone's share capital to those who read the register", async () => {
      const { id: classId } = await shareClass(t, admin, { nominalValue: '10.00' });
      const holder = await t.member();
      await subscribed(t, admin, holder, classId, 4);
      const other = await t.member();
      expect(await refusal(t, HOLDINGS, { id: holder.id }, other.token)).toMatchObject({ code: 'FORBIDDEN' });
      const { member } = await t.ok('query($id: ID!) { member(id: $id) { shareCapital } }', { id: holder.id }, other.token);
      expect(member.shareCapital).toBe('40.00');
      expect((await t.ok(HOLDINGS, { id: holder.id }, admin.token)).member.holdings).toHaveLength(1);
    });
  });
});
