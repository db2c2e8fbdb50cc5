import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig, PeriodicTask } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import { chainedFields, GENESIS_HASH, keyedChainHash } from './audit-hash.js';

/** One advisory lock for the whole cluster: whichever API process holds it seals the next batch. */
export const AUDIT_SEALER_LOCK = 727_100_001;
const BATCH = 5_000;
const INTERVAL_MS = 250;

/** What one sealing run did: how many entries it sealed, and the head it left. */
interface SealRun {
  sealed: number;
  lastSeq: number;
  lastHash: string;
}

interface UnsealedRow {
  id: string;
  at: Date;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  data: unknown;
}

/**
 * Chains audit entries after they commit. Writers only INSERT (no shared lock on the hot path); this
 * sealer, holding an advisory lock, gives committed unsealed entries the next sequence numbers in the
 * order it finds them and hash = HMAC-SHA256(AUDIT_KEY, prevHash + canonical entry). It runs every 250 ms
 * in the background, and readers (`auditLog`, `verifyAuditChain`) seal synchronously first, so they always
 * see every committed entry sealed. Each run that advances the chain logs the new head (context
 * 'AuditChain'), so an auditor can hold the database to what the log said.
 */
@Injectable()
export class AuditSealerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditSealerService.name);
  private readonly chainLog = new Logger('AuditChain');
  private readonly key: string;
  private readonly task = new PeriodicTask(
    INTERVAL_MS,
    () => this.sealPending(false),
    (error) => this.logger.warn(`Audit sealing failed, will retry: ${String(error)}`),
  );

  constructor(
    private readonly work: UnitOfWork,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.key = config.auditKey;
  }

  onApplicationBootstrap(): void {
    if (process.env.AUDIT_SEALER !== 'off') this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /**
   * Seals every committed entry not yet sealed. With `wait` it queues behind a sealer running in another
   * process; without, it gives up at once if one is. Returns how many entries it sealed.
   */
  async sealPending(wait = true): Promise<number> {
    const run = await this.work.transaction(async (manager): Promise<SealRun | null> => {
      if (wait) {
        await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_SEALER_LOCK]);
      } else {
        const [{ locked }] = await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [AUDIT_SEALER_LOCK]);
        if (!locked) return null;
      }
      return this.sealBatches(manager);
    });
    if (!run || run.sealed === 0) return 0;
    // Once committed: the head an auditor can compare with the database (the entry at lastSeq must keep this hash).
    this.chainLog.log(`sealed ${run.sealed}; head seq=${run.lastSeq} hash=${run.lastHash}`);
    return run.sealed;
  }

  private async sealBatches(manager: EntityManager): Promise<SealRun> {
    const [head] = await manager.query('SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1');
    let seq = head ? Number(head.last_seq) : 0;
    let prevHash: string = head ? head.last_hash : GENESIS_HASH;
    let sealed = 0;
    for (;;) {
      const rows: UnsealedRow[] = await manager.query(
        'SELECT id, at, actor_id, action, entity_type, entity_id, data FROM audit_entries WHERE seq IS NULL ORDER BY id LIMIT $1',
        [BATCH],
      );
      if (rows.length === 0) break;
      const ids: string[] = [];
      const seqs: number[] = [];
      const prevs: string[] = [];
      const hashes: string[] = [];
      for (const row of rows) {
        seq += 1;
        const hash = keyedChainHash(this.key, prevHash, chainedFields(seq, row));
        ids.push(row.id);
        seqs.push(seq);
        prevs.push(prevHash);
        hashes.push(hash);
        prevHash = hash;
      }
      await manager.query(
        `UPDATE audit_entries AS entry SET seq = sealed.seq, prev_hash = sealed.prev_hash, hash = sealed.hash
           FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS sealed(id, seq, prev_hash, hash)
          WHERE entry.id = sealed.id`,
        [ids, seqs, prevs, hashes],
      );
      sealed += rows.length;
      if (rows.length < BATCH) break;
    }
    if (sealed > 0) {
      await manager.query(
        `INSERT INTO audit_chain_head (id, last_seq, last_hash) VALUES (1, $1, $2)
         ON CONFLICT (id) DO UPDATE SET last_seq = EXCLUDED.last_seq, last_hash = EXCLUDED.last_hash`,
        [seq, prevHash],
      );
    }
    return { sealed, lastSeq: seq, lastHash: prevHash };
  }
}
