// `npm run bench`: runs every benchmark in its own process, one after another (they would only
// disturb each other on a 2-core machine), then writes bench/results/SUMMARY.md from their JSON.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

const BENCHES = ['decision', 'tally', 'pabulib', 'import', 'surplus', 'votes', 'limits', 'webhooks'];
const only = process.argv.slice(2);

let failed = false;
for (const name of BENCHES.filter((bench) => only.length === 0 || only.includes(bench))) {
  const file = `bench/${name}.bench.ts`;
  if (!existsSync(file)) continue;
  console.log(`\n=== ${name} ===`);
  const run = spawnSync(process.execPath, ['--import', './scripts/register-ts.mjs', file], { stdio: 'inherit' });
  if (run.status !== 0) failed = true;
}

const read = (name) => (existsSync(`bench/results/${name}.json`) ? JSON.parse(readFileSync(`bench/results/${name}.json`, 'utf8')) : null);
const lines = [
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
  '',
];
const votes = read('votes');
if (votes) {
  lines.push(
    `Vote casting (\`castVote\` over HTTP, ${votes.members} members, ${votes.seconds} s per run; ceiling = pgbench running the work a vote needs, ballot upsert + audit insert + commit, prepared, same server, same run):`,
    '',
  );
  lines.push(
    `Load average at the end: ${(votes.loadAverage ?? []).join(', ')}.`,
    '',
    '| build | API processes | connections | votes/s | p50 ms | p99 ms | errors | commits per vote | ceiling tx/s | API / ceiling | after / before | vote statement alone tx/s | statement / ceiling |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const row of votes.rows)
    lines.push(
      `| ${row.build ?? 'this'} | ${row.processes ?? 1} | ${row.connections} | ${row.requestsPerSecond} | ${row.p50ms} | ${row.p99ms} | ${row.errors + row.non2xx} | ${row.commitsPerVote ?? ''} | ${row.ceilingTps} | ${row.ratio} | ${row.afterOverBefore ?? ''} | ${row.statementTps ?? ''} | ${row.statementRatio ?? ''} |`,
    );
  const two = votes.twoProcesses;
  if (two)
    lines.push(
      '',
      `Two processes: ${two.voted} voters counted; every vote reached both subscribers: ${two.everyVoteTallied}; closed: ${two.closed}, ${two.closes} close(s); votes after the close: ${two.votedAfterClose - two.votedAtClose} (late votes answered ${two.lateVotes.join(', ')}).`,
    );
  lines.push('');
}
const tally = read('tally');
if (tally) {
  lines.push('Closing a proposal (`closeProposal`, 10 options):', '', '| method | ballots | seconds |', '|---|---|---|');
  for (const row of tally.rows) lines.push(`| ${row.method} | ${row.ballots} | ${row.seconds} |`);
  lines.push('');
}
const webhooks = read('webhooks');
if (webhooks) {
  lines.push(
    `From a commit to the webhook's receipt (\`admitMember\`, receiver on loopback, ${webhooks.events} events one at a time): ` +
      `median ${webhooks.medianMs} ms, p90 ${webhooks.p90Ms} ms (min ${webhooks.minMs}, max ${webhooks.maxMs}).`,
    '',
  );
}
const decision = read('decision');
if (decision) {
  lines.push('Decision methods alone (100,000 individual weighted ballots, best of 3):', '', '| method | seats | ms |', '|---|---|---|');
  for (const row of decision.rows) lines.push(`| ${row.method} | ${row.seats} | ${row.milliseconds} |`);
  lines.push('');
}
const pabulib = read('pabulib');
if (pabulib) {
  lines.push(
    'Pabulib files (parse, then allocate):',
    '',
    '| file | voters | projects | parse ms | GREEDY ms | EQUAL_SHARES ms (runs) |',
    '|---|---|---|---|---|---|',
  );
  for (const row of pabulib.rows)
    lines.push(
      `| ${row.file} | ${row.voters} | ${row.projects} | ${row.parseMs} | ${row.greedyMs} | ${row.equalSharesMs} (${row.equalSharesRuns}) |`,
    );
  lines.push('');
}
const imported = read('import');
if (imported) {
  lines.push(
    '`importPabulib` over HTTP (parse, store every project and voter, allocate; one transaction):',
    '',
    '| file | method | MB | seconds |',
    '|---|---|---|---|',
  );
  for (const row of imported.rows) lines.push(`| ${row.file} | ${row.method} | ${row.megabytes} | ${row.seconds} |`);
  lines.push('');
}
const surplus = read('surplus');
if (surplus) {
  lines.push('Surplus distribution (`executeSurplusDistribution`):', '', '| members | seconds |', '|---|---|');
  for (const row of surplus.rows) lines.push(`| ${row.members} | ${row.seconds} |`);
  lines.push('');
}
const limits = read('limits');
if (limits) {
  lines.push(
    'Refusing an oversized operation (median of 5, ms from sending to the refusal):',
    '',
    '| operation | bytes | HTTP ms | HTTP code | socket ms | socket answer |',
    '|---|---|---|---|---|---|',
  );
  for (const row of limits.rows)
    lines.push(`| ${row.operation} | ${row.bytes} | ${row.httpMs ?? ''} | ${row.httpCode ?? ''} | ${row.socketMs} | ${row.socketCode} |`);
  const { pool } = limits;
  lines.push(
    '',
    `${pool.concurrent} concurrent refused secret re-votes, pool of ${pool.poolSize}: at most ${pool.mostConnections} connections, ${pool.seconds} s, answered ${pool.codes.join(', ')}.`,
    '',
  );
}
writeFileSync('bench/results/SUMMARY.md', lines.join('\n'));
console.log(`\n${lines.join('\n')}`);
process.exitCode = failed ? 1 : 0;
