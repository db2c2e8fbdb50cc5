import { Controller, Get, Inject, Logger, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Allow } from '@commons/auth';
import { APP_CONFIG, type AppConfig, BadUserInputError, ConcurrencyGate } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import { csvField, csvRecord, csvText } from './csv.js';
import { SurplusPolicy } from './surplus.policy.js';
import { SurplusDirectoryService } from './surplus-directory.service.js';

/** Rows fetched from the database cursor at a time: memory stays flat whatever the size of the export. */
const BATCH = 2_000;

const LEDGER_HEADER = ['posting_number', 'posted_at', 'posting_id', 'kind', 'memo', 'line_no', 'account', 'member_id', 'debit', 'credit'];
const ALLOCATIONS_HEADER = ['member_id', 'member_name', 'patronage', 'refund', 'cash', 'retained'];

type Row = Record<string, unknown>;

/** Resolves when the client can take more, or has gone (then `false`). */
function drained(response: Response): Promise<boolean> {
  if (response.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (open: boolean) => () => {
      response.off('drain', onDrain).off('close', onClose);
      resolve(open);
    };
    const onDrain = done(true);
    const onClose = done(false);
    response.once('drain', onDrain).once('close', onClose);
  });
}

/**
 * CSV exports of a period's books for the co-op's accountant (ADMIN, AUDITOR, with a bearer token like any
 * other call). Rows stream from a database cursor in one REPEATABLE READ snapshot, so a large export is
 * consistent and never held in memory. Each export holds a database connection while the client reads, so
 * they are bounded: EXPORT_MAX_CONCURRENT at once per process, and EXPORT_TIMEOUT seconds each (a client
 * too slow to read in that time gets a cut-off download, not a connection held forever).
 */
@Controller('exports')
export class SurplusExportsController {
  private readonly logger = new Logger(SurplusExportsController.name);
  private readonly gate: ConcurrencyGate;

  constructor(
    private readonly work: UnitOfWork,
    private readonly directory: SurplusDirectoryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.gate = new ConcurrencyGate(config.exportMaxConcurrent, 'CSV exports');
  }

  @Get('ledger.csv')
  @Allow(SurplusPolicy.readLedger)
  async ledger(@Query('periodId') periodId: unknown, @Res() response: Response): Promise<void> {
    const period = await this.period(periodId);
    await this.stream(
      response,
      `ledger-${period.name}`,
      LEDGER_HEADER,
      `SELECT p.number::text AS number, p.posted_at, p.id AS posting_id, p.kind, p.memo, l.line_no, l.account, l.member_id,
              l.debit::text AS debit, l.credit::text AS credit
         FROM ledger_postings p JOIN ledger_lines l ON l.posting_id = p.id
        WHERE p.period_id = $1 ORDER BY p.number, l.line_no`,
      [period.id],
      (row) => [
        csvField(row.number as string),
        csvField((row.posted_at as Date).toISOString()),
        csvField(row.posting_id as string),
        csvField(row.kind as string),
        csvText(row.memo as string),
        csvField(row.line_no as number),
        csvField(row.account as string),
        csvField(row.member_id as string | null),
        csvField(row.debit as string),
        csvField(row.credit as string),
      ],
    );
  }

  @Get('member-allocations.csv')
  @Allow(SurplusPolicy.readLedger)
  async memberAllocations(@Query('periodId') periodId: unknown, @Res() response: Response): Promise<void> {
    const period = await this.period(periodId);
    await this.stream(
      response,
      `member-allocations-${period.name}`,
      ALLOCATIONS_HEADER,
      `SELECT a.member_id, m.name, a.patronage::text AS patronage, a.refund::text AS refund, a.cash::text AS cash, a.retained::text AS retained
         FROM member_allocations a JOIN members m ON m.id = a.member_id
        WHERE a.period_id = $1 ORDER BY a.member_id`,
      [period.id],
      (row) => [
        csvField(row.member_id as string),
        csvText(row.name as string),
        csvField(row.patronage as string),
        csvField(row.refund as string),
        csvField(row.cash as string),
        csvField(row.retained as string),
      ],
    );
  }

  private async period(periodId: unknown) {
    if (typeof periodId !== 'string' || periodId === '') throw new BadUserInputError('periodId is required.', 'periodId');
    return this.directory.requirePeriod(periodId);
  }

  private async stream(
    response: Response,
    name: string,
    header: string[],
    sql: string,
    parameters: unknown[],
    fields: (row: Row) => string[],
  ): Promise<void> {
    await this.gate.run(async () => {
      const deadline = setTimeout(() => {
        this.logger.warn(`Export ${name} took longer than ${this.config.exportTimeoutSeconds} s; cut off`);
        response.destroy();
      }, this.config.exportTimeoutSeconds * 1000);
      try {
        await this.work.transaction(
          async (manager) => {
            await manager.query(`SET LOCAL statement_timeout = ${this.config.exportTimeoutSeconds * 1000}`);
            await manager.query(`DECLARE export_rows NO SCROLL CURSOR FOR ${sql}`, parameters);
            const fileName = `${name.replace(/[^A-Za-z0-9._-]+/g, '-')}.csv`;
            response.status(200).set({
              'content-type': 'text/csv; charset=utf-8',
              'content-disposition': `attachment; filename="${fileName}"`,
              'cache-control': 'no-store',
            });
            let open = response.write(csvRecord(header)) || (await drained(response));
            while (open) {
              const rows: Row[] = await manager.query(`FETCH ${BATCH} FROM export_rows`);
              if (rows.length === 0) break;
              const chunk = rows.map((row) => csvRecord(fields(row))).join('');
              open = response.write(chunk) || (await drained(response));
            }
            if (open) response.end();
          },
          { isolation: 'REPEATABLE READ', readOnly: true },
        );
      } catch (error) {
        if (!response.headersSent) throw error;
        // Too late for an error status: cut the response short so the download fails rather than looking complete.
        this.logger.error(`Export ${name} failed midway: ${String(error)}`);
        response.destroy();
      } finally {
        clearTimeout(deadline);
      }
    });
  }
}
