import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import { chainedFields, GENESIS_HASH, keyedChainHash } from './audit-hash.js';
import { AuditSealerService } from './audit-sealer.service.js';

export interface ChainVerification {
  valid: boolean;
  entries: number;
  firstBrokenSeq: number | null;
}

interface HeadRow {
  last_seq: string;
  last_hash: string;
}

interface SealedRow {
  seq: string;
  at: Date;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  data: unknown;
  prev_hash: string;
  hash: string;
}

const BATCH = 10_000;

/**
 * Recomputes the chain from entry 1 with AUDIT_KEY and reports the first entry that was altered, removed
 * or reordered. Without the key, whoever edits rows cannot recompute hashes that would pass.
 */
@Injectable()
export class AuditVerifierService {
  private readonly key: string;

  constructor(
    private readonly work: UnitOfWork,
    private readonly sealer: AuditSealerService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.key = config.auditKey;
  }

  async verify(): Promise<ChainVerification> {
    await this.sealer.sealPending();
    // The chain and its head in one snapshot: a seal committing between two reads would look like a break.
    return this.work.transaction((manager) => this.check(manager), { isolation: 'REPEATABLE READ', readOnly: true });
  }

  private async check(manager: EntityManager): Promise<ChainVerification> {
    const [head]: HeadRow[] = await manager.query('SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1');
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let entries = 0;
    const result = (firstBrokenSeq: number | null): ChainVerification => ({ valid: firstBrokenSeq === null, entries, firstBrokenSeq });
    for (;;) {
      const rows: SealedRow[] = await manager.query(
        `SELECT seq, at, actor_id, action, entity_type, entity_id, data, prev_hash, hash
           FROM audit_entries WHERE seq >= $1 ORDER BY seq LIMIT $2`,
        [expectedSeq, BATCH],
      );
      for (const row of rows) {
        const seq = Number(row.seq);
        if (seq !== expectedSeq || row.prev_hash !== prevHash) return result(expectedSeq);
        const hash = keyedChainHash(this.key, prevHash, chainedFields(seq, row));
        if (hash !== row.hash) return result(seq);
        prevHash = hash;
        expectedSeq += 1;
        entries += 1;
      }
      if (rows.length < BATCH) break;
    }
    const headSeq = head ? Number(head.last_seq) : 0;
    if (headSeq !== entries || (head && head.last_hash !== prevHash)) return result(Math.max(1, Math.min(headSeq, entries + 1)));
    // Never empty: the migration that keyed the chain wrote an entry, so an empty chain was emptied.
    if (entries === 0) return result(1);
    return result(null);
  }
}
