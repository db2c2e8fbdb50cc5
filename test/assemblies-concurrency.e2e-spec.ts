import { TestApp, type TestMember } from '@commons/testing';
import { checkIn, CLOSE_ASSEMBLY, convene, draft, GRANT, OPEN_ASSEMBLY } from './assembly-helpers.js';
import { VOTE } from './voting-helpers.js';

describe('assemblies under concurrency, and proxies that end after use', () => {
  let t: TestApp;
  let admin: TestMember;

  beforeAll(async () => {
    t = await TestApp.start({ DATABASE_POOL_SIZE: '30' });
    admin = await t.admin();
    await t.foundBylaws({ noticeDays: 0, maxProxiesPerMember: 3, minVotingHours: 0 });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('never lets 20 grants at once to one holder pass the cap', async () => {
    const holder = await t.member();
    const grantors: TestMember[] = [];
    for (let i = 0; i < 20; i += 1) grantors.push(await t.member());
    const { id } = await convene(t, admin, [{ title: 'Any other business' }]);
    const responses = await Promise.all(grantors.map((grantor) => t.gql(GRANT, { a: id, h: holder.id }, grantor.token)));
    const granted = responses.filter((response) => !response.errors);
    const refused = responses.filter((response) => response.errors);
    expect(granted).toHaveLength(3);
    expect(refused).toHaveLength(17);
    expect(refused.every((response) => response.errors?.[0].extensions?.code === 'CONFLICT')).toBe(true);
    const { rows } = await t.sql.query(
      'SELECT count(*)::int AS live FROM assembly_proxies WHERE assembly_id = $1 AND holder_id = $2 AND ended_at IS NULL',
      [id, holder.id],
    );
    expect(rows[0].live).toBe(3);
    const { rows: audited } = await t.sql.query(
      `SELECT count(*)::int AS n FROM audit_entries WHERE action = 'assembly.proxy_granted' AND entity_id = $1`,
      [id],
    );
    expect(audited[0].n).toBe(3);
  });

  it('keeps a secret vote cast by proxy when its grantor checks in later, and gives an open one back', async () => {
    const holder = await t.member();
    const grantor = await t.member();
    const open = await draft(t, admin, { title: 'Open', method: 'MAJORITY' });
    const secret = await draft(t, admin, { title: 'Secret', method: 'MAJORITY', secret: true });
    const { id } = await convene(t, admin, [
      { title: 'Open', proposalId: open.id },
      { title: 'Secret', proposalId: secret.id },
    ]);
    await t.ok(GRANT, { a: id, h: holder.id }, grantor.token);
    await t.ok(OPEN_ASSEMBLY, { id }, admin.token);
    await checkIn(t, id, holder);
    const cast = (member: TestMember, proposal: typeof open, label: string) =>
      t.gql(VOTE, { input: { proposalId: proposal.id, optionIds: [proposal.options[label]] } }, member.token);
    expect((await cast(holder, open, 'FOR')).errors).toBeUndefined();
    expect((await cast(holder, secret, 'FOR')).errors).toBeUndefined();
    // The grantor comes after all: their proxy lapses.
    await checkIn(t, id, grantor);
    // On the secret ballot their vote is in the holder's sealed ballot already: it cannot be cast twice.
    expect((await cast(grantor, secret, 'AGAINST')).errors?.[0].extensions?.code).toBe('CONFLICT');
    // On the open ballot it comes back to them.
    expect((await cast(grantor, open, 'AGAINST')).errors).toBeUndefined();
    await t.ok(CLOSE_ASSEMBLY, { id }, admin.token);
    const tally = async (proposalId: string) =>
      (
        await t.ok(
          `query($id: ID!) { proposal(id: $id) { tally { participants results { option { label } votes } } } }`,
          { id: proposalId },
          admin.token,
        )
      ).proposal.tally;
    const byLabel = (results: Array<{ option: { label: string }; votes: number }>) =>
      Object.fromEntries(results.map((result) => [result.option.label, result.votes]));
    const openTally = await tally(open.id);
    expect(openTally.participants).toBe(2);
    expect(byLabel(openTally.results)).toMatchObject({ FOR: 1, AGAINST: 1 });
    const secretTally = await tally(secret.id);
    expect(secretTally.participants).toBe(2);
    expect(byLabel(secretTally.results)).toMatchObject({ FOR: 2, AGAINST: 0 });
  });
});
