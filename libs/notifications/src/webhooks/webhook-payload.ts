import { createHmac } from 'node:crypto';

/** The event a webhook sees for an audit action: an automatic close is `proposal.closed` too. */
export function eventOf(action: string): string {
  return action === 'proposal.closed_automatically' ? 'proposal.closed' : action;
}

/** Whether a subscription to `events` takes `event`. */
export function subscribes(events: readonly string[], event: string): boolean {
  return events.includes('*') || events.includes(event);
}

/** What a webhook may never carry: choices on a ballot, contact details, credentials, client addresses. */
const WITHHELD = /email|address|password|token|secret.|receipt|choice|ranking|optionids|scores|projectids|points|ballot/i;
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/;

/** The audit entry's facts fit to leave the co-op: ids and outcomes, never a ballot's choice or an email. */
export function publicFacts(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(publicFacts).filter((item) => item !== undefined);
  if (value && typeof value === 'object') {
    const kept: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (WITHHELD.test(key)) continue;
      const facts = publicFacts(item);
      if (facts !== undefined) kept[key] = facts;
    }
    return kept;
  }
  if (typeof value === 'string' && EMAIL.test(value)) return undefined;
  return value;
}

export interface AuditEvent {
  seq: string;
  at: Date;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  data: unknown;
}

/** The body of a delivery, fixed once: `{"id","event","occurredAt","data"}`. */
export function deliveryBody(deliveryId: string, entry: AuditEvent): string {
  const facts = publicFacts(entry.data ?? {}) as Record<string, unknown>;
  return JSON.stringify({
    id: deliveryId,
    event: eventOf(entry.action),
    occurredAt: entry.at.toISOString(),
    data: { entityType: entry.entityType, entityId: entry.entityId, actorId: entry.actorId, ...facts },
  });
}

/** `X-Commons-Signature`: `sha256=` and the hex HMAC-SHA256 of the raw body with the webhook's secret. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}
