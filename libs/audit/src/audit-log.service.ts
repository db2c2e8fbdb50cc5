import { Injectable } from '@nestjs/common';
import { type Connection, decodeCursor, encodeCursor, isUuid, pageSize, toConnection } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import { chainedFields } from './audit-hash.js';
import { AuditSealerService } from './audit-sealer.service.js';
import type { AuditEntryModel } from './models/audit-entry.model.js';

export interface AuditLogFilter {
  action?: string | null;
  actorId?: string | null;
  entityId?: string | null;
  /** Only entries numbered up to this one (to open the log at an entry, e.g. the first broken one). */
  atOrBefore?: number | null;
  first?: number | null;
  after?: string | null;
}

interface AuditRow {
  seq: string;
  at: Date;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  data: unknown;
  hash: string;
  prev_hash: string;
}

/** Reads the sealed audit log, newest first, with Relay paging on `seq`. */
@Injectable()
export class AuditLogService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly sealer: AuditSealerService,
  ) {}

  async list(filter: AuditLogFilter): Promise<Connection<AuditEntryModel>> {
    const limit = pageSize(filter.first);
    const cursor = decodeCursor(filter.after, 1);
    await this.sealer.sealPending();

    const where: string[] = ['seq IS NOT NULL'];
    const params: unknown[] = [];
    const add = (clause: string, value: unknown) => {
      params.push(value);
      where.push(clause.replace('?', `$${params.length}`));
    };
    if (filter.action) add('action = ?', filter.action);
    if (filter.actorId) {
      // An id that is not a UUID matches no actor rather than failing the query.
      if (!isUuid(filter.actorId)) where.push('false');
      else add('actor_id = ?', filter.actorId);
    }
    if (filter.entityId) add('entity_id = ?', filter.entityId);
    if (filter.atOrBefore !== null && filter.atOrBefore !== undefined) add('seq <= ?', filter.atOrBefore);
    const filtered = where.join(' AND ');
    const [{ count }] = await this.work.manager.query(`SELECT count(*)::int AS count FROM audit_entries WHERE ${filtered}`, params);

    const pageWhere = cursor ? `${filtered} AND seq < $${params.length + 1}` : filtered;
    const pageParams = cursor ? [...params, cursor[0]] : params;
    const rows: AuditRow[] = await this.work.manager.query(
      `SELECT seq, at, actor_id, action, entity_type, entity_id, data, hash, prev_hash
         FROM audit_entries WHERE ${pageWhere} ORDER BY seq DESC LIMIT ${limit + 1}`,
      pageParams,
    );
    const entries = rows.map((row): AuditEntryModel => ({
      ...chainedFields(Number(row.seq), row),
      hash: row.hash,
      prevHash: row.prev_hash,
    }));
    return toConnection(entries, limit, count, (entry) => encodeCursor([entry.seq]));
  }
}
