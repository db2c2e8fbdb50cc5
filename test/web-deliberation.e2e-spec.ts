import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TestApp, type TestMember } from '@commons/testing';
import { CREATE } from './voting-helpers.js';
import { buildWebApp } from './web-helpers.js';
import { checkPage, DESKTOP, launchChromium, PHONE } from './web-browser-helpers.js';

const ADD = `mutation($p: ID!, $body: String!) { addComment(proposalId: $p, body: $body) { id } }`;
const THREAD = `query($id: ID!) { proposal(id: $id) { comments { edges { node { body reactions { emoji count } } } } amendments { status } body revisions { number } } }`;
const PROPOSE = `mutation($p: ID!, $body: String!) { proposeAmendment(proposalId: $p, body: $body) { id } }`;

/** What a hostile commenter writes: every piece of it must render as inert text or plain Markdown. */
const HOSTILE = [
  'Hello **everyone**.',
  '<script>window.__pwned = "script"</script>',
  '<img src="x" onerror="window.__pwned = \'img\'">',
  '[click me](javascript:window.__pwned=%22link%22)',
  '<a href="javascript:window.__pwned=1">raw link</a>',
  '<iframe src="https://evil.test/"></iframe>',
  'Our [site](https://coop.test/page).',
].join('\n\n');

/**
 * The discussion before a vote in a real browser (Debian's Chromium) against the real API on PostgreSQL, at a desktop
 * width and a phone's: the author publishes a draft, another member comments with hostile Markdown that renders inert,
 * reacts and proposes an amendment, the author accepts it and the diff between the revisions shows it; a comment
 * arrives live. axe-core finds no serious or critical violation.
 */
describe.each([
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const)('deliberation in the web app (%s)', (width, viewport) => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let author: TestMember;
  let commenter: TestMember;
  let proposalId: string;

  beforeAll(async () => {
    buildWebApp();
    t = await TestApp.start();
    await t.foundBylaws({ minVotingHours: 0, noticeDays: 0 });
    author = await t.member({ name: `Ada Author ${width}` });
    commenter = await t.member({ name: `Bo Commenter ${width}` });
    browser = await launchChromium();
    context = await browser.newContext({ viewport, bypassCSP: false, locale: 'en-GB' });
    page = await context.newPage();
    const { createProposal } = await t.ok(
      CREATE,
      { input: { title: 'Paint the hall', body: 'We paint the hall green on Saturday.', method: 'MAJORITY' } },
      author.token,
    );
    proposalId = createProposal.id;
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  const check = (label: string) => checkPage(page, `deliberation-${width}-${label}`);

  /** Opens the proposal's page signed in as this member. */
  async function visitAs(member: TestMember): Promise<void> {
    await page.goto(`${t.baseUrl}/`);
    await page.evaluate(`sessionStorage.setItem('commons.token', ${JSON.stringify(member.token)})`);
    await page.goto(`${t.baseUrl}/proposals/${proposalId}`);
    await page.getByRole('heading', { name: 'Paint the hall' }).waitFor();
  }

  it('the author publishes the draft for discussion', async () => {
    await visitAs(author);
    await page.getByText('No comments yet. Start the discussion.').waitFor();
    await check('draft');
    await page.getByRole('button', { name: 'Publish for discussion' }).click();
    await page.getByText('In discussion: members comment and propose amendments; no votes yet.').waitFor();
    expect(await page.getByRole('button', { name: 'Publish for discussion' }).count()).toBe(0);
  });

  it('another member comments with hostile Markdown, which renders inert', async () => {
    await visitAs(commenter);
    await page.getByText('In discussion', { exact: false }).first().waitFor();
    await page.getByLabel('Your comment').fill(HOSTILE);
    await page.getByRole('button', { name: 'Post comment' }).click();
    const comment = page.locator('article.comment').first();
    await comment.getByText('everyone').waitFor();
    const markdown = comment.locator('.markdown');
    expect(await markdown.locator('strong').textContent()).toBe('everyone');
    // Raw HTML is shown as the text it is; nothing of it runs or loads.
    await markdown.getByText('<script>window.__pwned = "script"</script>').waitFor();
    expect(await markdown.locator('script, img, iframe, [onerror]').count()).toBe(0);
    const links = await markdown
      .locator('a')
      .evaluateAll((anchors) => anchors.map((a) => [a.getAttribute('href'), a.getAttribute('rel'), a.textContent]));
    // Only http(s) links, each marked; the iframe's address, shown as text, is linkified like any address.
    expect(links).toEqual([
      ['https://evil.test/', 'nofollow ugc noopener', 'https://evil.test/'],
      ['https://coop.test/page', 'nofollow ugc noopener', 'site'],
    ]);
    await markdown.getByText('[click me](javascript:', { exact: false }).waitFor();
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    // The API keeps what was written.
    const { proposal } = await t.ok(THREAD, { id: proposalId }, author.token);
    expect(proposal.comments.edges[0].node.body).toBe(HOSTILE);
  });

  it('reacts, and takes the reaction back, with toggle buttons', async () => {
    const thumbs = page.getByRole('button', { name: 'Thumbs up: 0' });
    expect(await thumbs.getAttribute('aria-pressed')).toBe('false');
    await thumbs.click();
    const pressed = page.getByRole('button', { name: 'Thumbs up: 1' });
    await pressed.waitFor();
    expect(await pressed.getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Heart: 0' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Heart: 1' }).waitFor();
    await page.getByRole('button', { name: 'Heart: 1' }).click();
    await page.getByRole('button', { name: 'Heart: 0' }).waitFor();
    const { proposal } = await t.ok(THREAD, { id: proposalId }, author.token);
    expect(proposal.comments.edges[0].node.reactions.filter((reaction: { count: number }) => reaction.count > 0)).toEqual([
      { emoji: '👍', count: 1 },
    ]);
  });

  it('proposes an amendment with a rationale', async () => {
    await page.getByLabel('The whole new text').fill('We paint the hall blue on Saturday.');
    await page.getByLabel('Rationale').fill('Blue is calmer.');
    await page.getByRole('button', { name: 'Propose amendment' }).click();
    await page.getByRole('heading', { name: `Amendment by Bo Commenter ${width} · waiting for the author` }).waitFor();
    await page.getByText('Blue is calmer.').waitFor();
    await check('amendment-proposed');
  });

  it('the author sees a new comment arrive live, accepts the amendment, and the diff shows', async () => {
    await visitAs(author);
    await page.getByRole('button', { name: 'Accept amendment' }).waitFor();
    await page.waitForLoadState('networkidle');
    await t.ok(ADD, { p: proposalId, body: 'Arrived _live_.' }, commenter.token);
    await page.locator('article.comment em', { hasText: 'live' }).waitFor();

    await page.getByRole('button', { name: 'Accept amendment' }).click();
    await page.getByRole('heading', { name: `Amendment by Bo Commenter ${width} · accepted` }).waitFor();
    await page.getByText('Changes from revision 1 to 2').waitFor();
    const diff = page.getByRole('region', { name: 'Revisions' }).locator('.diff');
    expect((await diff.locator('del').textContent())?.trim()).toBe('[deleted] green');
    expect((await diff.locator('ins').textContent())?.trim()).toBe('[inserted] blue');
    // The body on the page is the new revision.
    await page.locator('.body').getByText('We paint the hall blue on Saturday.').waitFor();
    // Choosing the same revision twice shows no change.
    await page.getByLabel('Compare revision').selectOption('2');
    expect(await diff.locator('ins, del').count()).toBe(0);
    await page.getByLabel('Compare revision').selectOption('1');
    await check('accepted');
    const { proposal } = await t.ok(THREAD, { id: proposalId }, author.token);
    expect(proposal).toMatchObject({
      body: 'We paint the hall blue on Saturday.',
      amendments: [{ status: 'ACCEPTED' }],
      revisions: [{ number: 1 }, { number: 2 }],
    });
  });

  it('replies one level down, edits the reply (shown as edited), and an admin removes a comment with a reason', async () => {
    await page
      .getByRole('button', { name: `Reply to Bo Commenter ${width}` })
      .first()
      .click();
    await page.getByLabel('Your reply').fill('Thanks, taken.');
    await page.getByRole('button', { name: 'Post reply' }).click();
    const replies = page.getByRole('list', { name: `Replies to Bo Commenter ${width}` });
    await replies.getByText('Thanks, taken.').waitFor();
    await replies.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Edit your comment').fill('Thanks, **taken** in revision 2.');
    await page.getByRole('button', { name: 'Save' }).click();
    await replies.locator('strong', { hasText: 'taken' }).waitFor();
    await replies.getByText('edited', { exact: false }).waitFor();
    // Replies nest one level: a reply has no reply button.
    expect(await replies.getByRole('button', { name: /^Reply to/ }).count()).toBe(0);

    const admin = await t.admin();
    await visitAs(admin);
    await page.getByRole('button', { name: 'Remove as moderator…' }).first().click();
    await page.getByLabel('Reason for removing (shown in the thread)').fill('Posting scripts');
    await page.getByRole('button', { name: 'Remove comment' }).click();
    await page.getByText('Removed by a moderator: Posting scripts').waitFor();
    // Its place stays, first in the thread, with its reply under it.
    expect(await page.locator('ol.thread > li').first().getByText('Removed by a moderator: Posting scripts').count()).toBe(1);
    await page
      .getByRole('list', { name: `Replies to Bo Commenter ${width}` })
      .getByText('in revision 2')
      .waitFor();
    await check('moderated');
    await visitAs(author);
  });

  it('the author revises the text, confirms after seeing the changes, and the revisions show revision 3', async () => {
    const revise = page.getByRole('region', { name: 'Revise your proposal' });
    await revise.getByRole('button', { name: 'Edit the text…' }).click();
    const text = page.getByLabel('New text of your proposal');
    expect(await text.inputValue()).toBe('We paint the hall blue on Saturday.');
    await text.fill('We paint the hall blue on Sunday.');
    await revise.getByRole('button', { name: 'Review changes' }).click();
    const confirm = revise.getByRole('group', { name: 'Save this text as revision 3? These are the changes:' });
    await confirm.waitFor();
    expect((await confirm.locator('ins').textContent())?.trim()).toBe('[inserted] Sunday');
    await check('revise-confirm');
    // Going back keeps the text, and saves nothing.
    await confirm.getByRole('button', { name: 'Keep editing' }).click();
    expect(await text.inputValue()).toBe('We paint the hall blue on Sunday.');
    expect((await t.ok(THREAD, { id: proposalId }, author.token)).proposal.revisions).toHaveLength(2);
    await revise.getByRole('button', { name: 'Review changes' }).click();
    await revise.getByRole('button', { name: 'Save revision 3' }).click();
    await revise.getByRole('status').getByText('Saved as revision 3.').waitFor();
    await page.getByText(`Revision 3 by Ada Author ${width}`, { exact: false }).waitFor();
    await page.getByText('Changes from revision 2 to 3').waitFor();
    const diff = page.getByRole('region', { name: 'Revisions' }).locator('.diff');
    expect((await diff.locator('ins').textContent())?.trim()).toBe('[inserted] Sunday');
    await page.locator('.body').getByText('We paint the hall blue on Sunday.').waitFor();
    await check('revised');
    const { proposal } = await t.ok(THREAD, { id: proposalId }, author.token);
    expect(proposal).toMatchObject({ body: 'We paint the hall blue on Sunday.', revisions: [{ number: 1 }, { number: 2 }, { number: 3 }] });
  });

  it('the commenter withdraws their own amendment, after confirming', async () => {
    await t.ok(PROPOSE, { p: proposalId, body: 'We paint the hall yellow on Sunday.' }, commenter.token);
    await visitAs(commenter);
    const item = page.getByRole('listitem').filter({
      has: page.getByRole('heading', { name: `Amendment by Bo Commenter ${width} · waiting for the author` }),
    });
    // Another member's accepted amendment, and the author's view, offer no withdrawal; this one does.
    await item.getByRole('button', { name: 'Withdraw my amendment…' }).click();
    const confirm = item.getByRole('group', { name: 'Withdraw this amendment?' });
    await confirm.getByText('It stays in the list as withdrawn', { exact: false }).waitFor();
    await check('withdraw-confirm');
    await confirm.getByRole('button', { name: 'Keep it' }).click();
    expect(await confirm.count()).toBe(0);
    expect((await t.ok(THREAD, { id: proposalId }, author.token)).proposal.amendments).toEqual([
      { status: 'ACCEPTED' },
      { status: 'PROPOSED' },
    ]);
    await item.getByRole('button', { name: 'Withdraw my amendment…' }).click();
    await item.getByRole('button', { name: 'Withdraw amendment' }).click();
    await page.getByRole('heading', { name: `Amendment by Bo Commenter ${width} · withdrawn` }).waitFor();
    expect(await page.getByRole('button', { name: 'Withdraw my amendment…' }).count()).toBe(0);
    expect((await t.ok(THREAD, { id: proposalId }, author.token)).proposal.amendments).toEqual([
      { status: 'ACCEPTED' },
      { status: 'WITHDRAWN' },
    ]);
    await check('withdrawn');
    await visitAs(author);
  });

  it('in Polish too', async () => {
    await page.getByLabel('Language').selectOption('pl');
    await page.getByRole('heading', { name: 'Wersje' }).waitFor();
    await page.getByText('Zmiany od wersji 2 do 3').waitFor();
    await page.getByRole('heading', { name: 'Popraw swój wniosek' }).waitFor();
    await page.getByRole('button', { name: 'Edytuj tekst…' }).click();
    await page.getByLabel('Nowy tekst wniosku').waitFor();
    await check('accepted-pl');
    await page.getByLabel('Język').selectOption('en');
  });
});
