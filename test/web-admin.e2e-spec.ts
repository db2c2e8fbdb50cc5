import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { MemberStatus } from '@commons/auth';
import { TestApp, type TestMember } from '@commons/testing';
import { CLOSE, OPEN, VOTE } from './voting-helpers.js';
import { buildWebApp } from './web-helpers.js';
import { checkPage, DESKTOP, launchChromium, PHONE, signInWithToken } from './web-browser-helpers.js';

const PABULIB = join(process.cwd(), 'test', 'fixtures', 'pabulib');
const SUBMIT = `mutation($input: SubmitProjectInput!) { submitProject(input: $input) { id } }`;
const BALLOT = `mutation($input: BudgetBallotInput!) { castBudgetBallot(input: $input) }`;
const OPTIONS = `query($id: ID!) { proposal(id: $id) { options { id label } } }`;
const PROJECTS = `query($id: ID!) { budget(id: $id) { projects { id title } } }`;

/**
 * An admin in a real browser (Debian's Chromium) against the real API on PostgreSQL, at a desktop width and at a
 * phone's: runs the admission queue and the register (suspend, reinstate, roles, the last-admin refusal), runs a
 * budget from DRAFT to its result, imports a Pabulib file (a bad one refused at its line, then Wieliczka 2023) and
 * exports it; a plain member sees none of it. axe-core finds no serious or critical violation on any page.
 */
describe.each([
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const)('the admin pages in Chromium (%s)', (width, viewport) => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: TestMember;
  let adminName: string;

  beforeAll(async () => {
    buildWebApp();
    t = await TestApp.start();
    await t.foundBylaws({ minVotingHours: 0, noticeDays: 0 });
    admin = await t.admin();
    adminName = (await t.sql.query('SELECT name FROM members WHERE id = $1', [admin.id])).rows[0].name;
    browser = await launchChromium();
    context = await browser.newContext({ viewport, locale: 'en-GB', acceptDownloads: true });
    page = await context.newPage();
    await signInAs(page, admin.token);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  const signInAs = (into: Page, token: string) => signInWithToken(into, t.baseUrl, token);

  /** Every page is checked with axe-core and photographed at this width. */
  const check = (on: Page, label: string) => checkPage(on, `admin-${width}-${label}`);

  async function standing(id: string): Promise<{ status: string; roles: string[]; suspension_reason: string | null }> {
    const { rows } = await t.sql.query('SELECT status, roles, suspension_reason FROM members WHERE id = $1', [id]);
    return rows[0];
  }

  it('admits an applicant from the queue, then suspends, reinstates and gives and takes a role', async () => {
    const applicant = await t.member({ status: MemberStatus.APPLICANT, name: `Ida Applicant ${width}` });
    const pending = await t.member({ status: MemberStatus.APPLICANT, name: `Jon Pending ${width}` });
    await page.goto(`${t.baseUrl}/`);
    await page.getByRole('link', { name: 'Admin: members' }).click();
    await page.getByRole('heading', { name: 'Admission queue' }).waitFor();
    await page.getByText(`Ida Applicant ${width}`).waitFor();
    await check(page, 'members');
    await page.getByRole('button', { name: `Admit Ida Applicant ${width}` }).click();
    await page.getByText(`Ida Applicant ${width} is now an active member.`).waitFor();
    expect((await standing(applicant.id)).status).toBe('ACTIVE');
    // Left pending: still in the queue, still an applicant.
    await page.getByRole('button', { name: `Admit Jon Pending ${width}` }).waitFor();
    expect((await standing(pending.id)).status).toBe('APPLICANT');

    const register = page.getByRole('region', { name: 'Register of members' });
    await register.getByLabel('Search by name or email').fill('ida app');
    await register.getByText('1 shown of').waitFor();
    const row = register.getByRole('listitem', { name: `Ida Applicant ${width}` });
    await row.getByRole('button', { name: `Suspend Ida Applicant ${width}` }).click();
    await row.getByLabel('Reason for the suspension (the member sees it)').fill('Unpaid shares for a year');
    await check(page, 'members-suspend');
    await row.getByRole('button', { name: 'Suspend', exact: true }).click();
    await register.getByText(`Ida Applicant ${width} is suspended.`).waitFor();
    await register.getByText(/No member matches/).waitFor();
    expect(await standing(applicant.id)).toMatchObject({ status: 'SUSPENDED', suspension_reason: 'Unpaid shares for a year' });

    await register.getByLabel('Standing').selectOption('SUSPENDED');
    await register.getByText('Suspended because: Unpaid shares for a year').waitFor();
    await register.getByRole('button', { name: `Reinstate Ida Applicant ${width}` }).click();
    await register.getByText(`Ida Applicant ${width} is active again.`).waitFor();
    await register.getByText(/No member matches/).waitFor();
    expect((await standing(applicant.id)).status).toBe('ACTIVE');

    await register.getByLabel('Standing').selectOption('ACTIVE');
    await register.getByRole('button', { name: `Make Ida Applicant ${width} Auditor` }).click();
    await register.getByRole('button', { name: `Take Auditor from Ida Applicant ${width}` }).waitFor();
    expect((await standing(applicant.id)).roles).toEqual(expect.arrayContaining(['AUDITOR']));
    await register.getByRole('button', { name: `Take Auditor from Ida Applicant ${width}` }).click();
    await register.getByRole('button', { name: `Make Ida Applicant ${width} Auditor` }).waitFor();
    expect((await standing(applicant.id)).roles).not.toContain('AUDITOR');
  });

  it('explains the refusal to leave the co-op without an admin', async () => {
    const register = page.getByRole('region', { name: 'Register of members' });
    await register.getByLabel('Search by name or email').fill(adminName);
    const row = register.getByRole('listitem', { name: adminName });
    await row.getByRole('button', { name: `Take Admin from ${adminName}` }).click();
    await row.getByRole('alert').getByText('this would leave the co-op without an active admin').waitFor();
    expect((await standing(admin.id)).roles).toContain('ADMIN');
    await check(page, 'members-last-admin');
  });

  it('runs a budget from DRAFT to its result, confirming each phase', async () => {
    const proposer = await t.member({ name: `Kai Proposer ${width}` });
    await page.getByRole('link', { name: 'Admin: budgets' }).click();
    await page.getByRole('heading', { name: 'Create a budget' }).waitFor();
    await page.getByLabel('Title').fill(`Garden fund ${width}`);
    await page.getByLabel('Amount').fill('1000');
    await page.getByLabel('Ballot rule').selectOption('KNAPSACK');
    await check(page, 'budgets');
    await page.getByRole('button', { name: 'Create budget' }).click();
    await page.getByRole('heading', { name: `Garden fund ${width}` }).waitFor();
    await page.getByText('Now: Being prepared.').waitFor();
    const budgetId = page.url().split('/').pop()!;

    async function advance(to: string, allows: string): Promise<void> {
      await page.getByRole('button', { name: `Move to “${to}”…` }).click();
      await page.getByText(allows).waitFor();
      await page.getByRole('button', { name: `Yes, move to “${to}”` }).click();
      await page.getByText(`The budget is now in the phase “${to}”.`).waitFor();
    }
    await page.getByRole('button', { name: 'Move to “Taking projects”…' }).click();
    await page.getByText('Members can then submit projects.').waitFor();
    await check(page, 'budget-confirm');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await advance('Taking projects', 'Members can then submit projects.');
    for (const [title, cost] of [
      ['Compost bins', '300'],
      ['Fountain', '900'],
    ])
      await t.ok(SUBMIT, { input: { budgetId, title, cost } }, proposer.token);
    await advance('Projects in review', 'admins accept or reject each one submitted');
    await page.reload();
    await page.getByRole('button', { name: 'Accept Compost bins' }).click();
    await page.getByText('Accepted').first().waitFor();
    await page.getByRole('button', { name: 'Reject Fountain' }).click();
    await page.getByLabel('Reason for the rejection (the proposer sees it)').fill('Costs more than the plot allows');
    await check(page, 'budget-review');
    await page.getByRole('button', { name: 'Reject', exact: true }).click();
    await page.getByText('Reason: Costs more than the plot allows').waitFor();
    await advance('Voting', 'Members can then vote on the accepted projects.');
    const { budget } = await t.ok(PROJECTS, { id: budgetId }, admin.token);
    const compost = budget.projects.find((project: { title: string }) => project.title === 'Compost bins');
    await t.ok(BALLOT, { input: { budgetId, projectIds: [compost.id] } }, proposer.token);
    await advance('Closed', 'This cannot be undone.');
    const result = page.getByRole('region', { name: 'Result' });
    await result.getByText('€300.00 spent, €700.00 left over, 1 voters.').waitFor();
    await result.getByRole('row', { name: /Compost bins/ }).waitFor();
    await check(page, 'budget-result');
  });

  it('refuses a broken Pabulib file naming its line, imports Wieliczka 2023, shows its result and exports it', async () => {
    await page.goto(`${t.baseUrl}/admin/budgets`);
    const form = page.getByRole('region', { name: 'Import a Pabulib file' });
    const good = readFileSync(join(PABULIB, 'poland_warszawa_2018_pole-mokotowskie.pb'), 'utf8').split('\n');
    const bad = good.map((line, index) => (index === 21 ? line.replace(';21064;', ';lots;') : line)).join('\n');
    await form.getByLabel('Pabulib file (.pb)').setInputFiles({ name: 'broken.pb', mimeType: 'text/plain', buffer: Buffer.from(bad) });
    await form.getByRole('button', { name: 'Import' }).click();
    await form.getByRole('alert').getByText('The file was refused at line 22; nothing was imported.').waitFor();
    await check(page, 'import-refused');

    await form.getByLabel('Pabulib file (.pb)').setInputFiles(join(PABULIB, 'poland_wieliczka_2023.pb'));
    await form.getByRole('button', { name: 'Import' }).click();
    await form.getByText('Imported:').waitFor({ timeout: 60_000 });
    await form.getByRole('link', { name: /Wieliczka/ }).click();
    const result = page.getByRole('region', { name: 'Result' });
    await result.getByText(/6586 voters\./).waitFor();
    const { rows } = await t.sql.query(
      `SELECT count(*)::int AS funded FROM budget_projects p JOIN budgets b ON b.id = p.budget_id
        WHERE b.title LIKE '%Wieliczka%' AND p.status = 'FUNDED'`,
    );
    expect(await result.getByRole('row').count()).toBe(rows[0].funded + 1);
    await check(page, 'import-result');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download Pabulib file' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.pb$/);
    const text = readFileSync((await file.path())!, 'utf8');
    expect(text.startsWith('META')).toBe(true);
    expect(text).toContain('PROJECTS');
    await page.getByText('The Pabulib file was downloaded.').waitFor();
  });

  it('a plain member sees no admin link and no admin data, and the API refuses them', async () => {
    const member = await t.member({ name: `Lea Member ${width}` });
    const applicant = await t.member({ status: MemberStatus.APPLICANT, name: `Max Hopeful ${width}` });
    const other = await context.browser()!.newContext({ viewport, locale: 'en-GB' });
    const theirs = await other.newPage();
    await signInAs(theirs, member.token);
    await theirs.goto(`${t.baseUrl}/`);
    await theirs.getByRole('link', { name: 'Proposals' }).waitFor();
    expect(await theirs.getByRole('link', { name: /Admin/ }).count()).toBe(0);
    for (const path of ['/admin/members', '/admin/budgets']) {
      await theirs.goto(`${t.baseUrl}${path}`);
      await theirs.getByRole('heading', { name: 'Admins only' }).waitFor();
      expect(await theirs.getByText(`Max Hopeful ${width}`).count()).toBe(0);
      expect(await theirs.getByRole('button', { name: /Admit|Create budget|Import/ }).count()).toBe(0);
    }
    await check(theirs, 'member-refused');
    const refused = await t.gql(`mutation($id: ID!) { admitMember(memberId: $id) { id } }`, { id: applicant.id }, member.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await standing(applicant.id)).status).toBe('APPLICANT');
    await other.close();
  });

  it('shows the bylaws in force and their history, and drafts an amendment that, once adopted, is the new version', async () => {
    await page.goto(`${t.baseUrl}/`);
    await page.getByRole('link', { name: 'Admin: bylaws' }).click();
    const current = page.getByRole('region', { name: /In force: version \d+/ });
    await current.waitFor();
    const before = Number((await current.getByRole('heading').textContent())!.match(/\d+/)![0]);
    await check(page, 'bylaws');
    const form = page.getByRole('region', { name: 'Propose an amendment' });
    await form.getByRole('button', { name: 'Draft the amendment' }).click();
    await form.getByLabel('Title of the proposal').fill(`A week's notice ${width}`);
    await form.getByLabel('Why this change').fill('Members need time to read the agenda.');
    await form.getByRole('button', { name: 'Draft the amendment' }).click();
    await form.getByText('Give a new value for at least one rule.').waitFor();
    await form.getByLabel('Least days of notice for an assembly').fill('7');
    await form.getByRole('button', { name: 'Draft the amendment' }).click();
    const link = form.getByRole('link', { name: `A week's notice ${width}` });
    await link.waitFor();
    const proposalId = (await link.getAttribute('href'))!.split('/').pop()!;

    await t.ok(OPEN, { id: proposalId }, admin.token);
    const { proposal } = await t.ok(OPTIONS, { id: proposalId }, admin.token);
    const yes = proposal.options.find((option: { label: string }) => option.label === 'FOR');
    const { rows } = await t.sql.query(`SELECT id FROM members WHERE status = 'ACTIVE'`);
    for (const { id } of rows) await t.ok(VOTE, { input: { proposalId, optionIds: [yes.id] } }, await t.token(id));
    const closed = await t.ok(CLOSE, { id: proposalId }, admin.token);
    expect(closed.closeProposal.outcome).toBe('PASSED');

    await page.reload();
    await page.getByRole('heading', { name: `In force: version ${before + 1}` }).waitFor();
    const history = page.getByRole('region', { name: 'History' });
    const latest = history.getByRole('listitem').filter({ hasText: `Version ${before + 1}` });
    await latest.getByRole('link', { name: `A week's notice ${width}` }).waitFor();
    await latest.getByText('Least days of notice for an assembly: 0 → 7').waitFor();
    await check(page, 'bylaws-amended');
  });

  it('the admin pages in Polish', async () => {
    await page.goto(`${t.baseUrl}/admin/members`);
    await page.getByLabel('Language').selectOption('pl');
    await page.getByRole('heading', { name: 'Kolejka przyjęć' }).waitFor();
    await check(page, 'members-pl');
    await page.goto(`${t.baseUrl}/admin/budgets`);
    await page.getByRole('heading', { name: 'Utwórz budżet' }).waitFor();
    await check(page, 'budgets-pl');
    await page.getByLabel('Język').selectOption('en');
  });
});
