import { TestApp, type TestMember } from '@commons/testing';

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { token member { id status } } }`;
const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`;
const ADD = `mutation($input: AddMembersInput!) {
  addMembers(input: $input) { added invitations { token expiresAt member { id name email status stakeholderClass joinedAt } } }
}`;
const ACCEPT = `mutation($token: String!, $password: String!) { acceptInvitation(token: $token, password: $password) { token member { id } } }`;

let counter = 0;
const applicant = () => ({ name: 'Ada', email: `ada${++counter}-${Date.now()}@coop.test`, password: 'analytical engine' });

async function memberCount(t: TestApp): Promise<number> {
  return (await t.sql.query('SELECT count(*)::int AS n FROM members')).rows[0].n;
}

// Anonymous calls that cost real work (password hashing) are limited per address and in all, counted
// before the work is done, so a burst cannot slip under the limit; admins bring the existing register
// in bulk instead, unlimited.
describe('admission limits', () => {
  describe('registration', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await TestApp.start({ REGISTER_LIMIT: '3/1h', REGISTER_LIMIT_TOTAL: '1000/1h' });
    });
    afterAll(async () => {
      await t.stop();
    });

    it('lets one address register REGISTER_LIMIT times, then refuses with TOO_MANY_REQUESTS and retryAfter, creating no one', async () => {
      for (let i = 0; i < 3; i += 1) expect((await t.gql(REGISTER, { input: applicant() })).errors).toBeUndefined();
      const before = await memberCount(t);
      const refused = await t.gql(REGISTER, { input: applicant() });
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS', retryAfter: expect.any(Number) });
      expect(refused.errors?.[0].extensions?.retryAfter as number).toBeGreaterThan(3000);
      expect(refused.errors?.[0].message).toMatch(/Too many registrations/);
      expect(await memberCount(t)).toBe(before);
    });
  });

  describe('registration in all', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await TestApp.start({ REGISTER_LIMIT: '100/1h', REGISTER_LIMIT_TOTAL: '4/1h' });
    });
    afterAll(async () => {
      await t.stop();
    });

    it('admits exactly REGISTER_LIMIT_TOTAL of 20 concurrent registrations', async () => {
      const before = await memberCount(t);
      const answers = await Promise.all(Array.from({ length: 20 }, () => t.gql(REGISTER, { input: applicant() })));
      const codes = answers.map((answer) => answer.errors?.[0].extensions?.code ?? 'OK');
      expect(codes.filter((code) => code === 'OK')).toHaveLength(4);
      expect(codes.filter((code) => code === 'TOO_MANY_REQUESTS')).toHaveLength(16);
      expect(await memberCount(t)).toBe(before + 4);
    });
  });

  describe('sign-in', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await TestApp.start({ LOGIN_LIMIT_ADDRESS: '8/15m' });
    });
    afterAll(async () => {
      await t.stop();
    });

    it('lets exactly five of 20 parallel guesses at one account be checked; the rest wait', async () => {
      const { register } = await t.ok(REGISTER, { input: { ...applicant(), email: 'raced@coop.test' } });
      expect(register.member.status).toBe('APPLICANT');
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => t.gql(LOGIN, { email: 'raced@coop.test', password: `guess number ${i}` })),
      );
      const codes = answers.map((answer) => answer.errors?.[0].extensions?.code);
      expect(codes.filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(5);
      expect(codes.filter((code) => code === 'TOO_MANY_REQUESTS')).toHaveLength(15);
      // Even the right password waits now.
      const right = await t.gql(LOGIN, { email: 'raced@coop.test', password: 'analytical engine' });
      expect(right.errors?.[0].extensions?.code).toBe('TOO_MANY_REQUESTS');
    });

    it('does not count successful sign-ins against the address', async () => {
      // This address has 8 attempts per window and the five guesses above used five; ten right passwords
      // still pass, and a wrong one after them is still checked.
      await t.ok(REGISTER, { input: { ...applicant(), email: 'often@coop.test' } });
      for (let i = 0; i < 10; i += 1)
        expect((await t.gql(LOGIN, { email: 'often@coop.test', password: 'analytical engine' })).errors).toBeUndefined();
      const wrong = await t.gql(LOGIN, { email: 'often@coop.test', password: 'not the password' });
      expect(wrong.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('adding the existing register', () => {
    let t: TestApp;
    let admin: TestMember;
    beforeAll(async () => {
      t = await TestApp.start({ REGISTER_LIMIT: '1/1h', REGISTER_LIMIT_TOTAL: '1/1h' });
      admin = await t.admin();
    });
    afterAll(async () => {
      await t.stop();
    });

    it('adds ACTIVE members with their class and joining date, each with an invitation to set a password once', async () => {
      const { addMembers } = await t.ok(
        ADD,
        {
          input: {
            members: [
              { name: 'Grace Hopper', email: 'Grace@Coop.test', stakeholderClass: 'CONSUMER', joinedAt: '2019-03-01T00:00:00.000Z' },
              { name: 'Alan Turing', email: 'alan@coop.test' },
            ],
          },
        },
        admin.token,
      );
      expect(addMembers.added).toBe(2);
      const [grace, alan] = addMembers.invitations;
      expect(grace.member).toMatchObject({
        name: 'Grace Hopper',
        email: 'grace@coop.test',
        status: 'ACTIVE',
        stakeholderClass: 'CONSUMER',
      });
      expect(grace.member.joinedAt).toBe('2019-03-01T00:00:00.000Z');
      expect(alan.member).toMatchObject({ stakeholderClass: 'WORKER', status: 'ACTIVE' });
      expect(new Date(grace.expiresAt).getTime()).toBeGreaterThan(Date.now() + 13 * 86_400_000);

      // Nobody can sign in as them until they set a password, and an invitation is not a bearer token.
      expect((await t.gql(LOGIN, { email: 'grace@coop.test', password: 'anything at all' })).errors?.[0].extensions?.code).toBe(
        'UNAUTHENTICATED',
      );
      expect((await t.gql(`{ me { id } }`, {}, grace.token)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

      const { acceptInvitation } = await t.ok(ACCEPT, { token: grace.token, password: 'compiler pioneer' });
      expect(acceptInvitation.member.id).toBe(grace.member.id);
      expect((await t.ok(`{ me { email } }`, {}, acceptInvitation.token)).me.email).toBe('grace@coop.test');
      expect((await t.gql(LOGIN, { email: 'grace@coop.test', password: 'compiler pioneer' })).errors).toBeUndefined();
      // Once only.
      expect((await t.gql(ACCEPT, { token: grace.token, password: 'another password' })).errors?.[0].extensions?.code).toBe('CONFLICT');
      expect((await t.gql(ACCEPT, { token: 'not.a.token', password: 'another password' })).errors?.[0].extensions?.code).toBe(
        'UNAUTHENTICATED',
      );

      const audit = await t.sql.query(`SELECT data FROM audit_entries WHERE action = 'members.added'`);
      expect(audit.rows).toHaveLength(1);
      expect(audit.rows[0].data).toEqual({ count: 2, memberIds: [grace.member.id, alan.member.id] });
    });

    it('refuses the whole list when one line is wrong, naming it, and adds no one', async () => {
      const before = await t.snapshot();
      const twice = await t.gql(
        ADD,
        {
          input: {
            members: [
              { name: 'A', email: 'a@coop.test' },
              { name: 'B', email: 'b@coop.test' },
              { name: 'A2', email: 'A@coop.test' },
            ],
          },
        },
        admin.token,
      );
      expect(twice.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'members.2.email' });
      const existing = await t.gql(
        ADD,
        {
          input: {
            members: [
              { name: 'New', email: 'new@coop.test' },
              { name: 'Grace again', email: 'grace@coop.test' },
            ],
          },
        },
        admin.token,
      );
      expect(existing.errors?.[0].extensions?.code).toBe('CONFLICT');
      expect(existing.errors?.[0].message).toMatch(/grace@coop\.test \(member 1\)/);
      const unknownClass = await t.gql(
        ADD,
        {
          input: {
            members: [
              { name: 'New', email: 'new@coop.test' },
              { name: 'Odd', email: 'odd@coop.test', stakeholderClass: 'PIRATE' },
            ],
          },
        },
        admin.token,
      );
      expect(unknownClass.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'members.1.stakeholderClass' });
      const badEmail = await t.gql(ADD, { input: { members: [{ name: 'New', email: 'not an email' }] } }, admin.token);
      expect(badEmail.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'members.0.email' });
      expect(await t.snapshot()).toEqual(before);
    });

    it('is for admins only', async () => {
      const member = await t.member();
      const refused = await t.gql(ADD, { input: { members: [{ name: 'X', email: 'x@coop.test' }] } }, member.token);
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const anonymous = await t.gql(ADD, { input: { members: [{ name: 'X', email: 'x@coop.test' }] } });
      expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('takes at most 1,500 a call, so that its whole answer (an invitation each) fits in the complexity limit', async () => {
      const before = await t.snapshot();
      const members = Array.from({ length: 1501 }, (_, i) => ({ name: `Member ${i}`, email: `over${i}@coop.test` }));
      const refused = await t.gql(ADD, { input: { members } }, admin.token);
      expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(refused.errors?.[0].message).toMatch(/1500/);
      expect(await t.snapshot()).toEqual(before);
    });

    it('is not slowed by the registration limits: 1,500 members in one call', async () => {
      const members = Array.from({ length: 1500 }, (_, i) => ({ name: `Member ${i}`, email: `bulk${i}@coop.test` }));
      const { addMembers } = await t.ok(ADD, { input: { members } }, admin.token);
      expect(addMembers.added).toBe(1500);
      expect(addMembers.invitations.map((invitation: { member: { email: string } }) => invitation.member.email)).toEqual(
        members.map((member) => member.email),
      );
      const active = await t.sql.query(`SELECT count(*)::int AS n FROM members WHERE email LIKE 'bulk%' AND status = 'ACTIVE'`);
      expect(active.rows[0].n).toBe(1500);
    });

    it('gives a member who lost their invitation a new one, and none to a member with a password', async () => {
      const { addMembers } = await t.ok(ADD, { input: { members: [{ name: 'Lost', email: 'lost@coop.test' }] } }, admin.token);
      const id = addMembers.invitations[0].member.id;
      const { inviteMember } = await t.ok(`mutation($id: ID!) { inviteMember(memberId: $id) { token } }`, { id }, admin.token);
      expect((await t.gql(ACCEPT, { token: inviteMember.token, password: 'found it again' })).errors).toBeUndefined();
      const again = await t.gql(`mutation($id: ID!) { inviteMember(memberId: $id) { token } }`, { id }, admin.token);
      expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
    });
  });
});
