import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface AuditRecord {
  /** The member who did it; null for the system (automatic closes, boot-time set-up). */
  actorId: string | null;
  /** What happened, in the co-op's words: `member.admitted`, `proposal.closed`… */
  action: string;
  entityType: string;
  entityId?: string | null;
  data?: Record<string, unknown>;
}

/**
 * Appends audit entries. Call `record` with the transaction's EntityManager so the entry commits or
 * rolls back with the change it describes. The insert takes no lock; sealing comes after.
 */
@Injectable()
export class AuditService {
  async record(manager: EntityManager, entry: AuditRecord): Promise<void> {
    await manager.query('INSERT INTO audit_entries (at, actor_id, action, entity_type, entity_id, data) VALUES ($1, $2, $3, $4, $5, $6)', [
      new Date(),
      entry.actorId,
      entry.action,
      entry.entityType,
      entry.entityId ?? null,
      entry.data === undefined ? null : JSON.stringify(entry.data),
    ]);
  }
}
