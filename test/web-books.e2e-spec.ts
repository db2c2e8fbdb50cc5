import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TestApp, type TestMember } from '@commons/testing';
import { CLOSE_PROPOSAL, closedPeriod, VOTE } from './surplus-helpers.js';
import { buildWebApp } from './web-helpers.js';
import { checkPage, DESKTOP, launchChromium, PHONE, signInWithToken } from './web-browser-helpers.js';

const PERIOD = `query($id: ID!) { fiscalPeriod(id: $id) { status revenue expenses surplus
  distribution { id status amounts { reserve education commons patronage } proposal { id options { id label } } } } }`;
const PATRONAGE = `query($periodId: ID!) { patronageRecords(periodId: $periodId, first: 50) {
  totalCount edges { node { amount member { id } } } } }`;
const IMPORT = `mutation($periodId: ID!, $csv: String!) { importPatronage(periodId: $periodId, csv: $csv) { members } }`;
const MINIMUMS = `mutation($input: SurplusPolicyMinimumsInput!) { setSurplusPolicyMinimums(input: $input) { reserve education } }`;

/**
 * An admin runs a fiscal year in a real browser (Debian's Chromium) against the real API on PostgreSQL, at a desktop
 * width and at a phone's, entirely in the UI: opens a period, records revenue and expenses (reversing a mistake),
 * uploads a patronage CSV with bad lines (each named, nothing written) and then a good one, closes the period, sets
 * a split watching each share's money follow the percentages, is refused a split under the bylaws' floor, proposes
 * one; the members vote it through; the admin executes it. A plain member sees none of it. axe-core finds no serious
 * or critical violation on any page; nothing scrolls sideways.
 */
describe.each([
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const)('the books in Chromium (%s)', (width, viewport) => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: TestMember;
  let members: TestMember[];
  let periodId: string;

  beforeAll(async () => {
    buildWebApp();
    t = await TestApp.start();
    await t.foundBylaws({ minVotingHours: 0, noticeDays: 0, reserveMinimum: '20' });
    admin = await t.admin();
    await t.ok(MINIMUMS, { input: { education: '5' } }, admin.token);
    members = [
      await t.member({ name: `Ana Worker ${width}` }),
      await t.member({ name: `Ben Worker ${width}` }),
      await t.member({ name: `Cai Worker ${width}` }),
    ];
    browser = await launchChromium();
    context = await browser.newContext({ viewport, locale: 'en-GB' });
    page = await context.newPage();
    await signInAs(page, admin.token);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  const signInAs = (into: Page, token: string) => signInWithToken(into, t.baseUrl, token);

  const check = (on: Page, label: string) => checkPage(on, `books-${width}-${label}`);

  const csvFile = (name: string, lines: string[]) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });

  it('opens a period and records its revenue and expenses, reversing a mistake', async () => {
    await page.goto(`${t.baseUrl}/`);
    await page.getByRole('link', { name: 'Admin: books' }).click();
    await page.getByRole('heading', { name: 'The books', level: 1 }).waitFor();
    await page.getByText('No fiscal period has been opened yet.').waitFor();
    const form = page.getByRole('region', { name: 'Open a fiscal period' });
    await form.getByLabel('Name').fill(`FY2031 ${width}`);
    await form.getByLabel('First day').fill('2031-01-01');
    await form.getByLabel('Last day').fill('2031-12-31');
    await check(page, 'periods');
    await form.getByRole('button', { name: 'Open the period' }).click();
    await page.getByRole('heading', { name: `FY2031 ${width}`, level: 1 }).waitFor();
    periodId = page.url().split('/').pop()!;
    await page.getByText('1 Jan 2031 – 31 Dec 2031').waitFor();

    const entries = page.getByRole('region', { name: 'Revenue and expenses' });
    async function record(kind: 'Revenue' | 'Expense', amount: string, memo: string, done: string): Promise<void> {
      await entries.getByLabel('Kind of entry').selectOption({ label: kind });
      await entries.getByLabel('Amount').fill(amount);
      await entries.getByLabel('Description').fill(memo);
      await entries.getByRole('button', { name: 'Record the entry' }).click();
      await page.getByText(done).waitFor();
    }
    await record('Revenue', '80000', 'Sales', 'Revenue of 80,000.00 recorded.');
    await record('Expense', '15000.50', 'Rent', 'Expense of 15,000.50 recorded.');
    await record('Expense', '999', 'Typo', 'Expense of 999.00 recorded.');
    const typo = entries.getByRole('listitem').filter({ hasText: 'Typo' });
    await typo.getByText('Expense 999.00').waitFor();
    await typo.getByRole('button', { name: /Reverse entry #\d+…/ }).click();
    await typo.getByText('the period’s expenses drop by 999.00').waitFor();
    await typo.getByLabel('Why it is reversed').fill('Typed by mistake');
    await check(page, 'reverse');
    await typo.getByRole('button', { name: 'Yes, reverse it' }).click();
    await page.getByText(/Entry #\d+ was reversed\./).waitFor();
    await entries.getByText(/Reversal of entry #\d+: 999\.00/).waitFor();
    await typo.first().getByText('Reversed').waitFor();
    const summary = page.getByRole('definition');
    await summary.filter({ hasText: '64,999.50' }).waitFor();
    expect(await t.ok(PERIOD, { id: periodId }, admin.token)).toMatchObject({
      fiscalPeriod: { status: 'OPEN', revenue: '80000.00', expenses: '15000.50', surplus: '64999.50' },
    });
    await check(page, 'entries');
  });

  it('refuses a patronage CSV with bad lines, naming each, and writes nothing; then records a good one', async () => {
    const [ana, ben, cai] = members;
    const patronage = page.getByRole('region', { name: 'Patronage', exact: true });
    await patronage
      .getByLabel('Patronage file (CSV)')
      .setInputFiles(
        csvFile('bad.csv', [
          'email,amount',
          `${ana.email},1000`,
          'nobody@coop.test,5',
          `${ben.email},6OO`,
          `${ana.email},3`,
          `${cai.email};400`,
        ]),
      );
    await patronage.getByRole('button', { name: 'Upload patronage' }).click();
    const alert = patronage.getByRole('alert');
    await alert.getByText('Wrong lines: 4. Nothing was recorded').waitFor();
    await alert.getByText('Line 3: no member has the email nobody@coop.test.').waitFor();
    await alert.getByText('Line 4: the amount is not 0 or more with at most 2 decimals.').waitFor();
    await alert.getByText(`Line 5: ${ana.email} is already on line 2.`).waitFor();
    await alert.getByText('Line 6: it needs exactly 2 columns, email and amount.').waitFor();
    expect((await t.ok(PATRONAGE, { periodId }, admin.token)).patronageRecords.totalCount).toBe(0);
    await check(page, 'patronage-refused');

    await patronage
      .getByLabel('Patronage file (CSV)')
      .setInputFiles(csvFile('good.csv', ['email,amount', `${ana.email},1000`, `${ben.email},600.5`, `${cai.email},400`, '']));
    await patronage.getByRole('button', { name: 'Upload patronage' }).click();
    await page.getByText('Patronage recorded for members: 3 (replacing earlier figures: 0), in all 2,000.50.').waitFor();
    await patronage.getByRole('row', { name: new RegExp(`Ben Worker ${width}.*600\\.50`) }).waitFor();
    const { patronageRecords } = await t.ok(PATRONAGE, { periodId }, admin.token);
    expect(
      Object.fromEntries(
        patronageRecords.edges.map(({ node }: { node: { amount: string; member: { id: string } } }) => [node.member.id, node.amount]),
      ),
    ).toEqual({ [ana.id]: '1000.00', [ben.id]: '600.50', [cai.id]: '400.00' });
    await check(page, 'patronage');
  });

  it('closes the period after saying what closing means', async () => {
    const close = page.getByRole('region', { name: 'Close the period' });
    await close.getByRole('button', { name: `Close FY2031 ${width}…` }).click();
    await close
      .getByText('Closing moves the revenue (80,000.00) and the expenses (15,000.50) into the surplus, 64,999.50. No entry can be recorded')
      .waitFor();
    await check(page, 'close-confirm');
    await close.getByRole('button', { name: `Yes, close FY2031 ${width}` }).click();
    await page.getByText(`FY2031 ${width} is closed.`).waitFor();
    await page.getByText('The period is closed: no entries can be recorded or reversed.').waitFor();
    expect((await t.ok(PERIOD, { id: periodId }, admin.token)).fiscalPeriod.status).toBe('CLOSED');
  });

  it('shows each share’s money as the percentages change, refuses a split under the bylaws’ floor, and proposes one', async () => {
    const editor = page.getByRole('region', { name: 'Propose the split' });
    const preview = editor.getByRole('table', { name: 'What each share gets' });
    const row = (share: string) => preview.getByRole('row', { name: new RegExp(`^${share}`) });
    await row('Indivisible reserve').getByText('19,499.85').waitFor();
    await row('Patronage refunds').getByText('25,999.80').waitFor();
    await editor.getByText('at least 20 % by the bylaws').first().waitFor();

    // 35 % and 15 % of 64 999.50 both end in half a cent: the cent goes to the larger percentage, as the API does it.
    await editor.getByLabel('Indivisible reserve (%)').fill('35');
    await editor.getByLabel('Commons (%)').fill('15');
    await row('Indivisible reserve').getByText('22,749.83').waitFor();
    await row('Commons').getByText('9,749.92').waitFor();
    await row('Education fund').getByText('6,499.95').waitFor();
    await row('In all').getByText('64,999.50').waitFor();

    await editor.getByLabel('Commons (%)').fill('10');
    await editor.getByText('they add up to 95 %').waitFor();
    await editor.getByLabel('Indivisible reserve (%)').fill('15');
    await editor.getByLabel('Commons (%)').fill('35');
    await row('Indivisible reserve').getByText('9,749.92').waitFor();
    await row('Commons').getByText('22,749.83').waitFor();
    await editor.getByRole('button', { name: 'Propose this split to the members' }).click();
    await editor.getByText('The split was not proposed, because:').waitFor();
    await editor.getByText('Indivisible reserve must be at least 20 %: the bylaws refuse less.').waitFor();
    await check(page, 'split-refused');
    expect((await t.ok(PERIOD, { id: periodId }, admin.token)).fiscalPeriod.distribution).toBeNull();

    await editor.getByLabel('Indivisible reserve (%)').fill('35');
    await editor.getByLabel('Commons (%)').fill('15');
    await editor.getByLabel('Refunds paid in cash (%)').fill('25');
    await check(page, 'split');
    await editor.getByRole('button', { name: 'Propose this split to the members' }).click();
    await page.getByText('The split was proposed: the members can now vote on it.').waitFor();
    const distribution = page.getByRole('region', { name: 'The surplus split' });
    await distribution.getByText('Proposed: the members are voting on it.').waitFor();
    await distribution.getByRole('row', { name: /Indivisible reserve.*35 %.*22,749\.83/ }).waitFor();
    await distribution.getByRole('row', { name: /Commons.*15 %.*9,749\.92/ }).waitFor();
    await distribution.getByRole('link').waitFor();
    const { fiscalPeriod } = await t.ok(PERIOD, { id: periodId }, admin.token);
    expect(fiscalPeriod.distribution).toMatchObject({
      status: 'PROPOSED',
      amounts: { reserve: '22749.83', education: '6499.95', commons: '9749.92', patronage: '25999.80' },
    });
    expect(await distribution.getByRole('link').getAttribute('href')).toBe(`/proposals/${fiscalPeriod.distribution.proposal.id}`);
    expect(await page.getByRole('region', { name: 'Propose the split' }).count()).toBe(0);
    await check(page, 'proposed');
  });

  it('executes the split once the members approved it, and the period is distributed', async () => {
    const { fiscalPeriod } = await t.ok(PERIOD, { id: periodId }, admin.token);
    const proposal = fiscalPeriod.distribution.proposal;
    const yes = proposal.options.find((option: { label: string }) => option.label === 'FOR').id;
    const { rows } = await t.sql.query(`SELECT id FROM members WHERE status = 'ACTIVE'`);
    for (const { id } of rows) await t.ok(VOTE, { input: { proposalId: proposal.id, optionIds: [yes] } }, await t.token(id));
    expect((await t.ok(CLOSE_PROPOSAL, { id: proposal.id }, admin.token)).closeProposal.outcome).toBe('PASSED');

    await page.reload();
    const distribution = page.getByRole('region', { name: 'The surplus split' });
    await distribution.getByText('Approved by the members: ready to execute.').waitFor();
    await distribution.getByRole('button', { name: 'Execute the split…' }).click();
    await distribution.getByText('22,749.83 to the indivisible reserve').waitFor();
    await check(page, 'execute-confirm');
    await distribution.getByRole('button', { name: 'Yes, execute it' }).click();
    await page.getByText('The split was executed: the surplus is distributed.').waitFor();
    await distribution.getByText('Executed: the surplus is distributed.').waitFor();
    await page.getByRole('definition').filter({ hasText: 'Distributed' }).waitFor();
    await page.getByText('Patronage is fixed while the members vote').waitFor();
    expect((await t.ok(PERIOD, { id: periodId }, admin.token)).fiscalPeriod).toMatchObject({
      status: 'DISTRIBUTED',
      distribution: { status: 'POSTED' },
    });
    await check(page, 'distributed');
    await page.goto(`${t.baseUrl}/admin/books`);
    await page
      .getByRole('listitem')
      .filter({ hasText: `FY2031 ${width}` })
      .getByText('Distributed')
      .waitFor();
  });

  it('a plain member sees no books link and no admin data, and the API refuses them', async () => {
    const member = members[0];
    const other = await browser.newContext({ viewport, locale: 'en-GB' });
    const theirs = await other.newPage();
    await signInAs(theirs, member.token);
    await theirs.goto(`${t.baseUrl}/`);
    await theirs.getByRole('link', { name: 'Proposals' }).waitFor();
    expect(await theirs.getByRole('link', { name: 'Admin: books' }).count()).toBe(0);
    for (const path of ['/admin/books', `/admin/books/${periodId}`]) {
      await theirs.goto(`${t.baseUrl}${path}`);
      await theirs.getByRole('heading', { name: 'Admins only' }).waitFor();
      expect(await theirs.getByText(`FY2031 ${width}`).count()).toBe(0);
      expect(await theirs.getByText(members[1].email).count()).toBe(0);
      expect(await theirs.getByRole('button', { name: /Open the period|Upload|Propose|Execute/ }).count()).toBe(0);
    }
    await check(theirs, 'member-refused');
    const before = await t.ok(PATRONAGE, { periodId }, admin.token);
    const other2 = await closedPeriod(t, admin, { revenue: '10.00' });
    for (const [query, variables] of [
      [PATRONAGE, { periodId }],
      [IMPORT, { periodId: other2, csv: `${member.email},1` }],
    ] as const) {
      expect((await t.gql(query, variables, member.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await t.ok(PATRONAGE, { periodId }, admin.token)).toEqual(before);
    expect((await t.ok(PATRONAGE, { periodId: other2 }, admin.token)).patronageRecords.totalCount).toBe(0);
    await other.close();
  });

  it('the books in Polish', async () => {
    const second = await closedPeriod(t, admin, { revenue: '1234.56' });
    await page.goto(`${t.baseUrl}/admin/books`);
    await page.getByLabel('Language').selectOption('pl');
    await page.getByRole('heading', { name: 'Księgi', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Otwórz okres obrachunkowy' }).waitFor();
    await check(page, 'periods-pl');
    await page.goto(`${t.baseUrl}/admin/books/${second}`);
    const editor = page.getByRole('region', { name: 'Zaproponuj podział' });
    await editor
      .getByRole('row', { name: /^Fundusz niepodzielny/ })
      .getByText('370,37')
      .waitFor();
    await editor.getByLabel('Fundusz edukacyjny (%)').fill('2,5');
    await editor.getByText('Fundusz edukacyjny: co najmniej 5 %, statut nie pozwala na mniej.').waitFor();
    await check(page, 'split-pl');
    await page.goto(`${t.baseUrl}/admin/books/${periodId}`);
    await page.getByText('Wykonany: nadwyżka została rozdzielona.').waitFor();
    await check(page, 'distributed-pl');
    await page.getByLabel('Język').selectOption('en');
  });
});
