// From a commit to the webhook's receipt: an admin admits an applicant (one mutation, its audit entry the
// event) and a webhook receiver on loopback notes when the signed delivery arrives. The clock starts when the
// mutation's answer arrives, which is just after its COMMIT; one event at a time, with the default
// NOTIFICATIONS_POLL_MS (200 ms) and the audit sealer's 250 ms.
// Usage: node --import ./scripts/register-ts.mjs bench/webhooks.bench.ts
import { WebhookReceiver } from '../test/webhook-receiver.js';
import { startBenchApp, writeResult } from './support.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const receiver = await WebhookReceiver.start();
const bench = await startBenchApp({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
try {
  const t = bench.app;
  const admin = await t.admin();
  await t.ok(
    `mutation($url: String!) { createWebhook(url: $url, events: ["member.admitted"]) { secret } }`,
    { url: receiver.url },
    admin.token,
  );
  const latencies: number[] = [];
  for (let i = 0; i < EVENTS; i += 1) {
    const applicant = await t.member({ status: 'APPLICANT' as never });
    const before = receiver.received.length;
    await t.ok(`mutation($id: ID!) { admitMember(memberId: $id) { id } }`, { id: applicant.id }, admin.token);
    const committed = performance.now();
    await receiver.waitFor(before + 1);
    latencies.push(performance.now() - committed);
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms);
  const result = {
    events: EVENTS,
    medianMs: round(percentile(sorted, 50)),
    p90Ms: round(percentile(sorted, 90)),
    minMs: round(sorted[0]),
    maxMs: round(sorted[sorted.length - 1]),
  };
  console.log(`commit → webhook received, ${EVENTS} events one at a time: median ${result.medianMs} ms, p90 ${result.p90Ms} ms`);
  writeResult('webhooks', result);
} finally {
  await bench.done();
  await receiver.stop();
}
