import type { Browser, Page } from 'playwright-core';
import { TestApp, type TestMember } from '@commons/testing';
import { inDiscussion } from './deliberation-helpers.js';
import { buildWebApp } from './web-helpers.js';
import { DESKTOP, launchChromium, signInWithToken } from './web-browser-helpers.js';

/**
 * A lively discussion, longer than the API's largest page (100 comments): "Show more comments" keeps bringing in
 * the next ones to the very last, and a late reply still sits under the comment it answers, loaded pages before.
 */
describe('a long discussion in the web app (Chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let author: TestMember;
  let proposalId: string;
  const COMMENTS = 130;

  beforeAll(async () => {
    buildWebApp();
    t = await TestApp.start();
    await t.foundBylaws({ minVotingHours: 0, noticeDays: 0 });
    author = await t.member({ name: 'Ada Author' });
    const talker = await t.member({ name: 'Tom Talker' });
    proposalId = await inDiscussion(t, author);
    // Written straight to the database, a second apart, as if over an afternoon (the API's rate limit aside).
    const { rows } = await t.sql.query(
      `INSERT INTO comments (proposal_id, author_id, body, created_at)
       SELECT $1, $2, 'Comment ' || lpad(n::text, 3, '0'), now() - interval '1 hour' + n * interval '1 second'
       FROM generate_series(1, $3::int) AS n RETURNING id, body`,
      [proposalId, talker.id, COMMENTS],
    );
    const first = rows.find((row: { body: string }) => row.body === 'Comment 001').id;
    await t.sql.query(
      `INSERT INTO comments (proposal_id, author_id, parent_id, body, created_at) VALUES ($1, $2, $3, 'A late reply', now() - interval '1 minute')`,
      [proposalId, author.id, first],
    );
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'en-GB' });
    page = await context.newPage();
    await signInWithToken(page, t.baseUrl, author.token);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('loads every comment with Show more comments, replies under their comment', async () => {
    await page.goto(`${t.baseUrl}/proposals/${proposalId}`);
    const discussion = page.getByRole('region', { name: /Discussion/ });
    await discussion.getByText('Comment 020', { exact: true }).waitFor();
    const more = discussion.getByRole('button', { name: 'Show more comments' });
    const shown = discussion.getByText(/^Comment \d{3}$/);
    for (let clicks = 0; clicks < 10 && (await more.count()) > 0; clicks += 1) {
      const before = await shown.count();
      await more.click({ timeout: 10_000 });
      // The next page arrives: one more comment than before at least.
      await shown.nth(before).waitFor({ timeout: 10_000 });
      expect(await page.getByRole('alert').count()).toBe(0);
    }
    await discussion.getByText(`Comment ${COMMENTS}`, { exact: true }).waitFor({ timeout: 5_000 });
    expect(await more.count()).toBe(0);
    expect(await discussion.getByText(/^Comment \d{3}$/).count()).toBe(COMMENTS);
    const replies = discussion.getByRole('list', { name: /Replies to Tom Talker/ }).first();
    await replies.getByText('A late reply').waitFor({ timeout: 5_000 });
    await discussion.getByText('Comment 001', { exact: true }).waitFor();
  });
});
