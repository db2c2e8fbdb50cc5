import { Injectable } from '@nestjs/common';
import { BadUserInputError } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import { csvField, csvRecord, csvText } from '@commons/surplus';

export const REGISTER_HEADER = [
  'number',
  'settled_at',
  'kind',
  'member_id',
  'member_name',
  'counterpart_id',
  'counterpart_name',
  'share_class',
  'quantity',
  'nominal_value',
  'amount',
  'operation_id',
];
export const HOLDINGS_HEADER = ['member_id', 'member_name', 'share_class', 'quantity', 'nominal_value', 'amount'];

/** A date from a query string, or BAD_USER_INPUT naming it. */
export function asOfDate(value: unknown): Date | null {
  if (value === undefined || value === '') return null;
  const date = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) throw new BadUserInputError('asOf must be an ISO 8601 date, e.g. 2026-12-31T23:59:59Z.', 'asOf');
  return date;
}

/**
 * The register for auditors, as CSV (RFC 4180, like the ledger's exports): its entries in number order, and
 * the holdings as of a date reconstructed from the entries settled by then (not from today's holdings).
 */
@Injectable()
export class ShareExportsService {
  constructor(private readonly work: UnitOfWork) {}

  /** The entries settled up to `asOf` (all when null). */
  async registerCsv(asOf: Date | null): Promise<string> {
    const rows: Array<Record<string, string | number | null>> = await this.snapshot(
      `SELECT o.number, to_char(o.settled_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS settled_at, o.kind,
              o.member_id, m.name AS member_name, o.counterpart_id, r.name AS counterpart_name, c.code,
              o.quantity, c.nominal_value::text AS nominal_value, o.amount::text AS amount, o.id
         FROM share_operations o JOIN members m ON m.id = o.member_id JOIN share_classes c ON c.id = o.share_class_id
         LEFT JOIN members r ON r.id = o.counterpart_id
        WHERE o.status = 'PAID' AND ($1::timestamptz IS NULL OR o.settled_at <= $1) ORDER BY o.number`,
      [asOf],
    );
    return (
      csvRecord(REGISTER_HEADER) +
      rows
        .map((row) =>
          csvRecord([
            csvField(row.number),
            csvField(row.settled_at),
            csvField(row.kind),
            csvField(row.member_id),
            csvText(row.member_name as string),
            csvField(row.counterpart_id),
            csvText(row.counterpart_name as string | null),
            csvField(row.code),
            csvField(row.quantity),
            csvField(row.nominal_value),
            csvField(row.amount),
            csvField(row.id),
          ]),
        )
        .join('')
    );
  }

  /** Each member's holding of each class as of `asOf` (now when null), from the entries; empty holdings left out. */
  async holdingsCsv(asOf: Date | null): Promise<string> {
    const rows: Array<Record<string, string | number>> = await this.snapshot(
      `WITH moves AS (
         SELECT member_id, share_class_id, CASE WHEN kind = 'SUBSCRIPTION' THEN quantity ELSE -quantity END AS change
           FROM share_operations WHERE status = 'PAID' AND ($1::timestamptz IS NULL OR settled_at <= $1)
         UNION ALL
         SELECT counterpart_id, share_class_id, quantity FROM share_operations
          WHERE status = 'PAID' AND kind = 'TRANSFER' AND ($1::timestamptz IS NULL OR settled_at <= $1))
       SELECT h.member_id, m.name, c.code, h.quantity, c.nominal_value::text AS nominal_value,
              (h.quantity * c.nominal_value)::numeric(16,2)::text AS amount
         FROM (SELECT member_id, share_class_id, sum(change)::int AS quantity FROM moves GROUP BY member_id, share_class_id) h
         JOIN members m ON m.id = h.member_id JOIN share_classes c ON c.id = h.share_class_id
        WHERE h.quantity <> 0 ORDER BY m.name, h.member_id, c.code`,
      [asOf],
    );
    return (
      csvRecord(HOLDINGS_HEADER) +
      rows
        .map((row) =>
          csvRecord([
            csvField(row.member_id),
            csvText(row.name as string),
            csvField(row.code),
            csvField(row.quantity),
            csvField(row.nominal_value),
            csvField(row.amount),
          ]),
        )
        .join('')
    );
  }

  private snapshot<T>(sql: string, parameters: unknown[]): Promise<T[]> {
    return this.work.transaction((manager) => manager.query(sql, parameters), { isolation: 'REPEATABLE READ', readOnly: true });
  }
}
