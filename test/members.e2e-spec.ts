import { ADMIN_EMAIL, ADMIN_PASSWORD, TestApp } from '@commons/testing';

const MEMBER_FIELDS = 'id name email status roles stakeholderClass shareCapital joinedAt';
const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { token member { ${MEMBER_FIELDS} } } }`;
const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token member { id email } } }`;
const ADMIT = `mutation($id: ID!) { admitMember(memberId: $id) { ${MEMBER_FIELDS} } }`;
const SUSPEND = `mutation($id: ID!, $reason: String!) { suspendMember(memberId: $id, reason: $reason) { id status suspensionReason } }`;
const REINSTATE = `mutation($id: ID!) { reinstateMember(memberId: $id) { id status suspensionReason } }`;
const WITHDRAW = `mutation { withdrawMembership { id status } }`;
const GRANT = `mutation($id: ID!, $role: Role!) { grantRole(memberId: $id, role: $role) { id roles } }`;
const REVOKE = `mutation($id: ID!, $role: Role!) { revokeRole(memberId: $id, role: $role) { id roles } }`;

describe('members over GraphQL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t.stop();
  });

  async function register(email: string, extra: Record<string, unknown> = {}) {
    return t.gql(REGISTER, { input: { name: 'Ada Lovelace', email, password: 'analytical engine', ...extra } });
  }

  describe('register and login', () => {
    it('registers an applicant who can sign in and see their own email', async () => {
      const response = await register('Ada@Example.org', { stakeholderClass: 'CONSUMER' });
      expect(response.errors).toBeUndefined();
      const { token, member } = response.data!.register;
      expect(member).toMatchObject({
        name: 'Ada Lovelace',
        email: 'ada@example.org',
        status: 'APPLICANT',
        roles: ['MEMBER'],
        stakeholderClass: 'CONSUMER',
        shareCapital: '0.00',
        joinedAt: null,
      });
      const me = await t.ok(`{ me { id email status } }`, {}, token);
      expect(me.me).toEqual({ id: member.id, email: 'ada@example.org', status: 'APPLICANT' });

      const login = await t.ok(LOGIN, { email: 'ADA@example.org', password: 'analytical engine' });
      expect(login.login.member).toEqual({ id: member.id, email: 'ada@example.org' });
    });

    it('stores an argon2 hash, never the password', async () => {
      await register('hash@example.org');
      const { rows } = await t.sql.query('SELECT password_hash FROM members WHERE email = $1', ['hash@example.org']);
      expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
      expect(rows[0].password_hash).not.toContain('analytical engine');
    });

    it('refuses a second account with the same email, in any case, and changes nothing', async () => {
      await register('twice@example.org');
      const before = await t.snapshot();
      const response = await register('TWICE@example.org');
      expect(response.errors?.[0].extensions?.code).toBe('CONFLICT');
      expect(await t.snapshot()).toEqual(before);
    });

    it.each([
      ['email', { email: 'not-an-email' }],
      ['password', { password: 'short' }],
      ['name', { name: '   ' }],
      ['stakeholderClass', { stakeholderClass: 'ALIENS' }],
      ['stakeholderClass', { stakeholderClass: 'not a code' }],
    ])('rejects a bad %s with BAD_USER_INPUT naming the field', async (field, extra) => {
      const before = await t.snapshot();
      const response = await register(`bad-${Math.random()}@example.org`, extra);
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(response.errors?.[0].message).toContain(field);
      expect(await t.snapshot()).toEqual(before);
    });

    it('fails login the same way for an unknown email and a wrong password', async () => {
      const wrongPassword = await t.gql(LOGIN, { email: ADMIN_EMAIL, password: 'wrong password' });
      const unknownEmail = await t.gql(LOGIN, { email: 'nobody@example.org', password: ADMIN_PASSWORD });
      expect(wrongPassword.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(unknownEmail.errors?.[0]).toEqual({ ...wrongPassword.errors?.[0] });
      expect(wrongPassword.data).toBeNull();
    });

    it('limits failed sign-ins per account, even with the right password afterwards, and tells when to retry', async () => {
      await register('guessed@example.org');
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const wrong = await t.gql(LOGIN, { email: 'guessed@example.org', password: `guess ${attempt}` });
        expect(wrong.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      }
      const locked = await t.gql(LOGIN, { email: 'guessed@example.org', password: 'analytical engine' });
      expect(locked.errors?.[0].extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS', retryAfter: expect.any(Number) });
      expect(locked.data).toBeNull();
      // Other accounts are not affected.
      expect((await t.gql(LOGIN, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD })).errors).toBeUndefined();
    });

    it('bootstraps the admin from ADMIN_EMAIL and ADMIN_PASSWORD', async () => {
      const { login } = await t.ok(LOGIN, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
      const { me } = await t.ok('{ me { status roles } }', {}, login.token);
      expect(me).toEqual({ status: 'ACTIVE', roles: ['MEMBER', 'ADMIN'] });
    });

    it('refuses missing, malformed and forged tokens', async () => {
      expect((await t.gql('{ me { id } }')).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect((await t.gql('{ me { id } }', {}, 'not.a.token')).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      const admin = await t.admin();
      const [header, payload] = admin.token.split('.');
      const forged = `${header}.${payload}.${Buffer.from('forged signature').toString('base64url')}`;
      expect((await t.gql('{ me { id } }', {}, forged)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('the membership lifecycle', () => {
    it('admits, suspends, reinstates and lets a member withdraw', async () => {
      const admin = await t.admin();
      const { register: applicant } = (await register('lifecycle@example.org')).data!;

      const admitted = await t.ok(ADMIT, { id: applicant.member.id }, admin.token);
      expect(admitted.admitMember.status).toBe('ACTIVE');
      expect(new Date(admitted.admitMember.joinedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);

      const suspended = await t.ok(SUSPEND, { id: applicant.member.id, reason: 'Unpaid dues' }, admin.token);
      expect(suspended.suspendMember).toEqual({ id: applicant.member.id, status: 'SUSPENDED', suspensionReason: 'Unpaid dues' });
      const own = await t.ok('{ me { status suspensionReason } }', {}, applicant.token);
      expect(own.me).toEqual({ status: 'SUSPENDED', suspensionReason: 'Unpaid dues' });

      const reinstated = await t.ok(REINSTATE, { id: applicant.member.id }, admin.token);
      expect(reinstated.reinstateMember).toEqual({ id: applicant.member.id, status: 'ACTIVE', suspensionReason: null });

      const withdrawn = await t.ok(WITHDRAW, {}, applicant.token);
      expect(withdrawn.withdrawMembership.status).toBe('WITHDRAWN');
      expect((await t.gql(WITHDRAW, {}, applicant.token)).errors?.[0].extensions?.code).toBe('CONFLICT');
    });

    it.each([
      ['admitting an active member', 'ACTIVE', ADMIT, {}],
      ['suspending an applicant', 'APPLICANT', SUSPEND, { reason: 'x' }],
      ['reinstating an active member', 'ACTIVE', REINSTATE, {}],
      ['suspending a withdrawn member', 'WITHDRAWN', SUSPEND, { reason: 'x' }],
    ] as const)('refuses %s with CONFLICT and changes nothing', async (_case, status, mutation, extra) => {
      const admin = await t.admin();
      const target = await t.member({ status: status as never });
      const before = await t.snapshot();
      const response = await t.gql(mutation, { id: target.id, ...extra }, admin.token);
      expect(response.errors?.[0].extensions?.code).toBe('CONFLICT');
      expect(await t.snapshot()).toEqual(before);
    });

    it('answers NOT_FOUND for an unknown member and BAD_USER_INPUT for a malformed id', async () => {
      const admin = await t.admin();
      const missing = await t.gql(ADMIT, { id: '00000000-0000-4000-8000-000000000000' }, admin.token);
      expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      const malformed = await t.gql(ADMIT, { id: 'nope' }, admin.token);
      expect(malformed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'memberId' });
    });

    it('requires a reason to suspend', async () => {
      const admin = await t.admin();
      const target = await t.member();
      const response = await t.gql(SUSPEND, { id: target.id, reason: '  ' }, admin.token);
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    });

    it("takes away a suspended admin's powers at once, with the same token", async () => {
      const admin = await t.admin();
      const second = await t.member({ roles: ['MEMBER', 'ADMIN'] as never });
      const applicant = await t.member({ status: 'APPLICANT' as never });
      await t.ok(SUSPEND, { id: second.id, reason: 'Conflict of interest' }, admin.token);
      const response = await t.gql(ADMIT, { id: applicant.id }, second.token);
      expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('roles', () => {
    it('grants and revokes roles, refusing duplicates and missing roles', async () => {
      const admin = await t.admin();
      const target = await t.member();
      expect((await t.ok(GRANT, { id: target.id, role: 'AUDITOR' }, admin.token)).grantRole.roles).toEqual(['MEMBER', 'AUDITOR']);
      expect((await t.gql(GRANT, { id: target.id, role: 'AUDITOR' }, admin.token)).errors?.[0].extensions?.code).toBe('CONFLICT');
      expect((await t.ok(REVOKE, { id: target.id, role: 'AUDITOR' }, admin.token)).revokeRole.roles).toEqual(['MEMBER']);
      expect((await t.gql(REVOKE, { id: target.id, role: 'AUDITOR' }, admin.token)).errors?.[0].extensions?.code).toBe('CONFLICT');
      const badRole = await t.gql(GRANT, { id: target.id, role: 'KING' }, admin.token);
      expect(badRole.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('stakeholder classes', () => {
    it('lets admins add stakeholder classes that members can then join', async () => {
      const admin = await t.admin();
      const created = await t.ok(
        `mutation { createStakeholderClass(input: { code: "PRODUCER", name: "Producers" }) { code name } }`,
        {},
        admin.token,
      );
      expect(created.createStakeholderClass).toEqual({ code: 'PRODUCER', name: 'Producers' });
      const { stakeholderClasses } = await t.ok('{ stakeholderClasses { code } }');
      expect(stakeholderClasses.map((c: { code: string }) => c.code)).toEqual(['CONSUMER', 'PRODUCER', 'SUPPORTER', 'WORKER']);
      const again = await t.gql(
        `mutation { createStakeholderClass(input: { code: "PRODUCER", name: "Again" }) { code } }`,
        {},
        admin.token,
      );
      expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
      const joined = await register('producer@example.org', { stakeholderClass: 'PRODUCER' });
      expect(joined.data?.register.member.stakeholderClass).toBe('PRODUCER');
    });
  });

  describe('reading the register', () => {
    it('shows emails only to the member themself, admins and auditors', async () => {
      const admin = await t.admin();
      const subject = await t.member();
      const peer = await t.member();
      const auditor = await t.member({ roles: ['MEMBER', 'AUDITOR'] as never });
      const read = async (token: string) =>
        (await t.ok(`query($id: ID!) { member(id: $id) { email } }`, { id: subject.id }, token)).member.email;
      expect(await read(subject.token)).toBe(subject.email);
      expect(await read(admin.token)).toBe(subject.email);
      expect(await read(auditor.token)).toBe(subject.email);
      expect(await read(peer.token)).toBeNull();
    });

    it('pages through members with cursors and a total count', async () => {
      const admin = await t.admin();
      for (let i = 0; i < 5; i += 1) await t.member({ status: 'SUSPENDED' as never });
      const { rows } = await t.sql.query(`SELECT id FROM members WHERE status = 'SUSPENDED' ORDER BY created_at, id`);
      const page = `query($after: String) { members(status: SUSPENDED, first: 2, after: $after) { totalCount edges { cursor node { id status } } pageInfo { hasNextPage endCursor } } }`;
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const { members }: { members: any } = await t.ok(page, { after }, admin.token);
        expect(members.totalCount).toBe(rows.length);
        seen.push(...members.edges.map((edge: { node: { id: string } }) => edge.node.id));
        after = members.pageInfo.hasNextPage ? members.pageInfo.endCursor : null;
        pages += 1;
      } while (after);
      expect(pages).toBe(Math.ceil(rows.length / 2));
      expect(seen).toEqual(rows.map((row: { id: string }) => row.id));

      const tooMany = await t.gql('{ members(first: 101) { totalCount } }', {}, admin.token);
      expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      const badCursor = await t.gql('{ members(after: "garbage") { totalCount } }', {}, admin.token);
      expect(badCursor.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    });

    it('returns null for a member that does not exist', async () => {
      const admin = await t.admin();
      const { member } = await t.ok(`{ member(id: "00000000-0000-4000-8000-000000000000") { id } }`, {}, admin.token);
      expect(member).toBeNull();
    });
  });
});
