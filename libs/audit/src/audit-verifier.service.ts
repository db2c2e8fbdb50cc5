import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { chainedFields, chainHash, GENESIS_HASH } from './audit-hash.js';
import { AuditSealerService } from './audit-sealer.service.js';

export interface ChainVerification {
  valid: boolean;
  entries: number;
  firstBrokenSeq: number | null;
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
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sealer: AuditSealerService,
  ) {}

  async verify(): Promise<ChainVerification> {
    await this.sealer.sealPending();
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let entries = 0;
    const broken = (seq: number): ChainVerification => ({ valid: false, entries, firstBrokenSeq: seq });
    for (;;) {
      const rows: SealedRow[] = await this.dataSource.query(
        `SELECT seq, at, actor_id, action, entity_type, entity_id, data, prev_hash, hash
           FROM audit_entries WHERE seq >= $1 ORDER BY seq LIMIT $2`,
        [expectedSeq, BATCH],
      );
      for (const row of rows) {
        const seq = Number(row.seq);
        if (seq !== expectedSeq || row.prev_hash !== prevHash) return broken(expectedSeq);
        const hash = chainHash(prevHash, chainedFields(seq, row));
        if (hash !== row.hash) return broken(seq);
        prevHash = hash;
        expectedSeq += 1;
        entries += 1;
      }
      if (rows.length < BATCH) break;
    }
    const [head] = await this.dataSource.query('SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1');
    const headSeq = head ? Number(head.last_seq) : 0;
    if (headSeq !== entries || (head && head.last_hash !== prevHash)) return broken(Math.min(headSeq, entries + 1));
    return { valid: true, entries, firstBrokenSeq: null };
  }
}
