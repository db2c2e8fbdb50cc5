import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type Transaction, UnitOfWork } from '@commons/db';

export interface AuditRecord {
  /** The member who did it; null for the system (automatic closes, boot-time set-up). */
  actorId: string | null;
  /** What happened, in the co-op's words: `member.admitted`, `proposal.closed`… */
  action: string;
  entityType: string;
  entityId?: string | null;
  data?: Record<string, unknown>;
}

interface PendingEntry {
  entry?: AuditRecord & { at: Date };
}

const PENDING = Symbol('audit entry');

/**
 * The audit entry of the current unit of work. Each unit of work records exactly one; it is written just
 * before the transaction commits, so it commits or rolls back with the change it describes. The insert
 * takes no lock; sealing comes after.
 */
@Injectable()
export class AuditService {
  constructor(private readonly work: UnitOfWork) {}

  /** Records what the current unit of work did. A second entry in the same unit is a programming error. */
  record(entry: AuditRecord): void {
    const transaction = this.work.require(`Audit entry ${entry.action}`);
    const pending = this.pending(transaction);
    if (pending.entry) {
      throw new Error(`One audit entry per unit of work: ${pending.entry.action} is recorded already, so ${entry.action} cannot be.`);
    }
    pending.entry = { ...entry, at: new Date() };
  }

  /** Adds facts to the unit's entry (e.g. what another lib did as a consequence, inside the same change). */
  annotate(data: Record<string, unknown>): void {
    const entry = this.pending(this.work.require('An audit annotation')).entry;
    if (!entry) throw new Error('Record the audit entry before annotating it.');
    entry.data = { ...entry.data, ...data };
  }

  /** Whether the current unit of work has its entry. */
  recorded(): boolean {
    return !!this.work.current?.peek<PendingEntry>(PENDING)?.entry;
  }

  private pending(transaction: Transaction): PendingEntry {
    return transaction.value(PENDING, () => {
      const pending: PendingEntry = {};
      transaction.beforeCommit.push(() => (pending.entry ? insert(transaction.manager, pending.entry) : undefined));
      return pending;
    });
  }
}

/** The columns of an unsealed audit entry, in this order. */
export const AUDIT_ENTRY_COLUMNS = 'at, actor_id, action, entity_type, entity_id, data';

/**
 * An entry's values for `AUDIT_ENTRY_COLUMNS` (`$n` parameters, `data` as JSON text), for a change that
 * one statement makes whole and that writes its entry in that statement (a vote) instead of `record`.
 */
export function auditEntryValues(entry: AuditRecord, at = new Date()): [Date, string | null, string, string, string | null, string | null] {
  return [
    at,
    entry.actorId,
    entry.action,
    entry.entityType,
    entry.entityId ?? null,
    entry.data === undefined ? null : JSON.stringify(entry.data),
  ];
}

async function insert(manager: EntityManager, entry: AuditRecord & { at: Date }): Promise<void> {
  await manager.query(
    `INSERT INTO audit_entries (${AUDIT_ENTRY_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)`,
    auditEntryValues(entry, entry.at),
  );
}
