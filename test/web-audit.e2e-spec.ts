import type { Browser, BrowserContext, Page } from 'playwright-core';
import { tamperWithAuditLog, TestApp, type TestMember } from '@commons/testing';
import { CLOSE, openProposal, vote } from './voting-helpers.js';
import { buildWebApp } from './web-helpers.js';
import { checkPage, DESKTOP, launchChromium, PHONE, signInWithToken } from './web-browser-helpers.js';

/**
 * An auditor in Chromium at both widths: reads the audit log, filters and verifies its chain; a member gets
 * neither the link nor the data. axe-core finds no serious or critical violation.
 */
describe.each([
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const)('the auditor pages in Chromium (%s)', (width, viewport) => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let auditor: TestMember;
  let member: TestMember;

  beforeAll(async () => {
    buildWebApp();
    t = await TestApp.start();
    await t.foundBylaws({ minVotingHours: 0, noticeDays: 0 });
    const admin = await t.admin();
    auditor = await t.member({ roles: ['MEMBER', 'AUDITOR'] as never, name: 'Aud Itor' });
    member = await t.member({ name: 'Mem Ber' });
    const proposal = await openProposal(t, admin, { title: 'Paint the door', method: 'MAJORITY' });
    await vote(t, member, proposal, ['FOR']);
    await t.ok(CLOSE, { id: proposal.id }, admin.token);
    browser = await launchChromium();
    context = await browser.newContext({ viewport, locale: 'en-GB' });
    page = await context.newPage();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  async function signInAs(who: TestMember): Promise<void> {
    await signInWithToken(page, t.baseUrl, who.token);
  }

  const check = (label: string) => checkPage(page, `audit-${width}-${label}`);

  it('an auditor reads the log, filters it by action, and verifies the chain in words', async () => {
    await signInAs(auditor);
    await page.goto(`${t.baseUrl}/`);
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    await page.getByRole('list', { name: /^Entries: \d+$/ }).waitFor();
    await page.getByText('proposal.closed').first().waitFor();

    await page.getByLabel('Action').fill('proposal.closed');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByRole('list', { name: 'Entries: 1' }).waitFor();
    expect(await page.getByText('proposal.opened').count()).toBe(0);

    await page.getByRole('button', { name: 'Verify chain' }).click();
    const verification = page.getByRole('status', { name: 'Chain verification' });
    await verification.getByText(/The chain is valid\. Entries checked: \d+\./).waitFor();
    await check('log-verified');
  });

  it('an auditor reads governance health: the measures, the alert in words, the chart and its table', async () => {
    await signInAs(auditor);
    await page.goto(`${t.baseUrl}/`);
    await page.getByRole('link', { name: 'Governance health' }).click();
    await page.getByRole('heading', { name: 'Governance health', level: 1 }).waitFor();
    // Three ACTIVE members (the admin, the auditor, the member); only the member voted.
    await page.getByText('Only 33.3% of the active members took part in any decision (decisions: 1).').waitFor();
    await page.getByRole('figure', { name: 'Participation, largest voter’s share and Gini per closed proposal' }).waitFor();
    await page.getByRole('row', { name: /Paint the door/ }).waitFor();
    await check('health');
  });

  it('reads governance health in Polish, its alerts worded in Polish too', async () => {
    await signInAs(auditor);
    await page.goto(`${t.baseUrl}/governance-health`);
    await page.getByLabel('Language').selectOption('pl');
    try {
      await page.getByRole('heading', { name: 'Kondycja demokracji', level: 1 }).waitFor();
      await page.getByText('Tylko 33,3% aktywnych członków wzięło udział w którejkolwiek decyzji (decyzje: 1).').waitFor();
      expect(await page.locator('li[lang="en"]').count()).toBe(0);
      await check('health-pl');
    } finally {
      await page.getByLabel('Język').selectOption('en');
    }
  });

  it('a member sees no link to the log, and the page shows them none of its data', async () => {
    await signInAs(member);
    await page.goto(`${t.baseUrl}/`);
    await page.getByRole('link', { name: 'Proposals' }).waitFor();
    expect(await page.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
    await page.goto(`${t.baseUrl}/audit`);
    await page.getByRole('alert').getByText('You may not do this.').waitFor();
    expect(await page.getByText('proposal.closed').count()).toBe(0);
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByRole('status', { name: 'Chain verification' }).getByText('You may not do this.').waitFor();
    await check('log-refused');
  });

  // Last: it breaks the chain for good.
  it('finds a broken chain, names its first broken entry, and opens the log there', async () => {
    const { rows } = await t.sql.query<{ seq: string; action: string }>(
      `SELECT seq, action FROM audit_entries WHERE seq IS NOT NULL ORDER BY seq LIMIT 1 OFFSET 1`,
    );
    const seq = Number(rows[0].seq);
    await tamperWithAuditLog(t, [`UPDATE audit_entries SET data = '{"forged": true}' WHERE seq = $1`, [seq]]);

    await signInAs(auditor);
    await page.goto(`${t.baseUrl}/audit`);
    await page.getByRole('button', { name: 'Verify chain' }).click();
    const verification = page.getByRole('status', { name: 'Chain verification' });
    await verification.getByText(/The chain is broken\. Entries checked: \d+\./).waitFor();
    await verification.getByRole('link', { name: `The first broken entry is #${seq}.` }).click();

    await page.getByText(`Entry #${seq} and those before it.`).waitFor();
    const opened = page.locator('[aria-current="true"]');
    await opened.getByText(`#${seq}`, { exact: true }).waitFor();
    await opened.getByText(rows[0].action, { exact: true }).waitFor();
    expect(await page.evaluate('document.activeElement?.id')).toBe(`audit-entry-${seq}`);
    expect(new URL(page.url()).search).toBe(`?entry=${seq}`);
    await check('log-broken');

    await page.getByRole('link', { name: 'Show the whole log' }).click();
    await page.getByRole('button', { name: 'Verify chain' }).waitFor();
    expect(await page.locator('[aria-current="true"]').count()).toBe(0);
  });
});
