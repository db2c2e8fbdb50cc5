import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@commons/core';
import { chainedFields, GENESIS_HASH, keyedChainHash, plainChainHash } from './audit-hash.js';
import { AuditSealerService } from './audit-sealer.service.js';

export interface ChainVerification {
  valid: boolean;
  entries: number;
  firstBrokenSeq: number | null;
  /** The first seq keyed with AUDIT_KEY, as the chain's head records it; null when there is no head. */
  keyedFrom: number | null;
}

interface HeadRow {
  last_seq: string;
  last_hash: string;
  keyed_from: string;
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

/** Recomputes the chain from entry 1 and reports the first entry that was altered, removed or reordered. */
@Injectable()
export class AuditVerifierService {
  private readonly key: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sealer: AuditSealerService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.key = config.auditKey;
  }

  async verify(): Promise<ChainVerification> {
    await this.sealer.sealPending();
    // The chain and its head in one snapshot: a seal committing between two reads would look like a break.
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      return this.check(manager);
    });
  }

  private async check(manager: EntityManager): Promise<ChainVerification> {
    const [head]: HeadRow[] = await manager.query('SELECT last_seq, last_hash, keyed_from FROM audit_chain_head WHERE id = 1');
    const keyedFrom = head ? Number(head.keyed_from) : 1;
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let entries = 0;
    const result = (firstBrokenSeq: number | null): ChainVerification => ({
      valid: firstBrokenSeq === null,
      entries,
      firstBrokenSeq,
      keyedFrom: head ? keyedFrom : null,
    });
    for (;;) {
      const rows: SealedRow[] = await manager.query(
        `SELECT seq, at, actor_id, action, entity_type, entity_id, data, prev_hash, hash
           FROM audit_entries WHERE seq >= $1 ORDER BY seq LIMIT $2`,
        [expectedSeq, BATCH],
      );
      for (const row of rows) {
        const seq = Number(row.seq);
        if (seq !== expectedSeq || row.prev_hash !== prevHash) return result(expectedSeq);
        const fields = chainedFields(seq, row);
        const hash = seq >= keyedFrom ? keyedChainHash(this.key, prevHash, fields) : plainChainHash(prevHash, fields);
        if (hash !== row.hash) return result(seq);
        prevHash = hash;
        expectedSeq += 1;
        entries += 1;
      }
      if (rows.length < BATCH) break;
    }
    const headSeq = head ? Number(head.last_seq) : 0;
    if (!head || headSeq !== entries || head.last_hash !== prevHash) return result(Math.max(1, Math.min(headSeq, entries + 1)));
    // A keyed chain is never empty: the migration that keyed it wrote its first keyed entry. A chain with
    // no keyed entry was cut back (or had its keyed_from moved past its end), with plain hashes rebuilt.
    if (entries < keyedFrom) return result(entries + 1);
    return result(null);
  }
}
