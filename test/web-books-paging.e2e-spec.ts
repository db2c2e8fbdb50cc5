import type { Browser, Page } from 'playwright-core';
import { TestApp, type TestMember } from '@commons/testing';
import { openPeriod, recordEntry } from './surplus-helpers.js';
import { buildWebApp } from './web-helpers.js';
import { DESKTOP, launchChromium, signInWithToken } from './web-browser-helpers.js';

const IMPORT = `mutation($periodId: ID!, $csv: String!) { importPatronage(periodId: $periodId, csv: $csv) { members } }`;

/**
 * A co-op with more than a page of entries and more than a hundred members with patronage: "Show more" on the
 * admin's book page brings in the rest of both lists (the API serves at most 100 items a page).
 */
describe('the books page past its first page (Chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let admin: TestMember;
  let periodId: string;
  const ENTRIES = 105;
  const MEMBERS = 160;

  beforeAll(async () => {
    buildWebApp();
    t = await TestApp.start();
    await t.foundBylaws({ minVotingHours: 0, noticeDays: 0 });
    admin = await t.admin();
    periodId = await openPeriod(t, admin);
    for (let n = 1; n <= ENTRIES; n += 1) await recordEntry(t, admin, periodId, 'REVENUE', `${n}.00`, `Sale ${n}`);
    const { rows } = await t.sql.query(
      `INSERT INTO members (name, email, password_hash, status, roles, stakeholder_class, joined_at)
       SELECT 'Paged Member ' || lpad(n::text, 3, '0'), 'paged' || n || '@coop.test', 'not-a-hash', 'ACTIVE', '{MEMBER}', 'WORKER', now()
       FROM generate_series(1, $1::int) AS n RETURNING email`,
      [MEMBERS],
    );
    const csv = rows.map((row: { email: string }) => `${row.email},1`).join('\n');
    await t.ok(IMPORT, { periodId, csv }, admin.token);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'en-GB' });
    page = await context.newPage();
    await signInWithToken(page, t.baseUrl, admin.token);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('shows every entry and every member’s patronage after Show more', async () => {
    await page.goto(`${t.baseUrl}/admin/books/${periodId}`);
    const entries = page.getByRole('region', { name: 'Revenue and expenses' });
    const entryList = entries.getByRole('list', { name: 'Entries' });
    await entryList.getByText(/ · Sale 100$/).waitFor();
    expect(await entryList.getByRole('listitem').count()).toBe(100);
    await entries.getByRole('button', { name: 'Show more' }).click();
    await entryList.getByText(new RegExp(` · Sale ${ENTRIES}$`)).waitFor();
    expect(await entryList.getByRole('listitem').count()).toBe(ENTRIES);
    await entryList.getByText(/ · Sale 1$/).waitFor();
    expect(await entries.getByRole('button', { name: 'Show more' }).count()).toBe(0);

    const patronage = page.getByRole('region', { name: 'Patronage' });
    const rows = patronage.getByRole('table').locator('tbody tr');
    await patronage.getByText(`Patronage recorded (members: ${MEMBERS})`).waitFor();
    while ((await rows.count()) < MEMBERS) {
      const before = await rows.count();
      expect(await patronage.getByRole('alert').count()).toBe(0);
      await patronage.getByRole('button', { name: 'Show more' }).click();
      // The next page arrives: one more row than before at least.
      await rows.nth(before).waitFor({ timeout: 15_000 });
    }
    expect(await rows.count()).toBe(MEMBERS);
    await patronage.getByText(`Paged Member ${String(MEMBERS).padStart(3, '0')}`).waitFor();
    await patronage.getByText('Paged Member 001').waitFor();
    expect(await patronage.getByRole('button', { name: 'Show more' }).count()).toBe(0);
  });
});
