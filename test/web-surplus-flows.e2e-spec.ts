import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TestApp, type TestMember } from '@commons/testing';
import {
  CLOSE_PERIOD,
  decide,
  download,
  EXECUTE,
  FLOWS,
  openPeriod,
  policy,
  POSTINGS,
  propose,
  RECORD_PATRONAGE,
  recordEntry,
  TRIAL_BALANCE,
} from './surplus-helpers.js';
import { members } from './voting-helpers.js';
import { buildWebApp } from './web-helpers.js';
import { checkPage, DESKTOP, launchChromium, PHONE, signInWithToken } from './web-browser-helpers.js';

const CREATE_BUDGET = `mutation($input: CreateBudgetInput!) { createBudget(input: $input) { id commonsPostingId } }`;
const PHASE = `mutation($id: ID!, $phase: BudgetPhase!) { setBudgetPhase(id: $id, phase: $phase) { id phase } }`;
const SUBMIT = `mutation($input: SubmitProjectInput!) { submitProject(input: $input) { id } }`;
const REVIEW = `mutation($id: ID!) { reviewProject(id: $id, accept: true) { id } }`;
const BALLOT = `mutation($input: BudgetBallotInput!) { castBudgetBallot(input: $input) }`;
const PROJECTS = `query($id: ID!) { budget(id: $id) { projects { id title status } } }`;

interface Flow {
  from: string;
  to: string;
  amount: string;
}

/** The UI's names of the accounts (words a reader sees, not results). */
const NAMES: Record<'en' | 'pl', Record<string, string>> = {
  en: {
    revenue: 'Revenue',
    expenses: 'Expenses',
    surplus: 'Surplus',
    reserve: 'Indivisible reserve',
    education: 'Education fund',
    commons: 'Commons fund',
    patronage_payable: 'Patronage refunds',
    member_capital: 'Retained in capital accounts',
    cash_payable: 'Refunds paid in cash',
  },
  pl: {
    revenue: 'Przychody',
    expenses: 'Koszty',
    surplus: 'Nadwyżka',
    reserve: 'Fundusz niepodzielny',
    education: 'Fundusz edukacyjny',
    commons: 'Fundusz dóbr wspólnych',
    patronage_payable: 'Zwroty od obrotów',
    member_capital: 'Zatrzymane na rachunkach kapitałowych',
    cash_payable: 'Zwroty wypłacone w gotówce',
  },
};

const cents = (amount: string) => BigInt(amount.replace('.', ''));
const decimal = (value: bigint) => `${value / 100n}.${String(value % 100n).padStart(2, '0')}`;

/** An exact amount as the page writes it in `locale` (Intl formats the decimal string, never a float). */
function written(amount: string, locale: string): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount as Intl.StringNumericLiteral);
}

/** Each account of the flows with the larger of its inflows and outflows, exactly. */
function nodesOf(flows: Flow[]): Map<string, string> {
  const ins = new Map<string, bigint>();
  const outs = new Map<string, bigint>();
  for (const flow of flows) {
    outs.set(flow.from, (outs.get(flow.from) ?? 0n) + cents(flow.amount));
    ins.set(flow.to, (ins.get(flow.to) ?? 0n) + cents(flow.amount));
  }
  const accounts = [...new Set(flows.flatMap((flow) => [flow.from, flow.to]))];
  return new Map(
    accounts.map((account) => {
      const inflow = ins.get(account) ?? 0n;
      const outflow = outs.get(account) ?? 0n;
      return [account, decimal(inflow > outflow ? inflow : outflow)];
    }),
  );
}

/**
 * An auditor follows a distributed year's money in Chromium at both widths, in English and in Polish: the
 * Sankey figure and its table match the API's surplusFlows, the postings page, the trial balance balances,
 * a CSV downloads, and the trace runs from a funded project to its posting, the vote, and forward again.
 * A plain member is refused. axe-core finds no serious or critical violation.
 */
describe.each([
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const)('the surplus flows page in Chromium (%s)', (width, viewport) => {
  let t: TestApp;
  let browser: Browser;
  let admin: TestMember;
  let auditor: TestMember;
  let voters: TestMember[];
  let periodId: string;
  let periodName: string;
  let proposalId: string;
  let proposalTitle: string;
  let budgetId: string;
  let drawNumber: number;
  let flows: Flow[];

  beforeAll(async () => {
    buildWebApp();
    t = await TestApp.start();
    await t.foundBylaws({ minVotingHours: 0 });
    admin = await t.admin();
    auditor = await t.member({ roles: ['MEMBER', 'AUDITOR'] as never, name: 'Aud Itor' });
    voters = await members(t, 3);
    // Twelve entries: with the closing, the distribution and the allocation, fifteen postings (two pages of ten).
    periodId = await openPeriod(t, admin);
    for (let month = 1; month <= 11; month += 1) await recordEntry(t, admin, periodId, 'REVENUE', '100.00', `Sales, month ${month}`);
    await recordEntry(t, admin, periodId, 'EXPENSE', '99.99', 'Rent');
    for (const [index, voter] of voters.entries())
      await t.ok(RECORD_PATRONAGE, { periodId, memberId: voter.id, amount: String(10 + index) }, admin.token);
    periodName = (await t.ok(CLOSE_PERIOD, { id: periodId }, admin.token)).closeFiscalPeriod.name;
    const distribution = await propose(t, admin, periodId, policy('30', '10', '20', '40', '25'));
    proposalId = distribution.proposalId;
    proposalTitle = (await t.ok(`query($id: ID!) { proposal(id: $id) { title } }`, { id: proposalId }, admin.token)).proposal.title;
    await decide(t, admin, distribution, voters, 'FOR');
    await t.ok(EXECUTE, { id: distribution.id }, admin.token);
    // A participatory budget paid from the commons share, with one project funded.
    const input = { title: 'Tool library', amount: '150.00', ballotRule: 'APPROVAL', allocationMethod: 'GREEDY', fundFromCommons: true };
    const budget = (await t.ok(CREATE_BUDGET, { input }, admin.token)).createBudget;
    budgetId = budget.id;
    await t.ok(PHASE, { id: budgetId, phase: 'SUBMISSION' }, admin.token);
    const project = (await t.ok(SUBMIT, { input: { budgetId, title: 'Shared drills', cost: '100.00' } }, voters[0].token)).submitProject;
    await t.ok(PHASE, { id: budgetId, phase: 'REVIEW' }, admin.token);
    await t.ok(REVIEW, { id: project.id }, admin.token);
    await t.ok(PHASE, { id: budgetId, phase: 'VOTING' }, admin.token);
    await t.ok(BALLOT, { input: { budgetId, projectIds: [project.id] } }, voters[1].token);
    await t.ok(PHASE, { id: budgetId, phase: 'CLOSED' }, admin.token);
    expect((await t.ok(PROJECTS, { id: budgetId }, admin.token)).budget.projects).toEqual([
      { id: project.id, title: 'Shared drills', status: 'FUNDED' },
    ]);
    const draws = (await t.ok(POSTINGS, { account: 'commons', first: 10 }, auditor.token)).ledgerPostings.edges;
    drawNumber = draws.find((edge: { node: { id: string } }) => edge.node.id === budget.commonsPostingId).node.number;
    flows = (await t.ok(FLOWS, { periodId }, auditor.token)).surplusFlows;
    expect(flows).toContainEqual({ from: 'commons', to: `budget:${budgetId}`, amount: '150.00' });
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  async function open(who: TestMember, locale: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport, locale, acceptDownloads: true });
    const page = await context.newPage();
    await signInWithToken(page, t.baseUrl, who.token);
    return { context, page };
  }

  const check = (page: Page, label: string) => checkPage(page, `surplus-flows-${width}-${label}`);

  const name = (language: 'en' | 'pl', account: string) => (account === `budget:${budgetId}` ? 'Tool library' : NAMES[language][account]);

  /** The figure's nodes and the table's rows are the API's flows, names and exact amounts. */
  async function expectFlows(page: Page, language: 'en' | 'pl', locale: string, figureName: string, tableName: string) {
    const figure = page.getByRole('figure', { name: figureName });
    await figure.waitFor();
    await figure.screenshot({ path: `dist/screenshots/surplus-flows-${width}-figure-${language}.png` });
    await expect(figure.getByRole('img').getAttribute('aria-label')).resolves.toContain(written(flows[0].amount, locale));
    const drawn = await figure.locator('.sankey-node').evaluateAll((nodes) =>
      nodes.map((node) => ({
        account: node.getAttribute('data-account'),
        name: node.querySelector('.sankey-name')?.textContent,
        amount: node.querySelector('.sankey-amount')?.textContent,
      })),
    );
    const expected = [...nodesOf(flows)].map(([account, amount]) => ({
      account,
      name: name(language, account),
      amount: written(amount, locale),
    }));
    expect(drawn).toEqual(expected);
    const rows = await page
      .getByRole('table', { name: tableName })
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows).toEqual(flows.map((flow) => [name(language, flow.from), name(language, flow.to), written(flow.amount, locale)]));
  }

  it('an auditor follows the money: figure, table, postings, trial balance, a CSV, and the commons trace back and forward', async () => {
    const { context, page } = await open(auditor, 'en-GB');
    await page.goto(`${t.baseUrl}/surplus`);
    await page.getByRole('link', { name: 'Follow the money (auditors)' }).click();
    await page.getByRole('heading', { level: 1, name: `Surplus flows: ${periodName}` }).waitFor();
    await expectFlows(page, 'en', 'en-GB', 'Surplus flows', 'The flows, account to account');

    // The trial balance, as the API gives it, balanced.
    const balances: Array<{ account: string; debit: string; credit: string }> = (await t.ok(TRIAL_BALANCE, { periodId }, auditor.token))
      .trialBalance;
    const total = decimal(balances.reduce((sum, row) => sum + cents(row.debit), 0n));
    await page.getByText(`Balanced: debits and credits are both ${written(total, 'en-GB')}.`).waitFor();
    for (const row of balances)
      await page
        .getByRole('row', {
          name: `${NAMES.en[row.account] ?? row.account} ${written(row.debit, 'en-GB')} ${written(row.credit, 'en-GB')}`,
        })
        .waitFor();

    // Fifteen postings, ten at a time.
    const all = (await t.ok(POSTINGS, { periodId, first: 50 }, auditor.token)).ledgerPostings;
    expect(all.totalCount).toBe(15);
    const postings = page.getByRole('list', { name: `Postings: ${all.totalCount}` });
    await postings.waitFor();
    const numbers = () => page.locator('.postings > li strong').allTextContents();
    expect(await numbers()).toEqual(all.edges.slice(0, 10).map((edge: { node: { number: number } }) => `#${edge.node.number}`));
    await page.getByRole('button', { name: 'Show more' }).click();
    await page.getByText(`${periodName}: Allocate patronage refunds to members`).waitFor();
    expect(await numbers()).toEqual(all.edges.map((edge: { node: { number: number } }) => `#${edge.node.number}`));
    expect(await page.getByRole('button', { name: 'Show more' }).count()).toBe(0);

    // The ledger CSV, fetched with the auditor's token: the same file the API serves.
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the ledger (CSV)' }).click(),
    ]);
    expect(file.suggestedFilename()).toBe(`ledger-${periodName}.csv`);
    const served = await download(t, `/exports/ledger.csv?periodId=${periodId}`, auditor.token);
    expect(readFileSync((await file.path())!, 'utf8')).toBe(served.body);
    await check(page, 'auditor');

    // Forward: what the commons share funded.
    const funded = page.getByRole('list', { name: 'Funded from this period’s commons share' });
    await funded.getByText(`150.00, drawn by posting #${drawNumber}`).waitFor();
    // Back: from the funded project to the posting that paid its budget and the vote that made the money.
    await page.getByLabel('Funded project').selectOption({ label: 'Shared drills' });
    const trace = page.getByRole('list', { name: 'Where the money of “Shared drills” came from' });
    await trace.getByRole('link', { name: 'Tool library' }).waitFor();
    await trace.getByText(new RegExp(`posting #${drawNumber} on .*, 150\\.00:`)).waitFor();
    await trace.getByText(`150.00 of it was the commons share of ${periodName}, distributed after`).waitFor();
    const vote = trace.getByRole('link', { name: `the vote “${proposalTitle}”` });
    expect(await vote.getAttribute('href')).toBe(`/proposals/${proposalId}`);
    await check(page, 'trace');
    await vote.click();
    await page.getByRole('heading', { level: 1, name: proposalTitle }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/proposals/${proposalId}`);
    await page.goBack();
    await page.getByLabel('Funded project').selectOption({ label: 'Shared drills' });
    await trace.getByRole('link', { name: `what else the commons share of ${periodName} funded` }).click();
    expect(new URL(page.url()).hash).toBe('#commons-forward');
    await funded.getByRole('link', { name: 'Tool library' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tool library' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/budgets/${budgetId}`);
    await context.close();
  });

  it('in Polish, with the amounts written the Polish way', async () => {
    const { context, page } = await open(auditor, 'pl-PL');
    await page.goto(`${t.baseUrl}/surplus/${periodId}`);
    await page.getByRole('heading', { level: 1, name: `Przepływy nadwyżki: ${periodName}` }).waitFor();
    await expectFlows(page, 'pl', 'pl-PL', 'Przepływy nadwyżki', 'Przepływy, z konta na konto');
    await page.getByText(/^Bilansuje się: strony Wn i Ma wynoszą po /).waitFor();
    await page.getByRole('list', { name: 'Księgowania: 15' }).waitFor();
    await page.getByRole('button', { name: 'Pobierz przydziały członków (CSV)' }).waitFor();
    await page.getByLabel('Sfinansowany projekt').selectOption({ label: 'Shared drills' });
    await page.getByRole('list', { name: 'Skąd pochodzą pieniądze projektu „Shared drills”' }).waitFor();
    await check(page, 'polish');
    await context.close();
  });

  it('a plain member gets no link and a clear refusal, never the data; the API refuses too', async () => {
    const { context, page } = await open(voters[0], 'en-GB');
    await page.goto(`${t.baseUrl}/surplus`);
    await page.getByRole('heading', { level: 1, name: 'My share of the surplus' }).waitFor();
    await page.getByRole('heading', { level: 2, name: periodName }).waitFor();
    expect(await page.getByRole('link', { name: 'Follow the money (auditors)' }).count()).toBe(0);
    await page.goto(`${t.baseUrl}/surplus/${periodId}`);
    await page.getByRole('heading', { level: 1, name: 'Not allowed' }).waitFor();
    await page
      .getByRole('alert')
      .getByText('Only auditors and admins may follow the money through the ledger.', { exact: false })
      .waitFor();
    expect(await page.getByRole('figure').count()).toBe(0);
    expect(await page.getByRole('table').count()).toBe(0);
    await check(page, 'member');
    for (const query of [
      `query($periodId: ID!) { trialBalance(periodId: $periodId) { account } }`,
      `query($periodId: ID!) { ledgerPostings(periodId: $periodId) { totalCount } }`,
      `query($periodId: ID!) { commonsFunding(periodId: $periodId) { amount } }`,
    ]) {
      const refused = await t.gql(query, { periodId }, voters[0].token);
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect((await download(t, `/exports/ledger.csv?periodId=${periodId}`, voters[0].token)).status).toBe(403);
    await context.close();
  });
});
