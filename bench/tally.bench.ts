// Closing proposals with 10,000 and 100,000 ballots (10 options) for MAJORITY, APPROVAL,
// RANKED_CHOICE and SCHULZE, through GraphQL `closeProposal`: seconds each, and how it grows.
// Usage: node --import ./scripts/register-ts.mjs bench/tally.bench.ts [sizes, e.g. 10000,100000]
import { startBenchApp, writeResult } from './support.js';

const SIZES = (process.argv[2] ?? '10000,100000').split(',').map(Number);
const METHODS = ['MAJORITY', 'APPROVAL', 'RANKED_CHOICE', 'SCHULZE'] as const;
const OPTIONS = Array.from({ length: 10 }, (_, i) => `Option ${i + 1}`);

async function main(): Promise<void> {
  const bench = await startBenchApp({ AUDIT_SEALER: 'on' });
  const t = bench.app;
  const admin = await t.admin();
  const rows: Array<Record<string, unknown>> = [];
  try {
    const largest = Math.max(...SIZES);
    // Members straight into the database: the benchmark is about counting, not registering.
    await t.sql.query(
      `INSERT INTO members (name, email, password_hash, status, roles, stakeholder_class, joined_at)
       SELECT 'Voter ' || n, 'voter' || n || '@bench.test', 'x', 'ACTIVE', '{MEMBER}', 'WORKER', now() FROM generate_series(1, $1) AS n`,
      [largest],
    );
    for (const size of SIZES) {
      for (const method of METHODS) {
        const input = {
          title: `${method} with ${size} ballots`,
          body: 'Benchmark',
          method,
          ...(method === 'MAJORITY' ? {} : { options: OPTIONS }),
        };
        const { createProposal } = await t.ok(
          `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id options { id } } }`,
          { input },
          admin.token,
        );
        await t.ok(`mutation($id: ID!) { openProposal(id: $id) { id } }`, { id: createProposal.id }, admin.token);
        const optionIds: string[] = createProposal.options.map((option: { id: string }) => option.id);
        // Ballots generated in SQL from a seeded pseudo-random permutation per voter.
        await t.sql.query(
          `WITH voters AS (
             SELECT v.member_id, row_number() OVER (ORDER BY v.member_id) AS n FROM proposal_voters v WHERE v.proposal_id = $1 LIMIT $2)
           INSERT INTO ballots (proposal_id, member_id, option_ids, receipt_hash, cast_at)
           SELECT $1, member_id, (
             CASE $3
               WHEN 'MAJORITY' THEN jsonb_build_array(($4::text[])[1 + (n * 7919 % 3)::int])
               WHEN 'APPROVAL' THEN (SELECT jsonb_agg(o ORDER BY o) FROM unnest($4::text[]) WITH ORDINALITY AS u(o, i) WHERE (n * 31 + i * 17) % 4 = 0)
               ELSE (SELECT jsonb_agg(o ORDER BY ((n * 2654435761 + i * 40503) % 1000003)) FROM unnest($4::text[]) WITH ORDINALITY AS u(o, i) WHERE i <= 3 + n % 8)
             END), md5(n::text) || md5(n::text), now()
           FROM voters`,
          [createProposal.id, size, method, optionIds],
        );
        await t.sql.query(`UPDATE ballots SET option_ids = '[]' WHERE proposal_id = $1 AND option_ids IS NULL`, [createProposal.id]);
        await t.sql.query(
          `UPDATE proposal_voters v SET has_voted = true FROM ballots b WHERE b.proposal_id = $1 AND v.proposal_id = $1 AND v.member_id = b.member_id`,
          [createProposal.id],
        );
        const started = performance.now();
        const { closeProposal } = await t.ok(
          `mutation($id: ID!) { closeProposal(id: $id) { outcome tally { participants } } }`,
          { id: createProposal.id },
          admin.token,
        );
        const seconds = (performance.now() - started) / 1000;
        rows.push({
          method,
          ballots: size,
          seconds: Number(seconds.toFixed(3)),
          participants: closeProposal.tally.participants,
          outcome: closeProposal.outcome,
        });
        console.log(`${method.padEnd(14)} ${String(size).padStart(7)} ballots: ${seconds.toFixed(3)} s`);
      }
    }
    writeResult('tally', { rows });
  } finally {
    await bench.done();
  }
}

await main();
