import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { AuditService } from '@commons/audit';
import type { Principal } from '@commons/auth';
import {
  APP_CONFIG,
  type AppConfig,
  assertUuid,
  BadUserInputError,
  type Connection,
  decodeCursor,
  encodeCursor,
  NotFoundError,
  pageSize,
  toConnection,
} from '@commons/core';
import { UnitOfWork } from '@commons/db';
import type { WebhookDeliveryEntity } from '../entities/webhook-delivery.entity.js';
import { WebhookEntity } from '../entities/webhook.entity.js';
import { checkWebhookTarget, type CheckedTarget, WebhookAddressError } from './webhook-address.js';

const EVENT = /^[a-z][a-z_]*\.[a-z][a-z_]*$/;

/** Every address a name resolves to (A and AAAA). */
export const resolveAll = async (host: string): Promise<string[]> =>
  (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

/** Admins' webhooks: registering a URL for events, removing it, and the deliveries made to it. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Refuses a URL that is, or resolves to, a non-public address, unless its host is in WEBHOOK_ALLOWED_HOSTS. */
  async check(url: string): Promise<CheckedTarget> {
    try {
      return await checkWebhookTarget(url, this.config.webhookAllowedHosts, resolveAll);
    } catch (error) {
      if (error instanceof WebhookAddressError) throw new BadUserInputError(error.message, 'url');
      throw error;
    }
  }

  async create(actor: Principal, url: string, events: string[]): Promise<{ webhook: WebhookEntity; secret: string }> {
    const trimmed = url.trim();
    if (trimmed.length > 2000) throw new BadUserInputError('url must be at most 2000 characters.', 'url');
    const chosen = [...new Set(events.map((event) => event.trim()))];
    if (chosen.length === 0 || chosen.length > 100) throw new BadUserInputError('Name 1 to 100 events, or "*" for all.', 'events');
    const wrong = chosen.find((event) => event !== '*' && !EVENT.test(event));
    if (wrong !== undefined)
      throw new BadUserInputError(`"${wrong}" is not an event: events are audit actions such as proposal.closed, or "*".`, 'events');
    await this.check(trimmed);
    const secret = randomBytes(32).toString('hex');
    const repository = this.work.manager.getRepository(WebhookEntity);
    const webhook = await repository.save(repository.create({ url: trimmed, events: chosen, secret, createdBy: actor.id }));
    this.audit.record({
      actorId: actor.id,
      action: 'webhook.created',
      entityType: 'Webhook',
      entityId: webhook.id,
      data: { url: trimmed, events: chosen },
    });
    return { webhook, secret };
  }

  async delete(actor: Principal, id: string): Promise<boolean> {
    const webhookId = assertUuid(id, 'id');
    const [rows, deleted] = await this.work.manager.query('DELETE FROM webhooks WHERE id = $1 RETURNING url', [webhookId]);
    if (deleted === 0) throw new NotFoundError('Webhook', webhookId);
    this.audit.record({
      actorId: actor.id,
      action: 'webhook.deleted',
      entityType: 'Webhook',
      entityId: webhookId,
      data: { url: rows[0].url },
    });
    return true;
  }

  list(): Promise<WebhookEntity[]> {
    return this.work.manager.getRepository(WebhookEntity).find({ order: { createdAt: 'DESC', id: 'DESC' } });
  }

  /** Newest first: in the order of the events (the audit log's seq). */
  async deliveries(webhookId: string, first?: number, after?: string): Promise<Connection<WebhookDeliveryEntity>> {
    const id = assertUuid(webhookId, 'webhookId');
    const limit = pageSize(first);
    const cursor = decodeCursor(after, 1);
    const manager = this.work.manager;
    const [exists] = await manager.query('SELECT 1 FROM webhooks WHERE id = $1', [id]);
    if (!exists) throw new NotFoundError('Webhook', id);
    const params: unknown[] = [id];
    let page = '';
    if (cursor) {
      params.push(String(cursor[0]));
      page = 'AND audit_seq < $2::bigint';
    }
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT id, event, status, attempts, response_status, last_attempt_at, audit_seq FROM webhook_deliveries
        WHERE webhook_id = $1 ${page} ORDER BY audit_seq DESC LIMIT ${limit + 1}`,
      params,
    );
    const [{ total }] = await manager.query('SELECT count(*)::int AS total FROM webhook_deliveries WHERE webhook_id = $1', [id]);
    const nodes = rows.map(
      (row) =>
        ({
          id: row.id,
          event: row.event,
          status: row.status,
          attempts: row.attempts,
          responseStatus: row.response_status,
          lastAttemptAt: row.last_attempt_at,
          auditSeq: String(row.audit_seq),
        }) as WebhookDeliveryEntity,
    );
    return toConnection(nodes, limit, total, (node) => encodeCursor([node.auditSeq]));
  }
}
