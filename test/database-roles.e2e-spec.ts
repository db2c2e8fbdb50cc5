import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  CapturedLogger,
  createEmptyDatabase,
  createTestDatabase,
  TEST_AUDIT_KEY,
  TestApp,
  type TestDatabase,
} from '@commons/testing';
import { migrate, revertLastMigration } from '../apps/api/src/database/migrate.js';
import { CLOSE, members, openProposal, vote, votesByLabel } from './voting-helpers.js';

/** psql's `:"name"` (an identifier) and `:'name'` (a literal), as `psql -v name=value -f db/roles.sql` substitutes them. */
function withPsqlVariables(sql: string, variables: Record<string, string>): string {
  return sql.replace(/:(["'])(\w+)\1/g, (_whole, quote: string, name: string) => {
    const value = variables[name];
    if (value === undefined) throw new Error(`db/roles.sql uses :${quote}${name}${quote}, which this test does not set`);
    return quote === '"' ? `"${value.replace(/"/g, '""')}"` : `'${value.replace(/'/g, "''")}'`;
  });
}

function as(url: string, role: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = role;
  parsed.password = password;
  return parsed.toString();
}

async function run(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** What docker-compose.yml sets up: db/roles.sql on an empty database, migrations by the owner, the API as the app role. */
describe('the API under a database role that owns nothing', () => {
  const suffix = randomBytes(4).toString('hex');
  const owner = `commons_owner_${suffix}`;
  const appRole = `commons_app_${suffix}`;
  const password = randomBytes(12).toString('hex');
  const logs = new CapturedLogger();
  let database: TestDatabase;
  let appUrl: string;
  let t: TestApp;

  beforeAll(async () => {
    database = await createEmptyDatabase();
    const roles = readFileSync(join(process.cwd(), 'db/roles.sql'), 'utf8');
    await run(database.url, withPsqlVariables(roles, { owner, owner_password: password, app: appRole, app_password: password }));
    await migrate(as(database.url, owner, password)); // the one-shot migrate service
    appUrl = as(database.url, appRole, password);
    // The API's own start: nothing left to migrate, then serve.
    expect(await migrate(appUrl, { auditKey: TEST_AUDIT_KEY })).toEqual([]);
    t = await TestApp.start({}, { database: { ...database, url: appUrl }, logger: logs });
    await t.foundBylaws({ minVotingHours: 0 });
  });
  afterAll(async () => {
    await t?.stop();
    await database?.drop();
    // Roles belong to the whole server, not to the spec's database.
    await run(process.env.COMMONS_TEST_ADMIN_URL!, `DROP ROLE IF EXISTS "${appRole}"; DROP ROLE IF EXISTS "${owner}"`);
  });

  it('leaves every table to the owner, so the API cannot disable the triggers, truncate or change the schema', async () => {
    const { rows } = await t.sql.query(`SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'`);
    expect(rows).toEqual([{ tableowner: owner }]);
    for (const sql of [
      'ALTER TABLE audit_entries DISABLE TRIGGER ALL',
      'ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only',
      'ALTER TABLE audit_chain_head DISABLE TRIGGER USER',
      'DROP TRIGGER audit_entries_append_only ON audit_entries',
      'ALTER TABLE ledger_lines DISABLE TRIGGER ALL',
    ])
      await expect(t.sql.query(sql)).rejects.toThrow(/must be owner of (table|relation)/);
    for (const table of ['audit_entries', 'audit_chain_head', 'ledger_postings', 'ballots'])
      await expect(t.sql.query(`TRUNCATE ${table}`)).rejects.toThrow(/permission denied/);
    await expect(t.sql.query('CREATE TABLE forged (id int)')).rejects.toThrow(/permission denied for schema public/);
    await expect(t.sql.query(`SET session_replication_role = replica`)).rejects.toThrow(/permission denied/);
  });

  it("does the API's work: signs in, admits, votes in secret, closes, and keeps the audit chain", async () => {
    const login = await t.ok(`mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`, {
      email: ADMIN_EMAIL,
      password: ADMIN_PASSWORD,
    });
    const token: string = login.login.token;
    const applicant = await t.member({ status: 'APPLICANT' as never });
    await t.ok(`mutation($id: ID!) { admitMember(memberId: $id) { id status } }`, { id: applicant.id }, token);
    const voters = await members(t, 2);
    const proposal = await openProposal(t, voters[0], { method: 'MAJORITY', secret: true });
    for (const voter of voters) expect((await vote(t, voter, proposal, ['FOR'])).errors).toBeUndefined();
    const closed = (await t.ok(CLOSE, { id: proposal.id }, token)).closeProposal;
    expect(votesByLabel(closed.tally)).toEqual({ FOR: 2, AGAINST: 0, ABSTAIN: 0 });
    const { verifyAuditChain } = await t.ok('{ verifyAuditChain { valid entries firstBrokenSeq } }', {}, token);
    expect(verifyAuditChain).toMatchObject({ valid: true, firstBrokenSeq: null });
    expect(verifyAuditChain.entries).toBeGreaterThanOrEqual(6);
    // Nor did any background task (sealer, mixer, closer) fail for want of a right.
    expect(logs.lines.filter((line) => line.level !== 'log')).toEqual([]);
  });
});

describe('db/roles.sql on a database migrated before the roles existed', () => {
  it('hands its tables and functions to the owner and leaves the app role rows only', async () => {
    const suffix = randomBytes(4).toString('hex');
    const [owner, appRole, password] = [`commons_owner_${suffix}`, `commons_app_${suffix}`, randomBytes(12).toString('hex')];
    const database = await createTestDatabase();
    try {
      const roles = readFileSync(join(process.cwd(), 'db/roles.sql'), 'utf8');
      await run(database.url, withPsqlVariables(roles, { owner, owner_password: password, app: appRole, app_password: password }));
      const sql = new pg.Client({ connectionString: as(database.url, appRole, password) });
      await sql.connect();
      try {
        const tables = await sql.query(`SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'`);
        expect(tables.rows).toEqual([{ tableowner: owner }]);
        const functions = await sql.query(
          `SELECT DISTINCT pg_get_userbyid(p.proowner) AS owner FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'`,
        );
        expect(functions.rows).toEqual([{ owner }]);
        await sql.query(`INSERT INTO audit_entries (at, action, entity_type) VALUES (now(), 'test.written', 'Test')`);
        await expect(sql.query('ALTER TABLE audit_entries DISABLE TRIGGER ALL')).rejects.toThrow(/must be owner/);
        await expect(sql.query('TRUNCATE audit_entries')).rejects.toThrow(/permission denied/);
      } finally {
        await sql.end();
      }
      // The owner can migrate what comes next (here: undo and redo the last migration).
      const ownerUrl = as(database.url, owner, password);
      await revertLastMigration(ownerUrl);
      expect(await migrate(ownerUrl)).toHaveLength(1);
    } finally {
      await database.drop();
      await run(process.env.COMMONS_TEST_ADMIN_URL!, `DROP ROLE IF EXISTS "${appRole}"; DROP ROLE IF EXISTS "${owner}"`);
    }
  });
});
