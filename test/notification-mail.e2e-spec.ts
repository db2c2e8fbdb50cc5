import { MemberStatus } from '@commons/auth';
import { QUEUES } from '@commons/notifications';
import { TestApp, type TestMember } from '@commons/testing';
import { NotificationsWorker } from '@commons/notifications';
import { MailReceiver } from './mail-receiver.js';
import { inbox, PREFERENCES, SET_PREFERENCES, settle } from './notification-helpers.js';
import { members, openProposal, vote } from './voting-helpers.js';

const PUBLIC_URL = 'https://coop.example';
const MAIL_FROM = 'Our Co-op <hello@coop.example>';

describe('emails, over a real SMTP server', () => {
  let smtp: MailReceiver;
  let t: TestApp;
  let admin: TestMember;

  beforeAll(async () => {
    smtp = await MailReceiver.start();
    t = await TestApp.start({ PUBLIC_URL, MAIL_FROM, SMTP_URL: smtp.url, CLOSING_SOON_BEFORE: '24h' });
    await t.foundBylaws({ minVotingHours: 0 });
    admin = await t.admin();
  });
  afterAll(async () => {
    await t?.stop();
    await smtp?.stop();
  });

  const admit = async (): Promise<TestMember> => {
    const member = await t.member({ status: MemberStatus.APPLICANT });
    await t.ok(`mutation($id: ID!) { admitMember(memberId: $id) { id } }`, { id: member.id }, admin.token);
    return member;
  };

  it('sends one email per notification, in plain text and HTML, with a link into the web app and an unsubscribe link', async () => {
    const member = await admit();
    await settle(t);
    const [mail] = smtp.to(member.email);
    expect(smtp.to(member.email)).toHaveLength(1);
    expect(mail.from).toBe('"Our Co-op" <hello@coop.example>');
    expect(mail.subject).toBe('Welcome: you are a member');
    expect(mail.text).toContain('Your membership was approved');
    expect(mail.text).toContain(`Open: ${PUBLIC_URL}/`);
    expect(mail.html).toContain('<p>Your membership was approved');
    expect(mail.html).toContain(`href="${PUBLIC_URL}/"`);
    expect(mail.text).toMatch(new RegExp(`Stop emails about your membership: ${PUBLIC_URL}/notifications/unsubscribe\\?token=\\S+`));
    expect(mail.headers['list-unsubscribe']).toMatch(
      /^List-Unsubscribe: +<https:\/\/coop\.example\/notifications\/unsubscribe\?token=\S+>$/,
    );
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const { rows } = await t.sql.query('SELECT id, sent_at FROM mails WHERE member_id = $1', [member.id]);
    expect(rows).toHaveLength(1);
    expect(mail.messageId).toBe(`<${rows[0].id}@coop.example>`);
    expect(rows[0].sent_at).not.toBeNull();
    // Sending it again (a job run twice after a crash) sends nothing more.
    await t.app.get(NotificationsWorker).runNow(QUEUES.mail);
    await settle(t);
    expect(smtp.to(member.email)).toHaveLength(1);
  });

  it('mails nothing of a muted kind, and nothing at all with email off, while the inbox keeps everything', async () => {
    const [muting, silent] = await members(t, 2);
    await t.ok(SET_PREFERENCES, { input: { muted: ['PROPOSAL_OPENED'] } }, muting.token);
    await t.ok(SET_PREFERENCES, { input: { email: false } }, silent.token);
    await openProposal(t, admin, { title: 'Muted question', method: 'MAJORITY' });
    await settle(t);
    for (const member of [muting, silent]) {
      expect(smtp.to(member.email)).toEqual([]);
      expect((await inbox(t, member)).map((item) => item.subject)).toContain('Vote open: Muted question');
    }
  });

  it('unsubscribes without signing in: the link asks, the button (or one-click POST) mutes that kind', async () => {
    const member = await admit();
    await openProposal(t, admin, { title: 'First', method: 'MAJORITY' });
    await settle(t);
    const opened = smtp.to(member.email).find((mail) => mail.subject === 'Vote open: First')!;
    const written = /Stop emails about votes opened: (\S+)/.exec(opened.text)![1];
    expect(written.startsWith(`${PUBLIC_URL}/notifications/unsubscribe?token=`)).toBe(true);
    // PUBLIC_URL names the web app, served by this API: the test calls it on its loopback address.
    const link = written.replace(PUBLIC_URL, t.baseUrl);
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<button type="submit">Unsubscribe</button>');
    // Following the link alone (as mail scanners do) changes nothing.
    expect((await t.ok(PREFERENCES, {}, member.token)).myNotificationPreferences.muted).toEqual([]);
    const done = await fetch(link, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(done.status).toBe(200);
    expect((await t.ok(PREFERENCES, {}, member.token)).myNotificationPreferences).toEqual({
      email: true,
      digest: 'NEVER',
      muted: ['PROPOSAL_OPENED'],
    });
    const { rows } = await t.sql.query(`SELECT actor_id FROM audit_entries WHERE action = 'notifications.unsubscribed'`);
    expect(rows.map((row) => row.actor_id)).toContain(member.id);

    const before = smtp.to(member.email).length;
    await openProposal(t, admin, { title: 'Second', method: 'MAJORITY' });
    await settle(t);
    expect(smtp.to(member.email)).toHaveLength(before);

    const forged = link.replace('PROPOSAL_OPENED', 'PROPOSAL_CLOSED');
    expect((await fetch(forged, { method: 'POST' })).status).toBe(400);
    expect((await fetch(`${t.baseUrl}/notifications/unsubscribe?token=nonsense`)).status).toBe(400);
  });

  it('sends a daily digest instead of single emails, grouped by kind; weekly members wait for theirs', async () => {
    const [daily, weekly] = await members(t, 2);
    await t.ok(SET_PREFERENCES, { input: { digest: 'DAILY' } }, daily.token);
    await t.ok(SET_PREFERENCES, { input: { digest: 'WEEKLY' } }, weekly.token);
    const first = await openProposal(t, admin, { title: 'Digest one', method: 'MAJORITY' });
    await openProposal(t, admin, { title: 'Digest two', method: 'MAJORITY' });
    await t.ok(`mutation($id: ID!) { closeProposal(id: $id) { id } }`, { id: first.id }, admin.token);
    await settle(t);
    expect(smtp.to(daily.email)).toEqual([]);
    expect(smtp.to(weekly.email)).toEqual([]);

    const worker = t.app.get(NotificationsWorker);
    await worker.runNow(QUEUES.dailyDigest);
    await settle(t);
    const digests = smtp.to(daily.email);
    expect(digests).toHaveLength(1);
    expect(digests[0].subject).toBe('Your daily Commons digest: 3 updates');
    const text = digests[0].text;
    expect(text.indexOf('== Votes opened ==')).toBeGreaterThan(-1);
    expect(text.indexOf('* Vote open: Digest one')).toBeGreaterThan(text.indexOf('== Votes opened =='));
    expect(text.indexOf('* Vote open: Digest two')).toBeGreaterThan(text.indexOf('* Vote open: Digest one'));
    expect(text.indexOf('* Decided: Digest one')).toBeGreaterThan(text.indexOf('== Decisions =='));
    expect(text).toContain('Stop emails about votes opened:');
    expect(text).toContain('Stop emails about decisions:');
    expect(digests[0].html).toContain('<h2>Votes opened</h2>');
    expect(smtp.to(weekly.email)).toEqual([]);

    // Nothing new: no second digest.
    await worker.runNow(QUEUES.dailyDigest);
    await settle(t);
    expect(smtp.to(daily.email)).toHaveLength(1);

    await worker.runNow(QUEUES.weeklyDigest);
    await settle(t);
    expect(smtp.to(weekly.email).map((mail) => mail.subject)).toEqual(['Your weekly Commons digest: 3 updates']);
  });

  it('reminds once, CLOSING_SOON_BEFORE before closesAt, only the members on the roll who have not voted', async () => {
    const [author, voted, waiting] = await members(t, 3);
    const suspended = await t.member();
    const closesAt = new Date(Date.now() + 2 * 3600_000).toISOString();
    const proposal = await openProposal(t, author, { title: 'Closing question', method: 'MAJORITY', secret: true, closesAt });
    const far = await openProposal(t, author, {
      title: 'Far question',
      method: 'MAJORITY',
      closesAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    });
    await t.ok(`mutation($id: ID!) { suspendMember(memberId: $id, reason: "Away") { id } }`, { id: suspended.id }, admin.token);
    expect((await vote(t, voted, proposal, ['FOR'])).errors).toBeUndefined();
    expect((await vote(t, author, proposal, ['AGAINST'])).errors).toBeUndefined();
    await settle(t);

    const worker = t.app.get(NotificationsWorker);
    await worker.runNow(QUEUES.closingSoon);
    await settle(t);
    await worker.runNow(QUEUES.closingSoon);
    await settle(t);

    const reminded = (member: TestMember) => smtp.to(member.email).filter((mail) => mail.subject.startsWith('Closing soon:'));
    expect(reminded(waiting).map((mail) => mail.subject)).toEqual(['Closing soon: Closing question']);
    expect(reminded(waiting)[0].text).toContain('you have not voted yet');
    expect(reminded(waiting)[0].text).not.toMatch(/FOR|AGAINST/);
    for (const member of [author, voted, suspended]) expect(reminded(member)).toEqual([]);
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'CLOSING_SOON'`);
    const { rows: expected } = await t.sql.query(
      `SELECT count(*)::int AS n FROM proposal_voters v JOIN members m ON m.id = v.member_id
        WHERE v.proposal_id = $1 AND NOT v.has_voted AND m.status = 'ACTIVE'`,
      [proposal.id],
    );
    expect(rows[0].n).toBe(expected[0].n);
    expect((await inbox(t, waiting)).filter((item) => item.link?.endsWith(far.id)).map((item) => item.kind)).toEqual(['PROPOSAL_OPENED']);
  });
});
