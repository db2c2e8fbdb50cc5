import { MemberStatus } from '@commons/auth';
import { TestApp, type TestMember } from '@commons/testing';
import { ACCEPT, ADD, DECLINE, inDiscussion, PROPOSE_AMENDMENT, PUBLISH, PUT_TO_VOTE } from './deliberation-helpers.js';
import { convene, OPEN_ASSEMBLY } from './assembly-helpers.js';
import { MailReceiver, type ReceivedMail } from './mail-receiver.js';
import { inbox, type InboxItem, SET_PREFERENCES, settle } from './notification-helpers.js';
import { CLOSE, CREATE, members, OPEN, VOTE } from './voting-helpers.js';

const PUBLIC_URL = 'https://coop.example';
const SUSPEND = `mutation($id: ID!) { suspendMember(memberId: $id, reason: "Away") { id } }`;
const OPTIONS = `query($id: ID!) { proposal(id: $id) { id options { id label } } }`;

describe("the deliberation's notifications, in the inbox and over a real SMTP server", () => {
  let smtp: MailReceiver;
  let t: TestApp;
  let admin: TestMember;

  beforeAll(async () => {
    smtp = await MailReceiver.start();
    t = await TestApp.start({ PUBLIC_URL, MAIL_FROM: 'Our Co-op <hello@coop.example>', SMTP_URL: smtp.url });
    await t.foundBylaws({ minVotingHours: 0, noticeDays: 0 });
    admin = await t.admin();
  });
  afterAll(async () => {
    await t?.stop();
    await smtp?.stop();
  });

  /** The member's notifications of `kind` about the proposal, newest first. */
  const about = async (member: TestMember, kind: string, proposalId: string): Promise<InboxItem[]> =>
    (await inbox(t, member)).filter((item) => item.kind === kind && item.link === `${PUBLIC_URL}/proposals/${proposalId}`);
  /** The emails the member got whose subject starts so. */
  const mailed = async (member: TestMember, subject: string): Promise<ReceivedMail[]> => {
    await settle(t);
    return smtp.to(member.email).filter((mail) => mail.subject.startsWith(subject));
  };
  const reply = async (member: TestMember, proposalId: string, parentId: string | null, body = 'I agree.') =>
    (await t.ok(ADD, { p: proposalId, body, parent: parentId }, member.token)).addComment.id as string;

  it('tells every ACTIVE member but its author that a proposal is up for discussion, by email unless muted', async () => {
    const author = await t.member({ name: 'Ada Author' });
    const [reader, muting] = await members(t, 2);
    const applicant = await t.member({ status: MemberStatus.APPLICANT });
    const suspended = await t.member({ status: MemberStatus.SUSPENDED });
    await t.ok(SET_PREFERENCES, { input: { muted: ['PROPOSAL_PUBLISHED'] } }, muting.token);
    const { createProposal } = await t.ok(
      CREATE,
      { input: { title: 'A shared kitchen', body: 'Let us share it.', method: 'MAJORITY' } },
      author.token,
    );
    // A DRAFT tells no one.
    expect(await about(reader, 'PROPOSAL_PUBLISHED', createProposal.id)).toEqual([]);
    await t.ok(PUBLISH, { id: createProposal.id }, author.token);

    const [notice] = await about(reader, 'PROPOSAL_PUBLISHED', createProposal.id);
    expect(notice).toMatchObject({
      subject: 'Up for discussion: A shared kitchen',
      body: 'Ada Author put "A shared kitchen" up for discussion. Read it, comment and propose amendments before it opens for its vote.',
    });
    const [mail] = await mailed(reader, 'Up for discussion: A shared kitchen');
    expect(mail.text).toContain(`Open: ${PUBLIC_URL}/proposals/${createProposal.id}`);
    expect(mail.text).toMatch(
      new RegExp(`Stop emails about proposals up for discussion: ${PUBLIC_URL}/notifications/unsubscribe\\?token=\\S+`),
    );

    expect(await about(muting, 'PROPOSAL_PUBLISHED', createProposal.id)).toHaveLength(1);
    expect(await mailed(muting, 'Up for discussion')).toEqual([]);
    for (const member of [author, applicant, suspended]) {
      expect(await about(member, 'PROPOSAL_PUBLISHED', createProposal.id)).toEqual([]);
      expect(await mailed(member, 'Up for discussion')).toEqual([]);
    }
    const { rows } = await t.sql.query(
      `SELECT count(*)::int AS n FROM notifications WHERE kind = 'PROPOSAL_PUBLISHED' AND link LIKE '%' || $1`,
      [createProposal.id],
    );
    const { rows: active } = await t.sql.query(`SELECT count(*)::int AS n FROM members WHERE status = 'ACTIVE'`);
    expect(rows[0].n).toBe(active[0].n - 1);
  });

  it("tells a comment's author of a reply, not of their own, nor once they may no longer read the proposal", async () => {
    const [author, commenter, muting, leaving] = await members(t, 4);
    const replier = await t.member({ name: 'Rui Replier' });
    const id = await inDiscussion(t, author);
    const first = await reply(commenter, id, null, 'Green is nice.');
    await reply(replier, id, first, 'So is blue.');
    await reply(commenter, id, first, 'Let me add one more thing.');

    const notices = await about(commenter, 'COMMENT_REPLY', id);
    expect(notices.map((item) => [item.subject, item.body])).toEqual([
      ['A reply to your comment: Paint the shop green', 'Rui Replier replied to your comment on "Paint the shop green".'],
    ]);
    const replies = await mailed(commenter, 'A reply to your comment');
    expect(replies).toHaveLength(1);
    expect(replies[0].text).toContain('Rui Replier replied to your comment on "Paint the shop green".');
    // The proposal's author is not the parent's author: a reply in someone else's thread is not theirs.
    expect(await about(author, 'COMMENT_REPLY', id)).toEqual([]);
    expect(await about(replier, 'COMMENT_REPLY', id)).toEqual([]);

    // Muted: in the inbox, no email.
    await t.ok(SET_PREFERENCES, { input: { muted: ['COMMENT_REPLY'] } }, muting.token);
    await reply(replier, id, await reply(muting, id, null, 'Mute me.'));
    expect(await about(muting, 'COMMENT_REPLY', id)).toHaveLength(1);
    expect(await mailed(muting, 'A reply to your comment')).toEqual([]);

    // Suspended after commenting: they may not read the proposal, so they are told nothing of it.
    const theirs = await reply(leaving, id, null, 'Before I go.');
    await t.ok(SUSPEND, { id: leaving.id }, admin.token);
    await reply(replier, id, theirs, 'Goodbye.');
    await settle(t);
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM notifications WHERE member_id = $1 AND kind = 'COMMENT_REPLY'`, [
      leaving.id,
    ]);
    expect(rows[0].n).toBe(0);
    expect(await mailed(leaving, 'A reply to your comment')).toEqual([]);
  });

  it("tells a proposal's author of an amendment to it, but not of their own", async () => {
    const author = await t.member();
    const amender = await t.member({ name: 'Amy Amender' });
    const id = await inDiscussion(t, author);
    await t.ok(PROPOSE_AMENDMENT, { p: id, body: 'Paint it dark green.', why: 'It hides dirt.' }, amender.token);
    await t.ok(PROPOSE_AMENDMENT, { p: id, body: 'Paint it light green.' }, author.token);

    const notices = await about(author, 'AMENDMENT_PROPOSED', id);
    expect(notices.map((item) => [item.subject, item.body])).toEqual([
      [
        'An amendment to your proposal: Paint the shop green',
        'Amy Amender proposed an amendment to "Paint the shop green". Accept it (it becomes the text) or decline it.',
      ],
    ]);
    const mails = await mailed(author, 'An amendment to your proposal');
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toMatch(/Stop emails about amendments to your proposals: \S+/);
    expect(await about(amender, 'AMENDMENT_PROPOSED', id)).toEqual([]);
  });

  it("tells an amendment's author what became of it: accepted, declined, adopted or rejected by vote, withdrawn on opening", async () => {
    const [author, amender, outsider] = await members(t, 3);
    const id = await inDiscussion(t, author);
    const propose = async (body: string, by = amender) => (await t.ok(PROPOSE_AMENDMENT, { p: id, body }, by.token)).proposeAmendment.id;
    /** Declines the amendment, puts it to the vote, and closes the vote after `choice` by its author. */
    const voteOn = async (amendmentId: string, choice: 'FOR' | 'AGAINST') => {
      await t.ok(DECLINE, { id: amendmentId, reason: 'I prefer mine.' }, author.token);
      const voteId = (await t.ok(PUT_TO_VOTE, { id: amendmentId }, amender.token)).putAmendmentToVote.vote.id;
      const { proposal } = await t.ok(OPTIONS, { id: voteId }, amender.token);
      const option = proposal.options.find((o: { label: string }) => o.label === choice).id;
      await t.ok(VOTE, { input: { proposalId: voteId, optionIds: [option] } }, amender.token);
      await t.ok(CLOSE, { id: voteId }, admin.token);
    };

    await t.ok(ACCEPT, { id: await propose('Paint it dark green.') }, author.token);
    await voteOn(await propose('Paint it olive green.'), 'FOR');
    await voteOn(await propose('Paint it red.'), 'AGAINST');
    await t.ok(DECLINE, { id: await propose('Paint it pink.'), reason: 'Not pink.' }, author.token);
    const pending = await propose('Paint it grey.');
    // An amendment by a member suspended before it is decided: they are told nothing.
    const theirs = await propose('Paint it white.', outsider);
    await t.ok(SUSPEND, { id: outsider.id }, admin.token);
    await t.ok(DECLINE, { id: theirs }, author.token);
    await t.ok(OPEN, { id }, author.token);

    const notices = (await about(amender, 'AMENDMENT_DECIDED', id)).reverse();
    expect(notices.map((item) => item.subject.replace(': Paint the shop green', ''))).toEqual([
      'Your amendment was accepted',
      'Your amendment was declined',
      'Your amendment was adopted by vote',
      'Your amendment was declined',
      'Your amendment was rejected by vote',
      'Your amendment was declined',
      'Your amendment was withdrawn',
    ]);
    expect(notices[1].body).toContain('Reason given: I prefer mine.');
    expect(notices[5].body).toContain('Reason given: Not pink.');
    expect(notices[6].body).toBe(
      '"Paint the shop green" opened for its vote before your amendment was decided, so the amendment was withdrawn.',
    );
    const mails = await mailed(amender, 'Your amendment was');
    expect(mails.map((mail) => mail.subject).sort()).toEqual(notices.map((item) => item.subject).sort());
    const adopted = mails.find((mail) => mail.subject.startsWith('Your amendment was adopted by vote'))!;
    expect(adopted.text).toContain('The members\' vote adopted your amendment to "Paint the shop green": it is now the proposal\'s text.');
    expect(adopted.text).toContain(`Open: ${PUBLIC_URL}/proposals/${id}`);
    expect(adopted.text).toMatch(/Stop emails about what became of your amendments: \S+/);

    // Nothing for the one who decided, nothing for a member who may no longer read it.
    expect(await about(author, 'AMENDMENT_DECIDED', id)).toEqual([]);
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM notifications WHERE member_id = $1 AND kind = 'AMENDMENT_DECIDED'`, [
      outsider.id,
    ]);
    expect(rows[0].n).toBe(0);
    const { rows: entries } = await t.sql.query(`SELECT data FROM audit_entries WHERE action = 'proposal.opened' AND entity_id = $1`, [id]);
    expect(entries[0].data).toMatchObject({ amendmentsWithdrawn: [pending], amendmentAuthors: { [pending]: amender.id } });
    expect(JSON.stringify(entries[0].data)).not.toContain('@');
  });

  it("tells the authors of amendments withdrawn when a general assembly's sitting opens their proposal", async () => {
    const [author, amender, muting, leaving] = await members(t, 4);
    await t.ok(SET_PREFERENCES, { input: { muted: ['AMENDMENT_DECIDED'] } }, muting.token);
    const first = await inDiscussion(t, author);
    const second = await inDiscussion(t, author);
    const propose = async (p: string, body: string, by: TestMember) =>
      (await t.ok(PROPOSE_AMENDMENT, { p, body }, by.token)).proposeAmendment.id as string;
    const accepted = await propose(first, 'Paint it dark green.', amender);
    await t.ok(ACCEPT, { id: accepted }, author.token);
    const onFirst = await propose(first, 'Paint it grey.', amender);
    const mutedOne = await propose(first, 'Paint it blue.', muting);
    const theirs = await propose(first, 'Paint it white.', leaving);
    const own = await propose(first, 'Paint it by the admin.', admin);
    const onSecond = await propose(second, 'Paint it yellow.', amender);
    await t.ok(SUSPEND, { id: leaving.id }, admin.token);
    const { id: assemblyId } = await convene(t, admin, [
      { title: 'Paint, first', proposalId: first },
      { title: 'Paint, second', proposalId: second },
    ]);
    const { openAssembly } = await t.ok(OPEN_ASSEMBLY, { id: assemblyId }, admin.token);
    expect(openAssembly.agenda.map((item: { proposal: { status: string } }) => item.proposal.status)).toEqual(['OPEN', 'OPEN']);

    // Once for each proposal, and not for the amendment accepted before.
    const withdrawn = 'Your amendment was withdrawn: Paint the shop green';
    const body = '"Paint the shop green" opened for its vote before your amendment was decided, so the amendment was withdrawn.';
    for (const id of [first, second]) {
      const notices = await about(amender, 'AMENDMENT_DECIDED', id);
      expect(notices.map((item) => [item.subject, item.body])).toEqual([
        [withdrawn, body],
        ...(id === first ? [['Your amendment was accepted: Paint the shop green', expect.any(String)]] : []),
      ]);
    }
    expect((await mailed(amender, 'Your amendment was withdrawn')).map((mail) => mail.text.includes(body))).toEqual([true, true]);
    // Muted: in the inbox, no email.
    expect((await about(muting, 'AMENDMENT_DECIDED', first)).map((item) => item.subject)).toEqual([withdrawn]);
    expect(await mailed(muting, 'Your amendment was')).toEqual([]);
    // Suspended since: they may no longer read the proposal. The admin opened the sitting: theirs is their own doing.
    for (const member of [leaving, admin]) {
      const { rows } = await t.sql.query(
        `SELECT count(*)::int AS n FROM notifications WHERE member_id = $1 AND kind = 'AMENDMENT_DECIDED'`,
        [member.id],
      );
      expect(rows[0].n).toBe(0);
    }

    // The sitting's one entry records each opening's withdrawals with their authors (ids only).
    const { rows: entries } = await t.sql.query(`SELECT data FROM audit_entries WHERE action = 'assembly.opened' AND entity_id = $1`, [
      assemblyId,
    ]);
    expect(entries).toHaveLength(1);
    const { openings } = entries[0].data;
    expect(openings).toEqual([
      expect.objectContaining({
        proposalId: first,
        amendmentsWithdrawn: expect.arrayContaining([onFirst, mutedOne, theirs, own]),
        amendmentAuthors: { [onFirst]: amender.id, [mutedOne]: muting.id, [theirs]: leaving.id, [own]: admin.id },
      }),
      expect.objectContaining({ proposalId: second, amendmentsWithdrawn: [onSecond], amendmentAuthors: { [onSecond]: amender.id } }),
    ]);
    expect(openings[0].amendmentsWithdrawn).toHaveLength(4);
    expect(JSON.stringify(entries[0].data)).not.toContain('@');
    const { rows: statuses } = await t.sql.query(`SELECT id, status FROM amendments WHERE proposal_id = ANY($1::uuid[]) ORDER BY id`, [
      [first, second],
    ]);
    expect(Object.fromEntries(statuses.map((row) => [row.id, row.status]))).toEqual({
      [accepted]: 'ACCEPTED',
      [onFirst]: 'WITHDRAWN',
      [mutedOne]: 'WITHDRAWN',
      [theirs]: 'WITHDRAWN',
      [own]: 'WITHDRAWN',
      [onSecond]: 'WITHDRAWN',
    });
  });

  it('tells no one of an amendment the author decides on their own proposal', async () => {
    const author = await t.member();
    const id = await inDiscussion(t, author);
    const { proposeAmendment } = await t.ok(PROPOSE_AMENDMENT, { p: id, body: 'My own change.' }, author.token);
    await t.ok(ACCEPT, { id: proposeAmendment.id }, author.token);
    expect((await inbox(t, author)).filter((item) => item.link?.endsWith(id))).toEqual([]);
  });
});
