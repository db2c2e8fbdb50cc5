import { createHash, createHmac } from 'node:crypto';

/** The hash that starts the chain (the `prevHash` of entry 1). */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  seq: number;
  at: Date;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  data: unknown;
}

/** An audit row as PostgreSQL returns it (snake_case columns). */
export interface AuditRow {
  at: Date;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  data: unknown;
}

/** The fields the hash protects, from a stored row and its sequence number. */
export function chainedFields(seq: number, row: AuditRow): ChainedFields {
  return {
    seq,
    at: row.at,
    actorId: row.actor_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    data: row.data,
  };
}

/** JSON with object keys sorted at every level, so equal data always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The canonical form of an entry: every field that the hash protects, in a fixed order. */
export function canonicalEntry(entry: ChainedFields): string {
  return canonicalJson([
    entry.seq,
    entry.at.toISOString(),
    entry.actorId,
    entry.action,
    entry.entityType,
    entry.entityId,
    entry.data ?? null,
  ]);
}

/**
 * hash = HMAC-SHA256(key, prevHash + canonical entry), hex, with the UTF-8 bytes of AUDIT_KEY as the key.
 * Without the key, nobody who edits rows in the database can compute the hashes that would hide it.
 */
export function keyedChainHash(key: string, prevHash: string, entry: ChainedFields): string {
  return createHmac('sha256', key).update(prevHash).update(canonicalEntry(entry)).digest('hex');
}

/** hash = sha256(prevHash + canonical entry), hex: how entries were sealed before the chain was keyed. */
export function plainChainHash(prevHash: string, entry: ChainedFields): string {
  return createHash('sha256').update(prevHash).update(canonicalEntry(entry)).digest('hex');
}
