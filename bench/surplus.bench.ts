// Executing a surplus distribution over 10,000 and 100,000 members with patronage (every posting,
// allocation and the period's move to DISTRIBUTED in one transaction), and the queries after it.
// Usage: node --import ./scripts/register-ts.mjs bench/surplus.bench.ts [sizes, e.g. 10000,100000]
import { startBenchApp, writeResult } from './support.js';

const SIZES = (process.argv[2] ?? '10000,100000').split(',').map(Number);

async function main(): Promise<void> {
  const bench = await startBenchApp();
  const t = bench.app;
  const admin = await t.admin();
  const rows: Array<Record<string, unknown>> = [];
  const time = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
    const started = performance.now();
    const result = await work();
    return [result, Number(((performance.now() - started) / 1000).toFixed(3))];
  };
  try {
    let year = 2000;
    for (const size of SIZES) {
      year += 1;
      await t.sql.query(
        `INSERT INTO members (name, email, password_hash, status, roles, stakeholder_class, joined_at)
         SELECT 'Member ' || n, 'm' || n || '-' || $2 || '@bench.test', 'x', 'ACTIVE', '{MEMBER}', 'WORKER', now() FROM generate_series(1, $1) AS n`,
        [size, year],
      );
      const { openFiscalPeriod } = await t.ok(
        `mutation($name: String!, $s: DateTime!, $e: DateTime!) { openFiscalPeriod(name: $name, startsOn: $s, endsOn: $e) { id } }`,
        { name: `FY${year}`, s: `${year}-01-01T00:00:00Z`, e: `${year + 1}-01-01T00:00:00Z` },
        admin.token,
      );
      const periodId = openFiscalPeriod.id;
      await t.ok(
        `mutation($id: ID!) { recordEntry(periodId: $id, kind: REVENUE, amount: "9876543.21", memo: "Sales") { id } }`,
        { id: periodId },
        admin.token,
      );
      // Patronage straight into the table: the benchmark is about the distribution, not 100,000 calls.
      await t.sql.query(
        `INSERT INTO patronage_records (period_id, member_id, amount)
         SELECT $1, id, (1 + (row_number() OVER (ORDER BY id) * 7919) % 2000)::numeric / 10 FROM members WHERE email LIKE '%-' || $2 || '@bench.test'`,
        [periodId, year],
      );
      await t.ok(`mutation($id: ID!) { closeFiscalPeriod(id: $id) { id } }`, { id: periodId }, admin.token);
      const { proposeSurplusDistribution } = await t.ok(
        `mutation($id: ID!) { proposeSurplusDistribution(periodId: $id, policy: { reserve: "30", education: "10", commons: "20", patronage: "40", patronageCash: "25" }) { id proposal { id options { id label } } } }`,
        { id: periodId },
        admin.token,
      );
      const proposal = proposeSurplusDistribution.proposal;
      const forOption = proposal.options.find((option: { label: string }) => option.label === 'FOR').id;
      await t.ok(
        `mutation($input: CastVoteInput!) { castVote(input: $input) { receipt } }`,
        { input: { proposalId: proposal.id, optionIds: [forOption] } },
        admin.token,
      );
      const [, closeSeconds] = await time(() =>
        t.ok(`mutation($id: ID!) { closeProposal(id: $id) { outcome } }`, { id: proposal.id }, admin.token),
      );
      const [, executeSeconds] = await time(() =>
        t.ok(`mutation($id: ID!) { executeSurplusDistribution(id: $id) { status } }`, { id: proposeSurplusDistribution.id }, admin.token),
      );
      const [, pageSeconds] = await time(() =>
        t.ok(
          `query($id: ID!) { memberAllocations(periodId: $id, first: 100) { totalCount edges { node { refund cash retained } } } }`,
          { id: periodId },
          admin.token,
        ),
      );
      const [, trialSeconds] = await time(() =>
        t.ok(`query($id: ID!) { trialBalance(periodId: $id) { account debit credit } }`, { id: periodId }, admin.token),
      );
      const [, flowsSeconds] = await time(() =>
        t.ok(`query($id: ID!) { surplusFlows(periodId: $id) { from to amount } }`, { id: periodId }, admin.token),
      );
      const row = {
        members: size,
        seconds: executeSeconds,
        closeProposalSeconds: closeSeconds,
        allocationsPageSeconds: pageSeconds,
        trialBalanceSeconds: trialSeconds,
        flowsSeconds,
      };
      rows.push(row);
      console.log(JSON.stringify(row));
    }
    writeResult('surplus', { rows });
  } finally {
    await bench.done();
  }
}

await main();
