import pg from 'pg';
import { DataSource } from 'typeorm';
import { chainedFields, GENESIS_HASH, keyedChainHash, plainChainHash } from '@commons/audit';
import { dataSourceOptions } from '@commons/db';
import { createEmptyDatabase, TEST_AUDIT_KEY, TestApp, type TestDatabase } from '@commons/testing';
import { MIGRATIONS } from '../db/migrations/index.js';
import { migrate, revertLastMigration } from '../apps/api/src/database/migrate.js';

const VERIFY = '{ verifyAuditChain { valid entries firstBrokenSeq } }';
const KEYED = MIGRATIONS.findIndex((migration) => migration.name.startsWith('KeyedAuditChain'));

interface Row {
  seq: string | null;
  at: Date;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  data: unknown;
  prev_hash: string | null;
  hash: string | null;
}

/**
 * A database as the version before the keyed chain left it: migrated up to then, five entries sealed with
 * plain sha256 (entry `edited`, if given, changed afterwards) and one committed but not sealed yet.
 */
async function plainChainDatabase(edited?: number): Promise<TestDatabase> {
  const database = await createEmptyDatabase();
  const before = new DataSource(dataSourceOptions({ url: database.url, entities: [], migrations: MIGRATIONS.slice(0, KEYED) }));
  await before.initialize();
  await before.runMigrations({ transaction: 'each' });
  await before.destroy();
  const sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  try {
    let prevHash = GENESIS_HASH;
    for (let seq = 1; seq <= 5; seq += 1) {
      const row = {
        at: new Date(Date.UTC(2026, 0, seq)),
        actor_id: null,
        action: 'member.admitted',
        entity_type: 'Member',
        entity_id: `m${seq}`,
        data: { n: seq },
      };
      const hash = plainChainHash(prevHash, chainedFields(seq, row));
      const data = seq === edited ? { n: seq, role: 'ADMIN' } : row.data;
      await sql.query(
        `INSERT INTO audit_entries (seq, at, actor_id, action, entity_type, entity_id, data, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [seq, row.at, row.actor_id, row.action, row.entity_type, row.entity_id, JSON.stringify(data), prevHash, hash],
      );
      prevHash = hash;
    }
    await sql.query('INSERT INTO audit_chain_head (id, last_seq, last_hash) VALUES (1, 5, $1)', [prevHash]);
    await sql.query(`INSERT INTO audit_entries (at, action, entity_type, entity_id) VALUES ($1, 'member.admitted', 'Member', 'm6')`, [
      new Date(Date.UTC(2026, 0, 6)),
    ]);
  } finally {
    await sql.end();
  }
  return database;
}

async function entries(database: TestDatabase): Promise<Row[]> {
  const sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  try {
    return (
      await sql.query<Row>('SELECT seq, at, actor_id, action, entity_type, entity_id, data, prev_hash, hash FROM audit_entries ORDER BY id')
    ).rows;
  } finally {
    await sql.end();
  }
}

/** The first seq at which `rows` (sealed, in seq order) do not chain with `hashOf`, or null. */
function firstBreak(rows: Row[], hashOf: typeof plainChainHash): number | null {
  let prevHash = GENESIS_HASH;
  for (const row of rows) {
    const hash = hashOf(prevHash, chainedFields(Number(row.seq), row));
    if (row.prev_hash !== prevHash || row.hash !== hash) return Number(row.seq);
    prevHash = hash;
  }
  return null;
}

describe('keying an existing audit chain', () => {
  it('rehashes a chain sealed with plain sha256 with AUDIT_KEY, keeping every entry and seq, and only with the key', async () => {
    const database = await plainChainDatabase();
    try {
      const plain = await entries(database);
      expect(firstBreak(plain.slice(0, 5), plainChainHash)).toBeNull();

      // Without the key the migration refuses, and changes nothing.
      await expect(migrate(database.url)).rejects.toThrow(/AUDIT_KEY/);
      expect(await entries(database)).toEqual(plain);

      expect(await migrate(database.url, { auditKey: TEST_AUDIT_KEY })).toHaveLength(MIGRATIONS.length - KEYED);
      const rehashed = await entries(database);
      expect(rehashed.slice(0, 6).map(({ seq, at, data }) => ({ seq, at, data }))).toEqual(
        plain.map(({ seq, at, data }) => ({ seq, at, data })),
      );
      const keyed = (prevHash: string, entry: Parameters<typeof plainChainHash>[1]) => keyedChainHash(TEST_AUDIT_KEY, prevHash, entry);
      expect(firstBreak(rehashed.slice(0, 5), keyed)).toBeNull();
      expect(firstBreak(rehashed.slice(0, 5), plainChainHash)).toBe(1); // no plain hash is left to accept

      // The server seals the entry that was waiting and the migration's own, and the whole chain verifies.
      const t = await TestApp.start({}, { database });
      try {
        const admin = await t.admin();
        const { verifyAuditChain } = await t.ok(VERIFY, {}, admin.token);
        // Five rehashed, the one that was waiting, the migration's 'audit_chain.keyed', the admin created at start.
        expect(verifyAuditChain).toEqual({ valid: true, entries: 8, firstBrokenSeq: null });
        const { rows } = await t.sql.query(`SELECT action FROM audit_entries WHERE seq = 7`);
        expect(rows).toEqual([{ action: 'audit_chain.keyed' }]);
      } finally {
        await t.stop();
      }

      // Reverting (down to before KeyedAuditChain) goes back to plain sha256, which is all the previous version can verify.
      for (let undone = 0; undone < MIGRATIONS.length - KEYED; undone += 1)
        await revertLastMigration(database.url, { auditKey: TEST_AUDIT_KEY });
      const reverted = (await entries(database)).filter((row) => row.seq !== null).sort((a, b) => Number(a.seq) - Number(b.seq));
      expect(reverted).toHaveLength(8);
      expect(firstBreak(reverted, plainChainHash)).toBeNull();
    } finally {
      await database.drop();
    }
  });

  it('leaves a chain broken before the upgrade broken at the same entry: rehashing launders nothing', async () => {
    const database = await plainChainDatabase(3);
    try {
      expect(firstBreak((await entries(database)).slice(0, 5), plainChainHash)).toBe(3);
      await migrate(database.url, { auditKey: TEST_AUDIT_KEY });
      const t = await TestApp.start({}, { database });
      try {
        const admin = await t.admin();
        expect((await t.ok(VERIFY, {}, admin.token)).verifyAuditChain).toEqual({ valid: false, entries: 2, firstBrokenSeq: 3 });
      } finally {
        await t.stop();
      }
    } finally {
      await database.drop();
    }
  });
});
