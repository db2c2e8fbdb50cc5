import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TestApp, type TestMember } from '@commons/testing';
import { INBOX, PREFERENCES, settle } from './notification-helpers.js';
import { REGISTER, shareClass, subscribed } from './shares-helpers.js';
import { openProposal } from './voting-helpers.js';
import { buildWebApp } from './web-helpers.js';
import { checkPage, DESKTOP, launchChromium, PHONE } from './web-browser-helpers.js';

/**
 * A member in Chromium against the real API on PostgreSQL, at a desktop width and a phone's: sees on the home page
 * that a vote opened, reads the inbox and marks notifications read (one, then all), changes how they are emailed
 * at /settings/notifications (where the emails link), and on "My shares" sees their holdings, requests shares of a
 * class and cancels the request. axe-core finds no serious or critical violation on these pages.
 */
describe.each([
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const)('notifications and shares in the web app (%s)', (width, viewport) => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: TestMember;
  let me: TestMember;

  beforeAll(async () => {
    buildWebApp();
    t = await TestApp.start({ PUBLIC_URL: 'https://coop.example' });
    await t.foundBylaws({ minVotingHours: 0, noticeDays: 0 });
    admin = await t.admin();
    me = await t.member({ name: `Nell ${width}` });
    browser = await launchChromium();
    context = await browser.newContext({ viewport, locale: 'en-GB' });
    // Signed in as the member: the web app keeps its token in this tab's sessionStorage.
    await context.addInitScript(`sessionStorage.setItem('commons.token', ${JSON.stringify(me.token)})`);
    page = await context.newPage();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  const check = (label: string) => checkPage(page, `${width}-${label}`);

  it('an empty inbox says so, and the home page has nothing unread', async () => {
    await page.goto(`${t.baseUrl}/notifications`);
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    await page.getByText('Nothing here yet').waitFor();
    await check('inbox-empty');
    await page.goto(`${t.baseUrl}/`);
    await page.getByText('No unread notifications.').waitFor();
  });

  it('sees a notification after a proposal opens, follows it from home to the inbox, and marks it read', async () => {
    const first = await openProposal(t, admin, { title: `Repaint the shop ${width}`, method: 'MAJORITY' });
    await openProposal(t, admin, { title: `Buy a bakery ${width}`, method: 'MAJORITY' });
    await settle(t);

    await page.goto(`${t.baseUrl}/`);
    const card = page.getByRole('region', { name: 'Notifications' });
    await card.getByText('Unread notifications: 2').waitFor();
    await card.getByRole('link', { name: `Vote open: Repaint the shop ${width}` }).waitFor();
    await check('home-notifications');
    await card.getByRole('link', { name: 'Open the inbox' }).click();

    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    const inbox = page.getByRole('list', { name: 'Inbox' });
    const item = inbox.getByRole('listitem').filter({ hasText: `Vote open: Repaint the shop ${width}` });
    await item.getByText('Unread', { exact: true }).waitFor();
    await page.getByText('Notifications: 2, unread: 2').waitFor();
    await check('inbox');
    await page.getByRole('button', { name: `Mark read: Vote open: Repaint the shop ${width}` }).click();
    await page.getByRole('status').getByText('Marked read.').waitFor();
    await item.getByText('Read', { exact: true }).waitFor();
    await page.getByText('Notifications: 2, unread: 1').waitFor();

    let { myNotifications } = await t.ok(INBOX, { unreadOnly: true, first: 10 }, me.token);
    expect(myNotifications.edges.map((edge: { node: { subject: string } }) => edge.node.subject)).toEqual([
      `Vote open: Buy a bakery ${width}`,
    ]);

    await page.getByRole('button', { name: 'Mark all read' }).click();
    await page.getByRole('status').getByText('Marked read: 1.').waitFor();
    // The button goes once the inbox, read again, has nothing unread (after the status, not with it).
    await page.getByText('Notifications: 2, unread: 0').waitFor();
    await page.getByRole('button', { name: 'Mark all read' }).waitFor({ state: 'detached' });
    ({ myNotifications } = await t.ok(INBOX, { unreadOnly: true, first: 10 }, me.token));
    expect(myNotifications.totalCount).toBe(0);

    // The link leads to the proposal in the web app.
    await inbox.getByRole('link', { name: `Open: Vote open: Repaint the shop ${width}` }).click();
    await page.getByRole('heading', { name: `Repaint the shop ${width}` }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/proposals/${first.id}`);
  });

  it('changes notification preferences at /settings/notifications', async () => {
    await page.goto(`${t.baseUrl}/settings/notifications`);
    await page.getByRole('heading', { name: 'Notification settings' }).waitFor();
    expect(await page.getByLabel('Send me notifications by email').isChecked()).toBe(true);
    expect(await page.getByLabel('One email per notification').isChecked()).toBe(true);
    await page.getByLabel('One digest email a week').check();
    const muted = page.getByRole('group', { name: 'Never email me about' });
    await muted.getByLabel('Vote closing soon').check();
    // The deliberation's kinds are muted like the others.
    for (const kind of ['Proposal up for discussion', 'Reply to my comment', 'Amendment to my proposal', 'What became of my amendment'])
      expect(await muted.getByLabel(kind).isChecked()).toBe(false);
    await muted.getByLabel('Reply to my comment').check();
    await check('notification-settings');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').getByText('Settings saved.').waitFor();
    expect((await t.ok(PREFERENCES, {}, me.token)).myNotificationPreferences).toEqual({
      email: true,
      digest: 'WEEKLY',
      muted: ['CLOSING_SOON', 'COMMENT_REPLY'],
    });

    await page.reload();
    await page.getByRole('heading', { name: 'Notification settings' }).waitFor();
    expect(await page.getByLabel('One digest email a week').isChecked()).toBe(true);
    expect(await page.getByLabel('Reply to my comment').isChecked()).toBe(true);
    await page.getByLabel('Send me notifications by email').uncheck();
    // Without emails, how often and which kinds do not apply.
    expect(await page.getByLabel('One digest email a day').isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').getByText('Settings saved.').waitFor();
    expect((await t.ok(PREFERENCES, {}, me.token)).myNotificationPreferences.email).toBe(false);

    await page.getByLabel('Language').selectOption('pl');
    await page.getByRole('heading', { name: 'Ustawienia powiadomień' }).waitFor();
    await page.getByLabel('Wysyłaj mi powiadomienia e-mailem').waitFor();
    expect(await page.getByLabel('Odpowiedź na mój komentarz').isChecked()).toBe(true);
    // The status line follows the language too.
    await page.getByRole('status').getByText('Zapisano ustawienia.').waitFor();
    await check('notification-settings-pl');
    await page.getByLabel('Język').selectOption('en');
  });

  it('sees their holdings, requests shares of a class, sees the request, and cancels it', async () => {
    await page.goto(`${t.baseUrl}/shares`);
    await page.getByRole('heading', { name: 'My shares' }).waitFor();
    await page.getByText('The co-op has no share classes yet.').waitFor();
    await page.getByText('You hold no shares yet.').waitFor();
    await check('shares-empty');

    const worker = await shareClass(t, admin, {
      code: `W${width.toUpperCase().slice(0, 1)}`,
      name: 'Worker shares',
      nominalValue: '1250.50',
      maxPerMember: 6,
      redeemable: true,
    });
    await subscribed(t, admin, me, worker.id, 2);
    await page.reload();
    const holdings = page.getByRole('region', { name: 'Holdings' });
    await holdings
      .getByRole('row', { name: /Worker shares/ })
      .getByText('2,501.00')
      .waitFor();
    await holdings.getByText('Share capital in total: 2,501.00').waitFor();

    const request = page.getByRole('region', { name: 'Request shares' });
    await request.getByLabel('Class').selectOption({ label: `${worker.code} — Worker shares (1,250.50 each)` });
    await request.getByLabel('Number of shares').fill('3');
    await check('shares');
    await request.getByRole('button', { name: 'Request shares' }).click();
    await page.getByRole('status').getByText(`Your request for 3 × ${worker.code} (3,751.50) was sent for approval.`).waitFor();
    const operations = page.getByRole('region', { name: 'Requests and register entries' });
    const requested = operations.getByRole('listitem').filter({ hasText: `Subscription 3 × ${worker.code}` });
    await requested.getByText('Requested', { exact: true }).waitFor();
    await requested.getByText('3,751.50').waitFor();
    await operations.getByRole('listitem').filter({ hasText: 'Entry no. 1' }).getByText('In effect').waitFor();
    await check('shares-requested');

    const { shareRegister } = await t.ok(REGISTER, { memberId: me.id, status: 'REQUESTED' }, me.token);
    expect(
      shareRegister.edges.map((edge: { node: { quantity: number; amount: string } }) => [edge.node.quantity, edge.node.amount]),
    ).toEqual([[3, '3751.50']]);

    // Past the class's cap of 6 (2 held, 3 requested): the API's refusal, in words, and nothing changes.
    await request.getByLabel('Number of shares').fill('2');
    await request.getByRole('button', { name: 'Request shares' }).click();
    await request.getByRole('alert').waitFor();
    expect((await t.ok(REGISTER, { memberId: me.id, status: 'REQUESTED' }, me.token)).shareRegister.totalCount).toBe(1);

    await operations.getByRole('button', { name: `Cancel request: Subscription 3 × ${worker.code}` }).click();
    await page.getByRole('status').getByText('Request cancelled.').waitFor();
    await requested.getByText('Cancelled', { exact: true }).waitFor();
    const after = await t.ok(REGISTER, { memberId: me.id, status: 'REQUESTED' }, me.token);
    expect(after.shareRegister.totalCount).toBe(0);

    // A redemption of the redeemable class, in Polish.
    await page.getByLabel('Language').selectOption('pl');
    const redeem = page.getByRole('region', { name: 'Wniosek o umorzenie' });
    await redeem.getByLabel('Liczba udziałów').fill('1');
    await redeem.getByRole('button', { name: 'Złóż wniosek o umorzenie' }).click();
    await page
      .getByRole('region', { name: 'Wnioski i wpisy w rejestrze' })
      .getByRole('listitem')
      .filter({ hasText: `Umorzenie 1 × ${worker.code}` })
      .getByText('1250,50')
      .waitFor();
    await check('shares-pl');
    await page.getByLabel('Język').selectOption('en');
  });
});
