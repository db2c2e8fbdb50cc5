import { createHash } from 'node:crypto';
import { TestApp, type TestMember } from '@commons/testing';
import {
  CANCEL_ASSEMBLY,
  CHECK_IN,
  CLOSE_ASSEMBLY,
  checkIn,
  CONVENE,
  convene,
  draft,
  GRANT,
  OPEN_ASSEMBLY,
  READ_ASSEMBLY,
  REVOKE,
} from './assembly-helpers.js';
import { VOTE } from './voting-helpers.js';

const READ_PROPOSAL = `query($id: ID!) { proposal(id: $id) { status outcome winners { label } tally { eligible participants quorumReached results { option { label } votes } } } }`;

describe('general assemblies', () => {
  let t: TestApp;
  let admin: TestMember;
  /** holder holds the proxies of absent1 and absent2; voter votes for themself; late gives a proxy, then checks in. */
  let holder: TestMember, voter: TestMember, absent1: TestMember, absent2: TestMember, late: TestMember, away: TestMember;
  let applicant: TestMember;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.admin();
    [holder, voter, absent1, absent2, late, away] = [
      await t.member(),
      await t.member(),
      await t.member(),
      await t.member(),
      await t.member(),
      await t.member(),
    ];
    applicant = await t.member({ status: 'APPLICANT' as never });
  });
  afterAll(async () => {
    await t.stop();
  });

  async function refused(query: string, variables: Record<string, unknown>, token: string | undefined, code: string, field?: string) {
    const before = await t.snapshot();
    const response = await t.gql(query, variables, token);
    expect(response.errors?.[0].extensions?.code).toBe(code);
    if (field) expect(response.errors?.[0].extensions?.field).toBe(field);
    expect(await t.snapshot()).toEqual(before);
    return response;
  }

  function vote(member: TestMember, proposal: { id: string; options: Record<string, string> }, labels: string[], scores?: number[]) {
    return t.gql(
      VOTE,
      { input: { proposalId: proposal.id, optionIds: labels.map((label) => proposal.options[label]), scores } },
      member.token,
    );
  }

  it("convenes only with the bylaws' notice, audited as the event that notifies every ACTIVE member", async () => {
    const item = await draft(t, voter, { title: 'Accounts', method: 'MAJORITY' });
    const input = (startsAt: Date, agenda: unknown[] = [{ title: 'Accounts', proposalId: item.id }]) => ({
      input: { title: 'AGM', kind: 'ANNUAL', startsAt: startsAt.toISOString(), location: 'Hall', agenda },
    });
    const inTenDays = new Date(Date.now() + 10 * 86_400_000);
    await refused(CONVENE, input(inTenDays), admin.token, 'BAD_USER_INPUT', 'startsAt');
    await refused(CONVENE, input(new Date(Date.now() + 15 * 86_400_000)), voter.token, 'FORBIDDEN');
    await refused(CONVENE, input(new Date(Date.now() + 15 * 86_400_000), []), admin.token, 'BAD_USER_INPUT', 'agenda');
    const { conveneAssembly } = await t.ok(CONVENE, input(new Date(Date.now() + 15 * 86_400_000)), admin.token);
    expect(conveneAssembly).toMatchObject({ status: 'CONVENED', roll: 7, present: 0, represented: 0, quorumReached: false });
    expect(conveneAssembly.agenda).toEqual([{ position: 1, title: 'Accounts', proposal: { id: item.id, status: 'DRAFT' } }]);
    // On the agenda, the draft is the members' to read, and it opens with the sitting only.
    expect((await t.ok(`query($id: ID!) { proposal(id: $id) { id } }`, { id: item.id }, away.token)).proposal).toEqual({ id: item.id });
    await refused(`mutation($id: ID!) { openProposal(id: $id) { id } }`, { id: item.id }, voter.token, 'CONFLICT');
    await refused(CONVENE, input(new Date(Date.now() + 20 * 86_400_000)), admin.token, 'CONFLICT');
    const { auditLog } = await t.ok(`{ auditLog(action: "assembly.convened") { edges { node { entityId data } } } }`, {}, admin.token);
    expect(auditLog.edges[0].node).toMatchObject({
      entityId: conveneAssembly.id,
      data: {
        title: 'AGM',
        location: 'Hall',
        startsAt: conveneAssembly.startsAt,
        agenda: [{ position: 1, title: 'Accounts', proposalId: item.id }],
        notify: 'ACTIVE',
        notified: 7,
      },
    });
    // Cancelled before it opens, the proposal is free to be opened on its own.
    expect((await t.ok(CANCEL_ASSEMBLY, { id: conveneAssembly.id, reason: 'Date moved' }, admin.token)).cancelAssembly.status).toBe(
      'CANCELLED',
    );
    await t.ok(`mutation($id: ID!) { openProposal(id: $id) { id } }`, { id: item.id }, voter.token);
    await refused(CANCEL_ASSEMBLY, { id: conveneAssembly.id, reason: 'again' }, admin.token, 'CONFLICT');
    // From here on, sittings may start at once, and members may hold two proxies.
    await t.foundBylaws({ noticeDays: 0, maxProxiesPerMember: 2 });
  });

  it('holds proxies to their rules: ACTIVE holders, no self, no chains, the cap, replace and revoke', async () => {
    const { id } = await convene(t, admin, [{ title: 'Any other business' }], new Date(Date.now() + 3_600_000).toISOString());
    await refused(GRANT, { a: id, h: absent1.id }, absent1.token, 'CONFLICT');
    await refused(GRANT, { a: id, h: applicant.id }, absent1.token, 'CONFLICT');
    await refused(GRANT, { a: id, h: absent2.id }, applicant.token, 'FORBIDDEN');
    await t.ok(GRANT, { a: id, h: holder.id }, absent1.token);
    await t.ok(GRANT, { a: id, h: holder.id }, absent2.token);
    // At the cap (2), a third is CONFLICT.
    expect((await refused(GRANT, { a: id, h: holder.id }, late.token, 'CONFLICT')).errors?.[0].message).toContain('maxProxiesPerMember');
    // No chains: a holder cannot give theirs, and nobody can give theirs to a member who gave theirs.
    await refused(GRANT, { a: id, h: voter.id }, holder.token, 'CONFLICT');
    await refused(GRANT, { a: id, h: absent1.id }, late.token, 'CONFLICT');
    // Granting again replaces; revoking ends it.
    await t.ok(GRANT, { a: id, h: voter.id }, late.token);
    await t.ok(GRANT, { a: id, h: away.id }, late.token);
    const seen = async (member: TestMember) =>
      (await t.ok(READ_ASSEMBLY, { id }, member.token)).assembly.proxies.map(
        (proxy: { grantor: { id: string }; holder: { id: string } }) => [proxy.grantor.id, proxy.holder.id],
      );
    expect(await seen(late)).toEqual([[late.id, away.id]]);
    expect(await seen(voter)).toEqual([]);
    expect((await seen(admin)).length).toBe(3);
    expect((await t.ok(REVOKE, { a: id }, late.token)).revokeProxy).toBe(true);
    await refused(REVOKE, { a: id }, late.token, 'CONFLICT');
    expect(await seen(away)).toEqual([]);
    await t.ok(CANCEL_ASSEMBLY, { id, reason: 'test over' }, admin.token);
    await refused(GRANT, { a: id, h: holder.id }, late.token, 'CONFLICT');
  });

  it('sits with quorum: only members checked in vote, each for themself and the proxies they hold, in every method', async () => {
    const majority = await draft(t, admin, { title: 'Accounts', method: 'MAJORITY' });
    const supermajority = await draft(t, admin, { title: 'Statutes', method: 'SUPERMAJORITY' });
    const consent = await draft(t, admin, { title: 'Policy', method: 'CONSENT' });
    const approval = await draft(t, admin, { title: 'Board', method: 'APPROVAL', options: ['Ana', 'Ben', 'Cy'], seats: 1 });
    const ranked = await draft(t, admin, { title: 'Name', method: 'RANKED_CHOICE', options: ['Ana', 'Ben', 'Cy'] });
    const schulze = await draft(t, admin, { title: 'Logo', method: 'SCHULZE', options: ['Ana', 'Ben', 'Cy'] });
    const score = await draft(t, admin, { title: 'Venue', method: 'SCORE', options: ['Ana', 'Ben'] });
    const secret = await draft(t, admin, { title: 'Secret', method: 'MAJORITY', secret: true });
    const items = [majority, supermajority, consent, approval, ranked, schulze, score, secret];
    const { id } = await convene(t, admin, [
      { title: 'Welcome' },
      ...items.map((item, index) => ({ title: `Item ${index + 1}`, proposalId: item.id })),
    ]);
    await t.ok(GRANT, { a: id, h: holder.id }, absent1.token);
    await refused(CHECK_IN, { a: id, m: voter.id, mode: 'REMOTE' }, voter.token, 'CONFLICT');
    const { openAssembly } = await t.ok(OPEN_ASSEMBLY, { id }, admin.token);
    expect(openAssembly).toMatchObject({ status: 'IN_SESSION', roll: 7, present: 0, represented: 0, quorumReached: false });
    expect(openAssembly.agenda.slice(1).every((item: { proposal: { status: string } }) => item.proposal.status === 'OPEN')).toBe(true);
    // A proxy can still be given during the sitting, until the grantor checks in.
    await t.ok(GRANT, { a: id, h: holder.id }, absent2.token);
    await t.ok(GRANT, { a: id, h: voter.id }, late.token);
    // Nobody votes before checking in; someone else's remote check-in is refused; the admin checks in at the door.
    expect((await vote(holder, majority, ['FOR'])).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    await refused(CHECK_IN, { a: id, m: holder.id, mode: 'REMOTE' }, voter.token, 'FORBIDDEN');
    await refused(CHECK_IN, { a: id, m: holder.id, mode: 'IN_PERSON' }, voter.token, 'FORBIDDEN');
    await t.ok(CHECK_IN, { a: id, m: holder.id, mode: 'IN_PERSON' }, admin.token);
    await refused(CHECK_IN, { a: id, m: holder.id, mode: 'IN_PERSON' }, admin.token, 'CONFLICT');
    await checkIn(t, id, voter);
    // late checks in: their proxy (held by voter) lapses and they vote for themself.
    await refused(GRANT, { a: id, h: voter.id }, holder.token, 'CONFLICT');
    const { checkIn: afterLate } = await checkIn(t, id, late);
    expect(afterLate).toMatchObject({ present: 3, represented: 2 });
    await refused(GRANT, { a: id, h: holder.id }, late.token, 'CONFLICT');
    // The absent grantor cannot vote: the holder votes for them.
    expect((await vote(absent1, majority, ['FOR'])).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const votes: Array<[TestMember, typeof majority, string[], number[]?]> = [
      [holder, majority, ['FOR']],
      [voter, majority, ['AGAINST']],
      [late, majority, ['AGAINST']],
      [holder, supermajority, ['FOR']],
      [voter, supermajority, ['AGAINST']],
      [holder, consent, ['CONSENT']],
      [voter, consent, ['STAND_ASIDE']],
      [holder, approval, ['Ana']],
      [voter, approval, ['Ben', 'Cy']],
      [holder, ranked, ['Ben', 'Ana']],
      [voter, ranked, ['Ana', 'Cy']],
      [late, ranked, ['Cy', 'Ana']],
      [holder, schulze, ['Cy', 'Ben', 'Ana']],
      [voter, schulze, ['Ana', 'Ben', 'Cy']],
      [holder, score, ['Ana', 'Ben'], [5, 0]],
      [voter, score, ['Ana', 'Ben'], [0, 5]],
      [holder, secret, ['FOR']],
      [voter, secret, ['AGAINST']],
    ];
    for (const [member, proposal, labels, scores] of votes) {
      const response = await vote(member, proposal, labels, scores);
      expect(response.errors).toBeUndefined();
    }
    const live = (await t.ok(READ_PROPOSAL, { id: majority.id }, voter.token)).proposal.tally;
    expect(live).toMatchObject({ eligible: 7, participants: 5 });

    const { closeAssembly } = await t.ok(CLOSE_ASSEMBLY, { id }, admin.token);
    expect(closeAssembly).toMatchObject({ status: 'CLOSED', roll: 7, present: 3, represented: 2, quorumReached: true });
    const result = async (proposal: { id: string }) => {
      const read = (await t.ok(READ_PROPOSAL, { id: proposal.id }, voter.token)).proposal;
      return {
        outcome: read.outcome,
        winners: read.winners?.map((winner: { label: string }) => winner.label) ?? null,
        participants: read.tally.participants,
        votes: Object.fromEntries(
          read.tally.results.map((entry: { option: { label: string }; votes: number }) => [entry.option.label, entry.votes]),
        ),
      };
    };
    // The holder's ballot weighs 3 (themself + 2 proxies) everywhere.
    expect(await result(majority)).toMatchObject({ outcome: 'PASSED', participants: 5, votes: { FOR: 3, AGAINST: 2, ABSTAIN: 0 } });
    expect(await result(supermajority)).toMatchObject({ outcome: 'PASSED', participants: 4, votes: { FOR: 3, AGAINST: 1 } });
    expect(await result(consent)).toMatchObject({ outcome: 'PASSED', votes: { CONSENT: 3, STAND_ASIDE: 1, OBJECT: 0 } });
    expect(await result(approval)).toMatchObject({ winners: ['Ana'], votes: { Ana: 3, Ben: 1, Cy: 1 } });
    // First preferences Ben 3, Ana 1, Cy 1: Ben has a majority of 5.
    expect(await result(ranked)).toMatchObject({ winners: ['Ben'], votes: { Ben: 3, Ana: 1, Cy: 1 } });
    // 3 rank Cy > Ben > Ana, 1 ranks Ana > Ben > Cy: Cy wins.
    expect((await result(schulze)).winners).toEqual(['Cy']);
    expect(await result(score)).toMatchObject({ winners: ['Ana'], votes: { Ana: 15, Ben: 5 } });
    // Secret: the weight travelled in the sealed ballot.
    expect(await result(secret)).toMatchObject({ outcome: 'PASSED', participants: 4, votes: { FOR: 3, AGAINST: 1 } });

    // The minutes: the same text and hash over GraphQL, the download, and the close's audit entry.
    const { text, hash } = closeAssembly.minutes;
    expect(createHash('sha256').update(text, 'utf8').digest('hex')).toBe(hash);
    expect(text).toContain('- Roll: 7 (members ACTIVE when the sitting opened)');
    expect(text).toContain('- Present: 3');
    expect(text).toContain('- Represented: 2');
    expect(text).toContain('- Quorum: reached, 5 present or represented; the bylaws require 0.25 of the roll (1.75)');
    expect(text).toContain('### 1. Welcome\n\nNo vote on this item.');
    expect(text).toContain(
      '- Method: MAJORITY, threshold 0.5, open ballot\n- Participants: 5 of 7 on the roll (present and represented)\n- Counts: FOR 3, AGAINST 2, ABSTAIN 0\n- Outcome: PASSED',
    );
    expect(text).toContain('- Counts: Ana 3, Ben 1, Cy 1\n- Outcome: PASSED\n- Winners: Ana');
    const { auditLog } = await t.ok(
      `query($id: ID!) { auditLog(entityId: $id, action: "assembly.closed") { edges { node { data } } } }`,
      { id },
      admin.token,
    );
    expect(auditLog.edges[0].node.data).toMatchObject({ minutesSha256: hash, roll: 7, present: 3, represented: 2, quorumReached: true });
    const download = await fetch(`${t.baseUrl}/assemblies/${id}/minutes.md`, { headers: { authorization: `Bearer ${away.token}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(hash);
    expect((await fetch(`${t.baseUrl}/assemblies/${id}/minutes.md`)).status).toBe(401);
    expect(
      (await fetch(`${t.baseUrl}/assemblies/${id}/minutes.md`, { headers: { authorization: `Bearer ${applicant.token}` } })).status,
    ).toBe(403);
    // A closed sitting takes no more check-ins or proxies.
    await refused(CHECK_IN, { a: id, m: away.id, mode: 'REMOTE' }, away.token, 'CONFLICT');
    await refused(GRANT, { a: id, h: holder.id }, away.token, 'CONFLICT');
  });

  it('closes the agenda of a sitting without quorum as NO_QUORUM, and its minutes say so', async () => {
    const item = await draft(t, admin, { title: 'Merger', method: 'MAJORITY' });
    const { id } = await convene(t, admin, [{ title: 'Merger', proposalId: item.id }]);
    await t.sql.query(`UPDATE assemblies SET starts_at = now() + interval '1 hour' WHERE id = $1`, [id]);
    await refused(OPEN_ASSEMBLY, { id }, admin.token, 'CONFLICT');
    await t.sql.query(`UPDATE assemblies SET starts_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    await t.ok(OPEN_ASSEMBLY, { id }, admin.token);
    await refused(CANCEL_ASSEMBLY, { id, reason: 'too late' }, admin.token, 'CONFLICT');
    // The proposal closes with the sitting, not by hand.
    await refused(`mutation($id: ID!) { closeProposal(id: $id) { id } }`, { id: item.id }, admin.token, 'CONFLICT');
    await checkIn(t, id, voter);
    expect((await vote(voter, item, ['FOR'])).errors).toBeUndefined();
    const { closeAssembly } = await t.ok(CLOSE_ASSEMBLY, { id }, admin.token);
    expect(closeAssembly).toMatchObject({ present: 1, represented: 0, quorumReached: false });
    expect((await t.ok(READ_PROPOSAL, { id: item.id }, voter.token)).proposal).toMatchObject({ status: 'CLOSED', outcome: 'NO_QUORUM' });
    expect(closeAssembly.minutes.text).toContain('- Quorum: not reached, 1 present or represented');
    expect(closeAssembly.minutes.text).toContain('- Outcome: NO_QUORUM');
    await refused(CLOSE_ASSEMBLY, { id }, admin.token, 'CONFLICT');
  });
});
