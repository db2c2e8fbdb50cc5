import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@commons/audit';
import { BylawsService } from '@commons/bylaws';
import { PeriodicTask } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import { formatCents, parseCents } from '@commons/surplus';
import { ShareOperationStatus } from './entities/share-operation.entity.js';
import { redemptionCapCents, releasable } from './share-rules.js';

/** Serialises everything that reads or uses the yearly redemption cap. */
const REDEMPTION_CAP_LOCK = 727_100_030;
const QUEUE_INTERVAL_MS = 2_000;

export interface CapYear {
  /** The first instant of the fiscal year in force. */
  start: Date;
  capCents: bigint;
  usedCents: bigint;
}

/**
 * The bylaws' `redemptionCapPercent`: redemptions approved in a fiscal year (the fiscal period that contains
 * now, else the calendar year) may not exceed that share of the paid-in capital before that year's
 * redemptions. Past it they are QUEUED; every process checks the queue every 2 s and approves, in request
 * order, what the cap of the year now in force lets through (a new year, or a raised cap).
 */
@Injectable()
export class RedemptionCapService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RedemptionCapService.name);
  private readonly task = new PeriodicTask(
    QUEUE_INTERVAL_MS,
    () => this.work.inScope(() => this.releaseQueue()),
    (error) => this.logger.warn(`Releasing queued redemptions failed, will retry: ${String(error)}`),
  );

  constructor(
    private readonly work: UnitOfWork,
    private readonly audit: AuditService,
    private readonly bylaws: BylawsService,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** Takes the cap's lock for the rest of the transaction and reads the year in force. */
  async lockYear(manager: EntityManager): Promise<CapYear> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [REDEMPTION_CAP_LOCK]);
    const [{ start }]: Array<{ start: Date }> = await manager.query(
      `SELECT coalesce((SELECT starts_on FROM fiscal_periods WHERE starts_on <= now() AND ends_on > now()),
                       date_trunc('year', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') AS start`,
    );
    const [totals]: Array<{ capital: string; redeemed: string; used: string }> = await manager.query(
      `SELECT (SELECT coalesce(sum(h.quantity * c.nominal_value), 0) FROM share_holdings h JOIN share_classes c ON c.id = h.share_class_id)::numeric(16,2)::text AS capital,
              coalesce(sum(amount) FILTER (WHERE status = 'PAID'), 0)::numeric(16,2)::text AS redeemed,
              coalesce(sum(amount), 0)::numeric(16,2)::text AS used
         FROM share_operations WHERE kind = 'REDEMPTION' AND status IN ('APPROVED', 'PAID') AND cap_year_start = $1`,
      [start],
    );
    const percent = (await this.bylaws.current(manager)).redemptionCapPercent;
    const basis = parseCents(totals.capital) + parseCents(totals.redeemed);
    return { start, capCents: redemptionCapCents(basis, percent), usedCents: parseCents(totals.used) };
  }

  /** Whether a redemption requested at `requestedAt` waits behind an earlier queued one. */
  async queuedAhead(manager: EntityManager, requestedAt: Date, id: string): Promise<boolean> {
    const [row]: Array<{ ahead: boolean }> = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM share_operations WHERE status = 'QUEUED' AND (requested_at, id) < ($1, $2)) AS ahead`,
      [requestedAt, id],
    );
    return row.ahead;
  }

  /** Whether any redemption waits in the queue (a new one then waits behind it). */
  async anyQueued(manager: EntityManager): Promise<boolean> {
    const [row]: Array<{ queued: boolean }> = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM share_operations WHERE status = 'QUEUED') AS queued`,
    );
    return row.queued;
  }

  describe(year: CapYear): string {
    return `the redemption cap of the fiscal year from ${year.start.toISOString().slice(0, 10)} is ${formatCents(year.capCents)}, of which ${formatCents(year.usedCents)} is taken`;
  }

  /** Approves queued redemptions that now fit, in request order, in one audited transaction; returns how many. */
  async releaseQueue(): Promise<number> {
    const [{ queued }]: Array<{ queued: boolean }> = await this.work.manager.query(
      `SELECT EXISTS (SELECT 1 FROM share_operations WHERE status = 'QUEUED') AS queued`,
    );
    if (!queued) return 0;
    return this.work.transaction(async (manager) => {
      const year = await this.lockYear(manager);
      const queue: Array<{ id: string; amount: string }> = await manager.query(
        `SELECT id, amount::text FROM share_operations WHERE status = 'QUEUED' ORDER BY requested_at, id FOR UPDATE`,
      );
      const released = releasable(
        queue.map((entry) => ({ id: entry.id, amountCents: parseCents(entry.amount) })),
        year.usedCents,
        year.capCents,
      );
      if (released.length === 0) return 0;
      await manager.query(
        `UPDATE share_operations SET status = $1, cap_year_start = $2, decided_at = now(), reason = NULL WHERE id = ANY($3::uuid[])`,
        [ShareOperationStatus.APPROVED, year.start, released],
      );
      this.audit.record({
        actorId: null,
        action: 'share_redemptions.released',
        entityType: 'ShareOperation',
        data: { operationIds: released, capYearStart: year.start.toISOString(), cap: formatCents(year.capCents) },
      });
      return released.length;
    });
  }
}
