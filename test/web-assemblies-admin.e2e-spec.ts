import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TestApp, type TestMember } from '@commons/testing';
import { CHECK_IN, checkIn, convene, draft, GRANT, OPEN_ASSEMBLY } from './assembly-helpers.js';
import { VOTE } from './voting-helpers.js';
import { buildWebApp } from './web-helpers.js';
import { checkPage, DESKTOP, launchChromium, PHONE, signInWithToken } from './web-browser-helpers.js';

const ATTENDANCE = `query($id: ID!) { assembly(id: $id) { attendance { edges { node { member { name } } } } } }`;

/** A datetime-local value for `date`, in UTC (the browser below runs in UTC). */
function localInput(date: Date): string {
  return date.toISOString().slice(0, 16);
}

/**
 * An admin runs a general assembly in a real browser (Debian's Chromium) against the real API on PostgreSQL, at a
 * desktop width and at a phone's: convenes it with an agenda of two drafts (a start without the bylaws' notice
 * refused and explained), opens the sitting, checks members in at the door by name with the keyboard alone, sees
 * the quorum move as members check in and give proxies elsewhere, closes the sitting once the members have voted,
 * and downloads the minutes. A plain member sees none of it and the API refuses them. axe-core clean; in Polish too.
 */
describe.each([
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const)('the admin assemblies pages in Chromium (%s)', (width, viewport) => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: TestMember, author: TestMember, ada: TestMember, adam: TestMember, zoe: TestMember, yann: TestMember;
  let garden: { id: string; options: Record<string, string> };
  let quiet: { id: string; options: Record<string, string> };
  let assemblyId: string;

  beforeAll(async () => {
    buildWebApp();
    t = await TestApp.start();
    await t.foundBylaws({ minVotingHours: 0, noticeDays: 0, assemblyQuorum: 0.5, maxProxiesPerMember: 1 });
    admin = await t.admin();
    await t.sql.query(`UPDATE members SET name = 'Olga Admin' WHERE id = $1`, [admin.id]);
    author = await t.member({ name: 'Bea Author' });
    ada = await t.member({ name: 'Ada Lovelace' });
    adam = await t.member({ name: 'Adam Smith' });
    zoe = await t.member({ name: 'Zoe Quinn' });
    yann = await t.member({ name: 'Yann Tiersen' });
    garden = await draft(t, author, { title: 'Garden budget', method: 'MAJORITY' });
    quiet = await draft(t, author, { title: 'Quiet hours after ten', method: 'MAJORITY' });
    browser = await launchChromium();
    context = await browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'UTC', acceptDownloads: true });
    page = await context.newPage();
    await signInAs(page, admin.token);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  const signInAs = (into: Page, token: string) => signInWithToken(into, t.baseUrl, token);

  /** Every page is checked with axe-core and photographed at this width. */
  const check = (on: Page, label: string) => checkPage(on, `assemblies-admin-${width}-${label}`);

  it("convenes with an agenda of two drafts in the order chosen, after refusing a start without the bylaws' notice", async () => {
    await page.goto(`${t.baseUrl}/`);
    await page.getByRole('link', { name: 'Admin: assemblies' }).click();
    const form = page.getByRole('region', { name: 'Convene an assembly' });
    await form.getByText('The bylaws require 0 days of notice').waitFor();
    await form.getByLabel('Title').fill('Annual meeting 2026');
    await form.getByLabel('Kind of assembly').selectOption('ANNUAL');
    await form.getByLabel('Starts (date and time)').fill(localInput(new Date(Date.now() - 86_400_000)));
    await form.getByLabel('Place (optional)').fill('Community hall');
    await form.getByRole('button', { name: 'Add “Garden budget” to the agenda' }).click();
    await form.getByRole('button', { name: 'Add “Quiet hours after ten” to the agenda' }).click();
    await form.getByText('“Quiet hours after ten” added to the agenda as item 2.').waitFor();
    // With the keyboard: the second item up, so it is voted on first.
    await form.getByRole('button', { name: 'Move “Quiet hours after ten” up' }).focus();
    await page.keyboard.press('Enter');
    await form.getByText('“Quiet hours after ten” is now item 1.').waitFor();
    const agenda = form.getByRole('list', { name: 'Agenda, in order' });
    expect(await agenda.getByRole('listitem').allInnerTexts()).toEqual([
      expect.stringContaining('Quiet hours after ten'),
      expect.stringContaining('Garden budget'),
    ]);
    await form.getByLabel('Item without a vote (e.g. the board’s report)').fill('Report of the board');
    await form.getByRole('button', { name: 'Add item' }).click();
    await form.getByRole('button', { name: 'Take “Report of the board” off the agenda' }).click();
    await form.getByText('“Report of the board” taken off the agenda.').waitFor();
    await check(page, 'convene');

    await form.getByRole('button', { name: 'Convene the assembly' }).click();
    await form.getByRole('alert').getByText('Refused: this is too soon. The bylaws require 0 days of notice').waitFor();
    expect((await t.sql.query('SELECT count(*)::int AS n FROM assemblies')).rows[0].n).toBe(0);
    await check(page, 'convene-refused');

    await form.getByLabel('Starts (date and time)').fill(localInput(new Date(Date.now() + 3 * 60_000)));
    await form.getByRole('button', { name: 'Convene the assembly' }).click();
    await page.getByRole('heading', { name: 'Annual meeting 2026', level: 1 }).waitFor();
    assemblyId = page.url().split('/').pop()!;
    const { assembly } = await t.ok(
      `query($id: ID!) { assembly(id: $id) { status location agenda { position title proposal { id } } } }`,
      { id: assemblyId },
      admin.token,
    );
    expect(assembly).toEqual({
      status: 'CONVENED',
      location: 'Community hall',
      agenda: [
        { position: 1, title: 'Quiet hours after ten', proposal: { id: quiet.id } },
        { position: 2, title: 'Garden budget', proposal: { id: garden.id } },
      ],
    });
    await page.getByText('Convened: the sitting has not opened yet.').waitFor();
    await check(page, 'convened');
  });

  it('opens the sitting, checks members in at the door by name with the keyboard, and shows the quorum live', async () => {
    // As if the three minutes of notice had passed.
    await t.sql.query(`UPDATE assemblies SET starts_at = now() WHERE id = $1`, [assemblyId]);
    const quorum = page.getByRole('region', { name: 'Quorum' });
    await quorum.getByText('No quorum yet. 0 present or represented; 3 needed.').waitFor();
    await page.getByRole('button', { name: 'Open the sitting…' }).click();
    await page.getByText('The roll is then frozen').waitFor();
    await check(page, 'open-confirm');
    await page.getByRole('button', { name: 'Yes, open the sitting' }).click();
    await page.getByText('The sitting is open.').waitFor();

    const door = page.getByRole('region', { name: 'At the door' });
    const search = door.getByLabel('Find a member by name');
    await search.focus();
    await page.keyboard.type('ada l');
    await door.getByRole('listitem', { name: 'Ada Lovelace' }).waitFor();
    await page.keyboard.press('Enter');
    await door.getByText('Ada Lovelace is checked in.').waitFor();
    expect(await search.inputValue()).toBe('');
    expect(await page.evaluate(`document.activeElement && document.activeElement.getAttribute('type')`)).toBe('search');
    await page.keyboard.type('QUIN');
    await page.keyboard.press('Enter');
    await door.getByText('Zoe Quinn is checked in.').waitFor();
    await quorum.getByText('No quorum yet. 2 present or represented; 3 needed.').waitFor();
    // Again: said plainly, and nothing changes.
    await page.keyboard.type('lovelace');
    await page.keyboard.press('Enter');
    await door.getByText(/^Ada Lovelace is checked in already \(checked in .+, in person\)\.$/).waitFor();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('nobody here');
    await page.keyboard.press('Enter');
    await door.getByText('Nobody on the roll matches “nobody here”.').first().waitFor();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');

    // Elsewhere, without the page reloading: Yann gives Zoe his proxy, Adam checks himself in online.
    await t.ok(GRANT, { a: assemblyId, h: zoe.id }, yann.token);
    await quorum.getByText('Quorum reached. 3 present or represented; 3 needed.').waitFor();
    await checkIn(t, assemblyId, adam);
    await quorum.getByText('Quorum reached. 4 present or represented; 3 needed.').waitFor();
    await quorum.getByText('3 present, 1 represented by proxy, of 6 on the roll; the bylaws require 50% of the roll.').waitFor();
    const present = page.getByRole('region', { name: 'Checked in: 3' });
    await present.getByText('Adam Smith').waitFor();
    await present.getByText(/online/).waitFor();
    expect(await present.getByRole('listitem').allInnerTexts()).toEqual([
      expect.stringMatching(/^Ada Lovelace\n.+ · in person$/),
      expect.stringMatching(/^Adam Smith\n.+ · online$/),
      expect.stringMatching(/^Zoe Quinn\n.+ · in person$/),
    ]);
    await search.fill('ad');
    await door.getByRole('button', { name: 'Check in Olga Admin' }).waitFor();
    expect(await door.getByRole('button', { name: /Check in (Ada|Adam)/ }).count()).toBe(0);
    await check(page, 'door');
    await search.fill('');
  });

  it('closes the sitting once the members have voted, and downloads minutes naming each item and its outcome', async () => {
    const vote = (member: TestMember, proposal: typeof garden, label: string) =>
      t.ok(VOTE, { input: { proposalId: proposal.id, optionIds: [proposal.options[label]] } }, member.token);
    await vote(ada, garden, 'FOR');
    await vote(zoe, garden, 'FOR');
    await vote(adam, garden, 'AGAINST');
    await vote(ada, quiet, 'AGAINST');
    await vote(zoe, quiet, 'AGAINST');
    await vote(adam, quiet, 'FOR');

    await page.getByRole('button', { name: 'Close the sitting…' }).click();
    await page.getByText('Voting on the agenda’s proposals then ends').waitFor();
    await page.getByRole('button', { name: 'Yes, close the sitting' }).click();
    await page.getByText('The sitting is closed and its minutes written.').waitFor();
    const agenda = page.getByRole('region', { name: 'Agenda' });
    await agenda.getByText('Closed · Passed').waitFor();
    expect(await agenda.getByRole('listitem').allInnerTexts()).toEqual([
      expect.stringMatching(/Quiet hours after ten[\s\S]*Closed · Rejected/),
      expect.stringMatching(/Garden budget[\s\S]*Closed · Passed/),
    ]);
    expect(await page.getByRole('region', { name: 'At the door' }).count()).toBe(0);

    const minutes = page.getByRole('region', { name: 'Minutes' });
    const download = page.waitForEvent('download');
    await minutes.getByRole('button', { name: 'Download the minutes' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`minutes-${assemblyId}.md`);
    const text = readFileSync((await file.path())!, 'utf8');
    await page.getByText('The minutes were downloaded.').waitFor();
    expect(text).toContain('# Minutes: Annual meeting 2026');
    expect(text).toContain('- Place: Community hall');
    expect(text).toContain('- Present: 3');
    expect(text).toContain('- Represented: 1');
    const [, first, second] = text.split(/^### /m);
    expect(first).toMatch(/^1\. Quiet hours after ten\n/);
    expect(first).toContain('- Counts: FOR 1, AGAINST 3, ABSTAIN 0');
    expect(first).toContain('- Outcome: REJECTED');
    expect(second).toMatch(/^2\. Garden budget\n/);
    expect(second).toContain('- Counts: FOR 3, AGAINST 1, ABSTAIN 0');
    expect(second).toContain('- Outcome: PASSED');
    // The file is the minutes whose hash the page shows.
    const { assembly } = await t.ok(`query($id: ID!) { assembly(id: $id) { minutes { text hash } } }`, { id: assemblyId }, admin.token);
    expect(text).toBe(assembly.minutes.text);
    await minutes.getByText(assembly.minutes.hash).waitFor();
    await check(page, 'minutes');
  });

  it('a plain member sees no admin link and no admin data, and the API refuses them', async () => {
    const other = await browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'UTC' });
    const theirs = await other.newPage();
    await signInAs(theirs, author.token);
    await theirs.goto(`${t.baseUrl}/`);
    await theirs.getByRole('link', { name: 'Proposals' }).waitFor();
    expect(await theirs.getByRole('link', { name: /Admin/ }).count()).toBe(0);
    for (const path of ['/admin/assemblies', `/admin/assemblies/${assemblyId}`]) {
      await theirs.goto(`${t.baseUrl}${path}`);
      await theirs.getByRole('heading', { name: 'Admins only' }).waitFor();
      expect(await theirs.getByText('Ada Lovelace').count()).toBe(0);
      expect(await theirs.getByRole('button', { name: /Convene|Open the sitting|Close the sitting|Check in|Download/ }).count()).toBe(0);
    }
    await check(theirs, 'member-refused');
    await other.close();

    const later = await convene(t, admin, [{ title: 'Accounts' }]);
    for (const [query, variables] of [
      [ATTENDANCE, { id: assemblyId }],
      [OPEN_ASSEMBLY, { id: later.id }],
      [CHECK_IN, { a: later.id, m: ada.id, mode: 'IN_PERSON' }],
    ] as const) {
      const refused = await t.gql(query, variables, author.token);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(JSON.stringify(refused.data ?? null)).not.toContain('Ada Lovelace');
    }
    const { rows } = await t.sql.query('SELECT status FROM assemblies WHERE id = $1', [later.id]);
    expect(rows[0].status).toBe('CONVENED');
  });

  it('the admin assemblies pages in Polish, the door included', async () => {
    const sitting = await convene(t, admin, [{ title: 'Sprawozdanie zarządu' }]);
    await t.ok(OPEN_ASSEMBLY, { id: sitting.id }, admin.token);
    await page.goto(`${t.baseUrl}/admin/assemblies`);
    await page.getByLabel('Language').selectOption('pl');
    await page.getByRole('heading', { name: 'Zwołaj zgromadzenie' }).waitFor();
    await page.getByText('Statut wymaga zawiadomienia z wyprzedzeniem (w dniach): 0.').waitFor();
    await check(page, 'convene-pl');
    await page.goto(`${t.baseUrl}/admin/assemblies/${sitting.id}`);
    const door = page.getByRole('region', { name: 'Przy wejściu' });
    await door.getByLabel('Znajdź członka (imię lub nazwisko)').focus();
    await page.keyboard.type('smith');
    await page.keyboard.press('Enter');
    await door.getByText('Potwierdzono obecność: Adam Smith.').waitFor();
    await page
      .getByRole('region', { name: 'Kworum' })
      .getByText('Kworum jeszcze nie ma. Obecni lub reprezentowani: 1; potrzeba: 3.')
      .waitFor();
    await page.getByRole('region', { name: 'Obecni: 1' }).getByText('osobiście').waitFor();
    await check(page, 'door-pl');
    await page.goto(`${t.baseUrl}/admin/assemblies/${assemblyId}`);
    await page.getByRole('button', { name: 'Pobierz protokół' }).waitFor();
    await check(page, 'minutes-pl');
    await page.getByLabel('Język').selectOption('en');
  });
});
