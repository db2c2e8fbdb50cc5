import { Inject, Injectable } from '@nestjs/common';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { APP_CONFIG, type AppConfig } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import { DeliveryStatus } from '../entities/webhook-delivery.entity.js';
import { JobQueue, QUEUES } from '../job-queue.service.js';
import { NotificationsWorker } from '../notifications-worker.service.js';
import { checkWebhookTarget, type CheckedTarget } from './webhook-address.js';
import { signature } from './webhook-payload.js';
import { resolveAll } from './webhooks.service.js';

interface Attempt {
  responseStatus: number | null;
  error: string | null;
}

/** A lookup that answers with the addresses already checked, so the connection goes where the check looked. */
function pinned(addresses: string[]): LookupFunction {
  return (_host, options, callback) => {
    if (options.all)
      callback(
        null,
        addresses.map((address) => ({ address, family: isIP(address) })),
      );
    else callback(null, addresses[0], isIP(addresses[0]));
  };
}

/** POSTs `body` once; resolves with the status, or the reason there is none (refused, timed out, unreachable). */
function post(target: CheckedTarget, body: string, headers: Record<string, string>, timeoutMs: number): Promise<Attempt> {
  return new Promise((resolve) => {
    const client = target.url.protocol === 'https:' ? https : http;
    const request = client.request(
      target.url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body).toString(), ...headers },
        lookup: pinned(target.addresses),
        timeout: timeoutMs,
      },
      (response) => {
        response.resume(); // the answer's body is not read, only its status
        response.on('end', () => resolve({ responseStatus: response.statusCode ?? null, error: null }));
        response.on('error', () => resolve({ responseStatus: response.statusCode ?? null, error: null }));
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    request.on('error', (error) => resolve({ responseStatus: null, error: error.message.slice(0, 500) }));
    request.end(body);
  });
}

/**
 * Makes one attempt at a delivery, as a job: signs the stored body, checks the URL again after resolving it
 * (an address may have changed since the webhook was made), and records the outcome. A failure (non-2xx,
 * time-out, refusal) queues the next attempt after WEBHOOK_RETRY_SCHEDULE's next step, in the same
 * transaction that records it; past the last step the delivery is FAILED. A delivery no longer PENDING
 * is skipped, so a job run twice sends at most once more, with the same delivery id for the receiver to drop.
 */
@Injectable()
export class WebhookDeliveryService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly queue: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    worker: NotificationsWorker,
  ) {
    worker.handle(QUEUES.webhook, (data) => this.attempt(String(data.deliveryId)));
  }

  async attempt(deliveryId: string): Promise<void> {
    const [delivery] = await this.work.manager.query(
      `SELECT d.id, d.event, d.body, d.status, d.attempts, w.url, w.secret FROM webhook_deliveries d
         JOIN webhooks w ON w.id = d.webhook_id WHERE d.id = $1`,
      [deliveryId],
    );
    if (!delivery || delivery.status !== DeliveryStatus.PENDING) return;
    let outcome: Attempt;
    try {
      const target = await checkWebhookTarget(delivery.url, this.config.webhookAllowedHosts, resolveAll);
      outcome = await post(
        target,
        delivery.body,
        {
          'user-agent': 'Commons-Webhooks/1',
          'x-commons-event': delivery.event,
          'x-commons-delivery': delivery.id,
          'x-commons-signature': signature(delivery.secret, delivery.body),
        },
        this.config.webhookTimeoutSeconds * 1000,
      );
    } catch (error) {
      outcome = { responseStatus: null, error: `refused: ${String((error as Error).message)}`.slice(0, 500) };
    }
    const delivered = outcome.responseStatus !== null && outcome.responseStatus >= 200 && outcome.responseStatus < 300;
    const attempts = Number(delivery.attempts) + 1;
    const schedule = this.config.webhookRetrySchedule;
    const status = delivered ? DeliveryStatus.DELIVERED : attempts > schedule.length ? DeliveryStatus.FAILED : DeliveryStatus.PENDING;
    await this.work.transaction(async (manager) => {
      const [, changed] = await manager.query(
        `UPDATE webhook_deliveries SET attempts = attempts + 1, status = $2, response_status = $3, last_error = $4, last_attempt_at = now()
          WHERE id = $1 AND status = 'PENDING' RETURNING 1`,
        [deliveryId, status, outcome.responseStatus, outcome.error],
      );
      if (changed === 1 && status === DeliveryStatus.PENDING)
        await this.queue.insert(manager, [{ name: QUEUES.webhook, data: { deliveryId }, startAfter: schedule[attempts - 1] }]);
    });
  }
}
