import type { ConsoleLogger, INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { request, type Agent, type Server } from 'node:http';
import pg from 'pg';
import { MemberStatus, Role, TokenService } from '@commons/auth';
import { loadConfig } from '@commons/core';
import { createApp, listen } from '../../../apps/api/src/bootstrap.js';
import { graphqlHeaders } from './api-process.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export const ADMIN_EMAIL = 'admin@coop.test';
export const ADMIN_PASSWORD = 'correct horse battery';
/** The keys test servers run with (a test can override them through `env`). */
export const TEST_AUDIT_KEY = 'test-audit-key-that-is-long-enough-for-hmac';
export const TEST_BALLOT_KEY = 'test-ballot-key-that-is-long-enough-to-seal';

export interface TestAppOptions {
  /** Run on this database instead of a fresh one (to restart a server on the same data); `stop` leaves it. */
  database?: TestDatabase;
  /** Receives the server's logs; by default there are none (or the console's, with TEST_LOGS set). */
  logger?: ConsoleLogger;
}

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: { code?: string; [key: string]: unknown } }>;
}

export interface TestMember {
  id: string;
  email: string;
  token: string;
}

/** The real app on a database of the spec file's own, listening on a free port. */
export class TestApp {
  private constructor(
    readonly app: INestApplication,
    readonly db: TestDatabase,
    readonly baseUrl: string,
    readonly sql: pg.Pool,
    private readonly ownsDatabase: boolean,
  ) {}

  static async start(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
    const db = options.database ?? (await createTestDatabase());
    const config = loadConfig({
      NODE_ENV: 'test',
      JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256',
      AUDIT_KEY: TEST_AUDIT_KEY,
      BALLOT_KEY: TEST_BALLOT_KEY,
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      DATA_DIR: '/nonexistent',
      ...env,
    });
    const logger = options.logger ?? (process.env.TEST_LOGS ? undefined : false);
    const app = await createApp({ config, databaseUrl: db.url, logger });
    await listen(app, 0, '127.0.0.1');
    const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
    const sql = new pg.Pool({ connectionString: db.url, max: 4 });
    return new TestApp(app, db, `http://127.0.0.1:${port}`, sql, !options.database);
  }

  async stop(): Promise<void> {
    await this.sql.end();
    await this.app.close();
    if (this.ownsDatabase) await this.db.drop();
  }

  /** POST /graphql as the holder of `token` (anonymous without one). */
  async gql<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLResponse<T>> {
    const response = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: graphqlHeaders(token),
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as GraphQLResponse<T>;
    return { ...body, status: response.status };
  }

  /**
   * POST /graphql like `gql`, over the sockets of `agent`. A burst of a thousand requests sent with `fetch` opens a
   * thousand connections at once, and whether the kernel's accept queue holds them all depends on the machine
   * (net.core.somaxconn); an agent with `maxSockets` keeps a burst to that many connections, as a proxy would.
   */
  gqlVia<T = Record<string, any>>(
    agent: Agent,
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ): Promise<GraphQLResponse<T>> {
    const body = JSON.stringify({ query, variables });
    return new Promise((resolve, reject) => {
      const outgoing = request(
        `${this.baseUrl}/graphql`,
        {
          method: 'POST',
          agent,
          headers: { ...graphqlHeaders(token), 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            try {
              const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as GraphQLResponse<T>;
              resolve({ ...parsed, status: response.statusCode ?? 0 });
            } catch (error) {
              reject(error as Error);
            }
          });
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  /** The data of a call that must succeed; throws with the errors otherwise. */
  async ok<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
    const response = await this.gql<T>(query, variables, token);
    if (response.errors?.length || !response.data) throw new Error(`GraphQL call failed: ${JSON.stringify(response.errors)}`);
    return response.data;
  }

  token(memberId: string): Promise<string> {
    return this.app.get(TokenService).issue(memberId);
  }

  /**
   * Adjusts the founding bylaws as the admin, through GraphQL (only until a first proposal closes). Specs that
   * close proposals right after opening them found `{ minVotingHours: 0 }`, as a co-op may; the rule itself is
   * tested in bylaws.e2e-spec.ts.
   */
  async foundBylaws(changes: Record<string, unknown>): Promise<void> {
    const { token } = await this.admin();
    await this.ok('mutation($changes: BylawsInput!) { foundBylaws(changes: $changes) { version } }', { changes }, token);
  }

  /** The bootstrapped admin's id and token. */
  async admin(): Promise<TestMember> {
    const { rows } = await this.sql.query('SELECT id FROM members WHERE email = $1', [ADMIN_EMAIL]);
    return { id: rows[0].id, email: ADMIN_EMAIL, token: await this.token(rows[0].id) };
  }

  /**
   * A member inserted straight into the database (no password hashing), with a token. For set-up only:
   * the behaviour under test goes through GraphQL.
   */
  async member(options: { status?: MemberStatus; roles?: Role[]; stakeholderClass?: string; name?: string } = {}): Promise<TestMember> {
    const n = ++memberCounter;
    const email = `member${n}-${Math.random().toString(36).slice(2, 8)}@coop.test`;
    const status = options.status ?? MemberStatus.ACTIVE;
    const { rows } = await this.sql.query(
      `INSERT INTO members (name, email, password_hash, status, roles, stakeholder_class, joined_at)
       VALUES ($1, $2, 'not-a-hash', $3::varchar, $4, $5, CASE WHEN $3::varchar = 'APPLICANT' THEN NULL ELSE now() END) RETURNING id`,
      [options.name ?? `Member ${n}`, email, status, options.roles ?? [Role.MEMBER], options.stakeholderClass ?? 'WORKER'],
    );
    return { id: rows[0].id, email, token: await this.token(rows[0].id) };
  }

  /** Rows in every table, and the audit log's length: to show that a rejected call changed nothing. */
  async snapshot(): Promise<Record<string, number>> {
    const { rows } = await this.sql.query(`SELECT relname AS table FROM pg_stat_user_tables WHERE schemaname = 'public' ORDER BY relname`);
    const counts: Record<string, number> = {};
    for (const { table } of rows) {
      // Background work writes these after a commit (the audit chain's head; what the notifications worker makes of
      // committed events); they are not a change a call made.
      if (table === 'migrations' || BACKGROUND_TABLES.has(table)) continue;
      const result = await this.sql.query(`SELECT count(*)::int AS n FROM "${table}"`);
      counts[table] = result.rows[0].n;
    }
    const members = await this.sql.query(
      `SELECT md5(string_agg(id || status || array_to_string(roles, ','), '|' ORDER BY id)) AS digest FROM members`,
    );
    counts[`members:${members.rows[0].digest}`] = 1;
    // Rows changed in place: holdings and the states of share operations.
    const shares = await this.sql.query(
      `SELECT md5(coalesce((SELECT string_agg(member_id::text || share_class_id::text || quantity, '|' ORDER BY member_id, share_class_id) FROM share_holdings), '')
               || coalesce((SELECT string_agg(id::text || status, '|' ORDER BY id) FROM share_operations), '')) AS digest`,
    );
    counts[`shares:${shares.rows[0].digest}`] = 1;
    return counts;
  }
}

let memberCounter = 0;

const BACKGROUND_TABLES = new Set([
  'audit_chain_head',
  'notification_cursor',
  'notifications',
  'mails',
  'webhook_deliveries',
  'closing_soon_reminders',
]);
