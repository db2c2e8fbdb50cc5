import { createHmac } from 'node:crypto';
import pg from 'pg';
import { MemberStatus } from '@commons/auth';
import { API_PROCESS_ADMIN, createTestDatabase, gqlOver, startApiProcess, TestApp, type TestMember } from '@commons/testing';
import { ProposalCloserService } from '@commons/voting';
import { ADD, DECLINE, inDiscussion, PROPOSE_AMENDMENT } from './deliberation-helpers.js';
import { inbox, settle } from './notification-helpers.js';
import { WebhookReceiver } from './webhook-receiver.js';
import { CLOSE, members, openProposal, vote } from './voting-helpers.js';

const CREATE = `mutation($url: String!, $events: [String!]!) { createWebhook(url: $url, events: $events) { secret webhook { id url events active createdAt } } }`;
const DELETE = `mutation($id: ID!) { deleteWebhook(id: $id) }`;
const LIST = `{ webhooks { id url events active } }`;
const DELIVERIES = `query($id: ID!) { webhookDeliveries(webhookId: $id, first: 50) { totalCount edges { node { id event status attempts responseStatus lastAttemptAt } } } }`;
const ADMIT = `mutation($id: ID!) { admitMember(memberId: $id) { id } }`;

interface Delivery {
  id: string;
  event: string;
  status: string;
  attempts: number;
  responseStatus: number | null;
  lastAttemptAt: string | null;
}

function verify(secret: string, body: string, header: unknown): boolean {
  return header === `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

describe('webhooks', () => {
  let t: TestApp;
  let admin: TestMember;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    t = await TestApp.start({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', WEBHOOK_RETRY_SCHEDULE: '1s,1s,1s', WEBHOOK_TIMEOUT: '2' });
    await t.foundBylaws({ minVotingHours: 0 });
    admin = await t.admin();
  });
  afterAll(async () => {
    await t?.stop();
    await receiver?.stop();
  });
  beforeEach(() => {
    receiver.received.length = 0;
    receiver.answers = [];
    receiver.then = 200;
  });

  const create = async (events: string[], url = receiver.url) => (await t.ok(CREATE, { url, events }, admin.token)).createWebhook;
  const deliveries = async (id: string): Promise<Delivery[]> =>
    (await t.ok(DELIVERIES, { id }, admin.token)).webhookDeliveries.edges.map((edge: { node: Delivery }) => edge.node);
  const until = async (id: string, done: (list: Delivery[]) => boolean, timeoutMs = 30_000): Promise<Delivery[]> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await settle(t);
      const list = await deliveries(id);
      if (done(list)) return list;
      if (Date.now() > deadline) throw new Error(`Deliveries did not settle: ${JSON.stringify(list)}`);
      await new Promise((wake) => setTimeout(wake, 250));
    }
  };

  it('signs each delivery (HMAC-SHA256 of the raw body), names its event and id, and carries no email', async () => {
    const { secret, webhook } = await create(['member.admitted']);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(webhook).toMatchObject({ url: receiver.url, events: ['member.admitted'], active: true });
    expect((await t.ok(LIST, {}, admin.token)).webhooks).toContainEqual({
      id: webhook.id,
      url: receiver.url,
      events: ['member.admitted'],
      active: true,
    });

    const applicant = await t.member({ status: MemberStatus.APPLICANT });
    await t.ok(ADMIT, { id: applicant.id }, admin.token);
    await openProposal(t, admin, { title: 'Not subscribed', method: 'MAJORITY' });
    const [hook] = await receiver.waitFor(1);
    await settle(t);
    expect(receiver.received).toHaveLength(1);
    const body = JSON.parse(hook.body);
    expect(body).toMatchObject({ event: 'member.admitted', data: { entityType: 'Member', entityId: applicant.id, actorId: admin.id } });
    expect(new Date(body.occurredAt).toISOString()).toBe(body.occurredAt);
    expect(hook.headers['x-commons-event']).toBe('member.admitted');
    expect(hook.headers['x-commons-delivery']).toBe(body.id);
    expect(hook.headers['content-type']).toBe('application/json');
    expect(verify(secret, hook.body, hook.headers['x-commons-signature'])).toBe(true);
    expect(verify('another secret', hook.body, hook.headers['x-commons-signature'])).toBe(false);
    expect(hook.body).not.toContain('@');
    const [delivery] = await until(webhook.id, (list) => list[0]?.status === 'DELIVERED');
    expect(delivery).toMatchObject({ id: body.id, event: 'member.admitted', status: 'DELIVERED', attempts: 1, responseStatus: 200 });
    await t.ok(DELETE, { id: webhook.id }, admin.token);
  });

  it('retries with backoff, with the same delivery id, body and signature, until it is answered 2xx', async () => {
    const { secret, webhook } = await create(['member.admitted']);
    receiver.answers = [500, 503];
    const applicant = await t.member({ status: MemberStatus.APPLICANT });
    await t.ok(ADMIT, { id: applicant.id }, admin.token);
    const hooks = await receiver.waitFor(3);
    expect(hooks.map((hook) => hook.headers['x-commons-delivery'])).toEqual(Array(3).fill(hooks[0].headers['x-commons-delivery']));
    expect(new Set(hooks.map((hook) => hook.body)).size).toBe(1);
    expect(hooks.every((hook) => verify(secret, hook.body, hook.headers['x-commons-signature']))).toBe(true);
    // Backoff: each retry waits its step of WEBHOOK_RETRY_SCHEDULE (1 s here).
    expect(hooks[1].receivedAt - hooks[0].receivedAt).toBeGreaterThanOrEqual(900);
    expect(hooks[2].receivedAt - hooks[1].receivedAt).toBeGreaterThanOrEqual(900);
    const [delivery] = await until(webhook.id, (list) => list[0]?.status === 'DELIVERED');
    expect(delivery).toMatchObject({ status: 'DELIVERED', attempts: 3, responseStatus: 200 });
    await t.ok(DELETE, { id: webhook.id }, admin.token);
  });

  it('gives up after the last step of the schedule: FAILED, with the last answer', async () => {
    const { webhook } = await create(['member.admitted']);
    receiver.then = 500;
    const applicant = await t.member({ status: MemberStatus.APPLICANT });
    await t.ok(ADMIT, { id: applicant.id }, admin.token);
    const [delivery] = await until(webhook.id, (list) => list[0]?.status === 'FAILED');
    expect(delivery).toMatchObject({ status: 'FAILED', attempts: 4, responseStatus: 500 });
    expect(receiver.received).toHaveLength(4);
    await t.ok(DELETE, { id: webhook.id }, admin.token);
  });

  it("sends every event to '*', and never a secret ballot's choice", async () => {
    const { webhook } = await create(['*']);
    const [voter] = await members(t, 1);
    const proposal = await openProposal(t, voter, { title: 'Secret question', method: 'MAJORITY', secret: true });
    expect((await vote(t, voter, proposal, ['AGAINST'])).errors).toBeUndefined();
    await t.ok(CLOSE, { id: proposal.id }, admin.token);
    const list = await until(webhook.id, (items) => items.length >= 5 && items.every((item) => item.status === 'DELIVERED'));
    expect(list.map((item) => item.event).reverse()).toEqual([
      'webhook.created',
      'proposal.created',
      'proposal.opened',
      'vote.cast',
      'proposal.closed',
    ]);
    const bodies = receiver.received.map((hook) => JSON.parse(hook.body));
    const cast = bodies.find((body) => body.event === 'vote.cast');
    expect(cast.data).toEqual({ entityType: 'Proposal', entityId: proposal.id, actorId: voter.id, secret: true });
    for (const body of bodies) expect(JSON.stringify(body)).not.toContain(proposal.options.AGAINST);
    expect(bodies.find((body) => body.event === 'proposal.closed').data).toMatchObject({ outcome: expect.any(String) });
    await t.ok(DELETE, { id: webhook.id }, admin.token);
  });

  it("sends the deliberation's events with the ids of the members they concern, and no email", async () => {
    const { webhook } = await create(['proposal.published', 'comment.added', 'amendment.proposed', 'amendment.declined']);
    const [author, commenter, replier, amender] = await members(t, 4);
    const id = await inDiscussion(t, author);
    const first = (await t.ok(ADD, { p: id, body: 'Green?' }, commenter.token)).addComment.id;
    const second = (await t.ok(ADD, { p: id, body: 'Green.', parent: first }, replier.token)).addComment.id;
    const amendment = (await t.ok(PROPOSE_AMENDMENT, { p: id, body: 'Blue.' }, amender.token)).proposeAmendment.id;
    await t.ok(DECLINE, { id: amendment, reason: 'Green it is.' }, author.token);
    await until(webhook.id, (items) => items.length === 5 && items.every((item) => item.status === 'DELIVERED'));
    const bodies = receiver.received.map((hook) => JSON.parse(hook.body));
    expect(bodies.map((body) => body.event).sort()).toEqual([
      'amendment.declined',
      'amendment.proposed',
      'comment.added',
      'comment.added',
      'proposal.published',
    ]);
    const find = (event: string, entityId: string) => bodies.find((body) => body.event === event && body.data.entityId === entityId).data;
    expect(find('proposal.published', id)).toMatchObject({ actorId: author.id, authorId: author.id });
    expect(find('comment.added', first)).toMatchObject({ proposalId: id, proposalAuthorId: author.id, parentAuthorId: null });
    expect(find('comment.added', second)).toMatchObject({ actorId: replier.id, parentId: first, parentAuthorId: commenter.id });
    expect(find('amendment.proposed', amendment)).toMatchObject({ actorId: amender.id, proposalAuthorId: author.id });
    expect(find('amendment.declined', amendment)).toMatchObject({ authorId: amender.id, reason: 'Green it is.' });
    for (const hook of receiver.received) expect(hook.body).not.toContain('@');
    await t.ok(DELETE, { id: webhook.id }, admin.token);
  });

  it('sends proposal.closed, and tells the roll, when the closer closes a proposal whose closesAt has passed', async () => {
    const { webhook } = await create(['proposal.closed']);
    const [author, voter] = await members(t, 2);
    const closesAt = new Date(Date.now() + 3600_000).toISOString();
    const proposal = await openProposal(t, author, { title: 'Closes by itself', method: 'MAJORITY', closesAt });
    expect((await vote(t, voter, proposal, ['FOR'])).errors).toBeUndefined();
    // Its closing time passes (moved, rather than waited for); the closer's next run closes it.
    await t.sql.query(`UPDATE proposals SET closes_at = now() - interval '1 second' WHERE id = $1`, [proposal.id]);
    await t.app.get(ProposalCloserService).closeDue();
    const [hook] = await receiver.waitFor(1);
    const body = JSON.parse(hook.body);
    expect(body).toMatchObject({
      event: 'proposal.closed',
      data: { entityType: 'Proposal', entityId: proposal.id, actorId: null, outcome: 'PASSED', participants: 1 },
    });
    const { rows } = await t.sql.query(
      `SELECT action, actor_id FROM audit_entries WHERE entity_id = $1 AND action LIKE 'proposal.closed%'`,
      [proposal.id],
    );
    expect(rows).toEqual([{ action: 'proposal.closed_automatically', actor_id: null }]);
    for (const member of [author, voter]) {
      const notices = (await inbox(t, member)).filter((item) => item.kind === 'PROPOSAL_CLOSED' && item.link?.endsWith(proposal.id));
      expect(notices.map((item) => item.subject)).toEqual(['Decided: Closes by itself']);
      expect(notices[0].body).toMatch(/^"Closes by itself" has closed: it passed\. 1 of \d+ took part\.$/);
    }
    await until(webhook.id, (items) => items.length === 1 && items[0].status === 'DELIVERED');
    expect(receiver.received).toHaveLength(1);
    await t.ok(DELETE, { id: webhook.id }, admin.token);
  });

  it('refuses, at creation, a URL whose host is not public unless it is allowed, and changes nothing', async () => {
    const before = await t.snapshot();
    for (const url of [
      'http://127.0.0.2:8080/hook',
      'http://10.0.0.1/hook',
      'http://192.168.1.10/',
      'http://172.16.5.4/',
      'http://169.254.169.254/latest/meta-data/',
      'http://100.64.0.1/',
      'http://0.0.0.0/',
      'http://[::1]/',
      'http://[fe80::1]/',
      'http://[fd00::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:10.0.0.1]/',
      'ftp://93.184.215.14/',
      'not a url',
    ]) {
      const refused = await t.gql(CREATE, { url, events: ['*'] }, admin.token);
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
    }
    const badEvent = await t.gql(CREATE, { url: receiver.url, events: ['Not An Event'] }, admin.token);
    expect(badEvent.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'events' });
    expect(await t.snapshot()).toEqual(before);
  });

  it('refuses again at delivery: a webhook whose host is no longer allowed gets nothing, and fails', async () => {
    const elsewhere = await WebhookReceiver.start('127.0.0.2');
    try {
      // As if WEBHOOK_ALLOWED_HOSTS had listed 127.0.0.2 when it was made.
      const { rows } = await t.sql.query(`INSERT INTO webhooks (url, events, secret) VALUES ($1, '{member.admitted}', 's') RETURNING id`, [
        elsewhere.url,
      ]);
      const applicant = await t.member({ status: MemberStatus.APPLICANT });
      await t.ok(ADMIT, { id: applicant.id }, admin.token);
      await until(rows[0].id, (list) => list[0]?.status === 'FAILED');
      expect(elsewhere.received).toEqual([]);
      const { rows: errors } = await t.sql.query('SELECT last_error FROM webhook_deliveries WHERE webhook_id = $1', [rows[0].id]);
      expect(errors[0].last_error).toMatch(/^refused: .*127\.0\.0\.2.*not a public address/);
      await t.ok(DELETE, { id: rows[0].id }, admin.token);
    } finally {
      await elsewhere.stop();
    }
  });

  it('is for admins only', async () => {
    const [member] = await members(t, 1);
    const { webhook } = await create(['*']);
    for (const [query, variables] of [
      [LIST, {}],
      [DELIVERIES, { id: webhook.id }],
      [CREATE, { url: receiver.url, events: ['*'] }],
      [DELETE, { id: webhook.id }],
    ] as const) {
      expect((await t.gql(query, variables, member.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await t.gql(query, variables)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect((await t.ok(DELETE, { id: webhook.id }, admin.token)).deleteWebhook).toBe(true);
    expect((await t.gql(DELETE, { id: webhook.id }, admin.token)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await t.gql(DELIVERIES, { id: webhook.id }, admin.token)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});

describe('a webhook after a crash between the commit and the delivery', () => {
  it('is still delivered by the next process, from the audit log', async () => {
    const receiver = await WebhookReceiver.start();
    const database = await createTestDatabase();
    const saved = { ...process.env };
    // The first process's worker would wait ten minutes before its first pass: it dies before it.
    Object.assign(process.env, { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', NOTIFICATIONS_POLL_MS: '600000' });
    const first = await startApiProcess(database.url).finally(() => {
      process.env = saved;
    });
    let next: TestApp | undefined;
    try {
      const login = await gqlOver(
        first.url,
        `mutation { login(email: "${API_PROCESS_ADMIN.email}", password: "${API_PROCESS_ADMIN.password}") { token } }`,
      );
      const token = login.body!.data.login.token;
      const created = await gqlOver(first.url, CREATE, { url: receiver.url, events: ['member.admitted'] }, token);
      const { secret } = created.body!.data.createWebhook;
      const sql = new pg.Client({ connectionString: database.url });
      await sql.connect();
      const { rows } = await sql
        .query(
          `INSERT INTO members (name, email, password_hash, status, stakeholder_class) VALUES ('Applicant', 'applicant@crash.test', 'x', 'APPLICANT', 'WORKER') RETURNING id`,
        )
        .finally(() => sql.end());
      const admitted = await gqlOver(first.url, ADMIT, { id: rows[0].id }, token);
      expect(admitted.body?.errors).toBeUndefined();
      await first.stop('SIGKILL');
      expect(receiver.received).toEqual([]);

      next = await TestApp.start({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' }, { database });
      const [hook] = await receiver.waitFor(1);
      expect(JSON.parse(hook.body)).toMatchObject({ event: 'member.admitted', data: { entityId: rows[0].id } });
      expect(verify(secret, hook.body, hook.headers['x-commons-signature'])).toBe(true);
    } finally {
      await first.stop('SIGKILL');
      await next?.stop();
      await database.drop();
      await receiver.stop();
    }
  }, 120_000);
});

describe('webhooks fanned out in one batch', () => {
  it('each get only the events made after they were', async () => {
    const receiver = await WebhookReceiver.start();
    // A worker that waits ten minutes before its first pass: the events pile up and are fanned out together.
    const t = await TestApp.start({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', NOTIFICATIONS_POLL_MS: '600000' });
    try {
      const admin = await t.admin();
      const admit = async (name: string) => {
        const applicant = await t.member({ name, status: MemberStatus.APPLICANT });
        await t.ok(ADMIT, { id: applicant.id }, admin.token);
        return applicant.id;
      };
      const create = async () =>
        (await t.ok(CREATE, { url: receiver.url, events: ['member.admitted'] }, admin.token)).createWebhook.webhook.id as string;
      const earlier = await create();
      const first = await admit('Admitted first');
      const later = await create();
      const second = await admit('Admitted second');
      await settle(t);
      await receiver.waitFor(3);
      const deliveries = async (id: string) => {
        const { rows } = await t.sql.query('SELECT body FROM webhook_deliveries WHERE webhook_id = $1 ORDER BY audit_seq', [id]);
        return rows.map((row: { body: string }) => JSON.parse(row.body).data.entityId);
      };
      expect(await deliveries(earlier)).toEqual([first, second]);
      expect(await deliveries(later)).toEqual([second]);
    } finally {
      await t.stop();
      await receiver.stop();
    }
  }, 120_000);
});
