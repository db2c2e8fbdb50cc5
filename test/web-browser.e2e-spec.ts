import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TestApp, type TestMember } from '@commons/testing';
import { convene } from './assembly-helpers.js';
import { CLOSE, openProposal, vote } from './voting-helpers.js';
import { buildWebApp } from './web-helpers.js';
import { checkPage, DESKTOP, launchChromium, PHONE } from './web-browser-helpers.js';

const ADMIT = `mutation($id: ID!) { admitMember(memberId: $id) { id status } }`;
const CREATE_BUDGET = `mutation($input: CreateBudgetInput!) { createBudget(input: $input) { id } }`;
const PHASE = `mutation($id: ID!, $phase: BudgetPhase!) { setBudgetPhase(id: $id, phase: $phase) { id phase } }`;
const REVIEW = `mutation($id: ID!) { reviewProject(id: $id, accept: true) { id status } }`;
const BUDGET_PROJECTS = `query($id: ID!) { budget(id: $id) { projects { id title } } }`;

/**
 * A member in a real browser (Debian's Chromium) against the real API on PostgreSQL, at a desktop width and at a
 * phone's: registers, is admitted, votes in every method, sees the live tally move, verifies a receipt,
 * delegates, submits a project and votes in a budget; axe-core finds no serious or critical violation.
 */
describe.each([
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const)('the web app in Chromium (%s)', (width, viewport) => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: TestMember;
  let me: { id: string; email: string; token: string };
  const name = `Ada ${width}`;
  const password = 'a long enough password';

  beforeAll(async () => {
    buildWebApp();
    t = await TestApp.start();
    await t.foundBylaws({ minVotingHours: 0, noticeDays: 0 });
    admin = await t.admin();
    browser = await launchChromium();
    context = await browser.newContext({ viewport, bypassCSP: false, locale: 'en-GB' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.baseUrl });
    page = await context.newPage();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  /** Every page is checked with axe-core and photographed at this width. */
  const check = (label: string) => checkPage(page, `${width}-${label}`);

  it('registers; an applicant sees they await admission; once admitted, the home page', async () => {
    await page.goto(`${t.baseUrl}/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await check('sign-in');
    await page.getByRole('link', { name: 'Register' }).click();
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Email').fill(`ada-${width}@coop.test`);
    await page.getByLabel('Password').fill(password);
    await check('register');
    await page.getByRole('button', { name: 'Register' }).click();
    await page.getByRole('heading', { name: 'Awaiting admission' }).waitFor();
    await check('awaiting-admission');

    const { rows } = await t.sql.query('SELECT id FROM members WHERE email = $1', [`ada-${width}@coop.test`]);
    me = { id: rows[0].id, email: `ada-${width}@coop.test`, token: await t.token(rows[0].id) };
    await t.ok(ADMIT, { id: me.id }, admin.token);
    await page.reload();
    await page.getByRole('heading', { name: `Welcome, ${name}` }).waitFor();
    await page.getByText('No proposal is open for voting.').waitFor();
    await check('home-empty');
  });

  it('signs out (forgetting the token) and back in', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    await page.goto(`${t.baseUrl}/profile`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').fill(me.email);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('the email and password do not match').waitFor();
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Back where they were going.
    await page.getByRole('heading', { name: 'Profile' }).waitFor();
    await page.getByText('WORKER').waitFor();
    await check('profile');
  });

  async function castOn(proposalId: string, label: string, fill: () => Promise<void>): Promise<string> {
    await page.goto(`${t.baseUrl}/proposals/${proposalId}`);
    const ballot = page.getByRole('form', { name: 'Ballot' });
    await ballot.waitFor();
    await fill();
    await check(`proposal-${label}`);
    await ballot.getByRole('button', { name: 'Cast vote' }).click();
    const receipt = page.getByRole('region', { name: 'Receipt' });
    await receipt.waitFor();
    // Focus moves to the receipt.
    expect(await page.evaluate('document.activeElement && document.activeElement.textContent')).toBe('Receipt');
    return (await receipt.locator('[data-receipt]').textContent())!.trim();
  }

  it('votes in every method, sees the receipt, the current vote, and changes it', async () => {
    const others = [await t.member({ name: 'Bo' }), await t.member({ name: 'Cy' })];
    const majority = await openProposal(t, admin, { title: 'Paint the hall green', method: 'MAJORITY' });
    const supermajority = await openProposal(t, admin, { title: 'Change the statutes', method: 'SUPERMAJORITY', threshold: 0.6667 });
    const consent = await openProposal(t, admin, { title: 'Adopt the rota', method: 'CONSENT' });
    const approval = await openProposal(t, admin, { title: 'Board seats', method: 'APPROVAL', options: ['Ann', 'Ben', 'Cat'], seats: 2 });
    const ranked = await openProposal(t, admin, {
      title: 'Choose a supplier',
      method: 'RANKED_CHOICE',
      options: ['North', 'South', 'East'],
    });
    const schulze = await openProposal(t, admin, { title: 'Pick a name', method: 'SCHULZE', options: ['Alder', 'Birch', 'Cedar'] });
    const score = await openProposal(t, admin, { title: 'Rate the menus', method: 'SCORE', options: ['Soup', 'Stew', 'Salad'] });

    await page.goto(`${t.baseUrl}/`);
    await page.getByRole('link', { name: 'Paint the hall green', exact: true }).waitFor();
    await check('home');

    await castOn(majority.id, 'majority', () => page.getByLabel('For', { exact: true }).check());
    await page.getByText('Your current vote: For.').waitFor();
    await page.getByRole('button', { name: 'Change my vote' }).click();
    await page.getByLabel('Against', { exact: true }).check();
    await page.getByRole('button', { name: 'Cast vote' }).click();
    await page.getByText('Your current vote: Against.').waitFor();

    await castOn(supermajority.id, 'supermajority', () => page.getByLabel('Abstain').check());
    await castOn(consent.id, 'consent', () => page.getByLabel('Stand aside').check());
    await castOn(approval.id, 'approval', async () => {
      await page.getByText('seats to fill: 2').waitFor();
      await page.getByLabel('Ann').check();
      await page.getByLabel('Cat').check();
    });
    await page.getByText('Your current vote: Ann, Cat.').waitFor();
    await castOn(ranked.id, 'ranked-choice', async () => {
      await page.getByRole('button', { name: 'Move up: East' }).click();
      await page.getByRole('button', { name: 'Move up: East' }).click();
      await page.getByRole('checkbox', { name: 'South' }).uncheck();
    });
    await page.getByText('Your current vote: East, North.').waitFor();
    await castOn(schulze.id, 'schulze', async () => {
      // By drag and drop: Cedar to the top.
      const items = page.getByRole('form', { name: 'Ballot' }).getByRole('listitem');
      await items.filter({ hasText: 'Cedar' }).dragTo(items.filter({ hasText: 'Alder' }));
      await items.first().filter({ hasText: 'Cedar' }).waitFor();
    });
    await page.getByText('Your current vote: Cedar, Alder, Birch.').waitFor();
    await castOn(score.id, 'score', async () => {
      await page.getByLabel('Soup').selectOption('5');
      await page.getByLabel('Salad').selectOption('2');
    });
    await page.getByText('Your current vote: Soup, Salad.').waitFor();

    const tally = await t.ok(
      `query($id: ID!) { proposal(id: $id) { tally { results { option { label } votes } } } }`,
      { id: score.id },
      admin.token,
    );
    expect(tally.proposal.tally.results).toEqual(
      expect.arrayContaining([
        { option: { label: 'Soup' }, votes: 5 },
        { option: { label: 'Salad' }, votes: 2 },
      ]),
    );
    void others;
  });

  it('sees the live tally move when another member votes, and verifies the receipt', async () => {
    const other = await t.member({ name: 'Dee' });
    const proposal = await openProposal(t, admin, { title: 'Buy a van', method: 'MAJORITY' });
    const receipt = await castOn(proposal.id, 'live', () => page.getByLabel('For', { exact: true }).check());
    const against = page.getByRole('row', { name: /Against/ });
    await page.getByRole('row', { name: 'For 1' }).waitFor();
    expect(await against.textContent()).toContain('0');
    expect((await vote(t, other, proposal, ['AGAINST'])).errors).toBeUndefined();
    // No reload: the subscription brings the new tally.
    await page.getByRole('row', { name: 'Against 1' }).waitFor({ timeout: 15_000 });

    await page.getByRole('button', { name: 'Copy receipt' }).click();
    await page.getByText('Copied.').waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(receipt);

    await page.getByRole('link', { name: 'Verify this receipt' }).click();
    await page.getByRole('heading', { name: 'Verify a receipt' }).waitFor();
    expect(await page.getByLabel('Receipt').inputValue()).toBe(receipt);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByText('Counted: a ballot with this receipt is in the tally.').waitFor();
    await check('verify');
    await page.getByLabel('Receipt').fill('not-a-receipt');
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByText(/Not counted|Something in the form/).waitFor();
  });

  it('a secret ballot says it cannot be changed, and shows no tally while open', async () => {
    const proposal = await openProposal(t, admin, { title: 'Elect the treasurer', method: 'MAJORITY', secret: true });
    await page.goto(`${t.baseUrl}/proposals/${proposal.id}`);
    await page.getByText('once cast it cannot be changed').waitFor();
    await page.getByLabel('For', { exact: true }).check();
    await page.getByRole('button', { name: 'Cast vote' }).click();
    await page.getByRole('region', { name: 'Receipt' }).waitFor();
    expect(await page.getByRole('form', { name: 'Ballot' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Change my vote' }).count()).toBe(0);
    await page.getByText('stay hidden until it closes').waitFor();
    await check('proposal-secret');
  });

  it('delegates to a member found by name, sees who delegates to them, and revokes', async () => {
    const delegate = await t.member({ name: `Eve Delegate ${width}` });
    const delegator = await t.member({ name: `Fay Delegator ${width}` });
    await t.ok(`mutation($to: ID!) { delegateVote(toMemberId: $to) { id } }`, { to: me.id }, delegator.token);
    await page.goto(`${t.baseUrl}/delegation`);
    await page
      .getByRole('listitem')
      .filter({ hasText: `Fay Delegator ${width}` })
      .waitFor();
    await page.getByLabel('Search members by name').fill('eve del');
    await page.getByLabel('Delegate', { exact: true }).selectOption({ label: `Eve Delegate ${width}` });
    await check('delegation');
    await page.getByRole('button', { name: 'Delegate my vote' }).click();
    await page.getByRole('status').getByText(`You now delegate to Eve Delegate ${width}.`).waitFor();
    const { myDelegations } = await t.ok('{ myDelegations { given { to { id } } } }', {}, me.token);
    expect(myDelegations.given.to.id).toBe(delegate.id);
    await page.getByRole('button', { name: 'Revoke delegation' }).click();
    await page.getByText('You delegate to nobody.').waitFor();
  });

  it('submits a project to a budget, then votes in it with live feedback on the rule', async () => {
    const { createBudget } = await t.ok(
      CREATE_BUDGET,
      {
        input: {
          title: `Neighbourhood fund ${width}`,
          amount: '1000.00',
          currency: 'EUR',
          ballotRule: 'KNAPSACK',
          allocationMethod: 'GREEDY',
        },
      },
      admin.token,
    );
    const id = createBudget.id as string;
    await t.ok(PHASE, { id, phase: 'SUBMISSION' }, admin.token);
    const neighbour = await t.member({ name: 'Gus' });
    await t.ok(
      `mutation($input: SubmitProjectInput!) { submitProject(input: $input) { id } }`,
      { input: { budgetId: id, title: 'Library shelves', cost: '700' } },
      neighbour.token,
    );

    await page.goto(`${t.baseUrl}/budgets`);
    await page.getByRole('link', { name: `Neighbourhood fund ${width}` }).click();
    await page.getByLabel('Project title').fill('Bike racks');
    await page.getByLabel('Cost (EUR)').fill('400.50');
    await check('budget-submission');
    await page.getByRole('button', { name: 'Submit project' }).click();
    await page.getByText('Your project “Bike racks” was submitted for review.').waitFor();

    await t.ok(PHASE, { id, phase: 'REVIEW' }, admin.token);
    const { budget } = await t.ok(BUDGET_PROJECTS, { id }, admin.token);
    for (const project of budget.projects) await t.ok(REVIEW, { id: project.id }, admin.token);
    await t.ok(PHASE, { id, phase: 'VOTING' }, admin.token);

    await page.reload();
    const ballot = page.getByRole('form', { name: 'Budget ballot' });
    await ballot.waitFor();
    await ballot.getByLabel('Bike racks').check();
    await ballot.getByText('€400.50 chosen, €599.50 left of €1,000.00.').waitFor();
    await ballot.getByLabel('Library shelves').check();
    await ballot.getByText('That is more than the budget.').waitFor();
    await check('budget-ballot');
    await ballot.getByLabel('Library shelves').uncheck();
    await ballot.getByRole('button', { name: 'Submit ballot' }).click();
    await page.getByText('Your ballot was recorded.').waitFor();

    await t.ok(PHASE, { id, phase: 'CLOSED' }, admin.token);
    await page.reload();
    await page.getByRole('heading', { name: 'Result' }).waitFor();
    await page.getByRole('row', { name: /Bike racks/ }).waitFor();
    await check('budget-result');
  });

  it('a closed proposal shows its result and the elimination rounds', async () => {
    const voters = [await t.member(), await t.member(), await t.member()];
    const proposal = await openProposal(t, admin, { title: 'Name the café', method: 'RANKED_CHOICE', options: ['Oak', 'Elm', 'Ash'] });
    await vote(t, voters[0], proposal, ['Oak', 'Elm']);
    await vote(t, voters[1], proposal, ['Elm', 'Oak']);
    await vote(t, voters[2], proposal, ['Ash', 'Elm']);
    await t.ok(CLOSE, { id: proposal.id }, admin.token);
    await page.goto(`${t.baseUrl}/proposals/${proposal.id}`);
    await page.getByRole('heading', { name: 'Result' }).waitFor();
    await page.getByText('Chosen: Elm').waitFor();
    expect(await page.getByRole('form', { name: 'Ballot' }).count()).toBe(0);
    await page.getByText(/Elimination rounds: \d/).click();
    await check('proposal-closed');
  });

  it('gives a proxy for an assembly to a member of the register, and revokes it', async () => {
    const holder = await t.member({ name: `Hal Holder ${width}` });
    const assembly = await convene(t, admin, [{ title: 'Accounts of the year' }]);
    await page.goto(`${t.baseUrl}/assemblies`);
    await page.getByRole('link', { name: 'General assembly', exact: true }).click();
    await page.getByRole('heading', { name: 'Agenda' }).waitFor();
    await page.getByText('Accounts of the year').waitFor();
    await page.getByLabel('Search members by name').fill('hal');
    await page.getByLabel('Proxy holder').selectOption({ label: `Hal Holder ${width}` });
    await check('assembly');
    await page.getByRole('button', { name: 'Give my proxy' }).click();
    await page.getByText(`Your proxy is held by Hal Holder ${width}.`).waitFor();
    const { assembly: read } = await t.ok(
      'query($id: ID!) { assembly(id: $id) { proxies { holder { id } } } }',
      { id: assembly.id },
      me.token,
    );
    expect(read.proxies).toEqual([{ holder: { id: holder.id } }]);
    await page.getByRole('button', { name: 'Revoke my proxy' }).click();
    await page.getByText('You have given no proxy.').waitFor();
  });

  it('the other pages: proposals, assemblies, surplus share, in Polish too', async () => {
    await page.goto(`${t.baseUrl}/proposals`);
    await page.getByRole('link', { name: 'Buy a van', exact: true }).waitFor();
    await check('proposals');
    await page.goto(`${t.baseUrl}/assemblies`);
    await page.getByRole('link', { name: 'General assembly', exact: true }).waitFor();
    await check('assemblies');
    await page.goto(`${t.baseUrl}/surplus`);
    await page.getByText('There are no fiscal periods yet.').waitFor();
    await check('surplus');
    await page.goto(`${t.baseUrl}/no-such-page`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();

    await page.goto(`${t.baseUrl}/budgets`);
    await page.getByLabel('Language').selectOption('pl');
    await page.getByRole('heading', { name: 'Budżety partycypacyjne' }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('pl');
    // Amounts in the member's locale, exactly.
    await page
      .getByText(/1000,00\s€/)
      .first()
      .waitFor();
    await check('budgets-pl');
    await page.getByLabel('Język').selectOption('en');
  });
});
