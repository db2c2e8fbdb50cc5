import { Injectable } from '@nestjs/common';
import { BadUserInputError } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import {
  type DecisionMeasure,
  type DecisionRecord,
  type GovernanceHealth,
  decisionMeasures,
  governanceHealth,
} from './governance-health.js';

/** The default window: the twelve months before `to`. */
const DEFAULT_WINDOW_MS = 365 * 24 * 3600 * 1000;
/** How far a chain of delegations is followed (as the tally does). */
const MAX_DELEGATION_DEPTH = 1_000;

function window(from?: Date | null, to?: Date | null): { from: Date; to: Date } {
  const end = to ?? new Date();
  if (Number.isNaN(end.getTime())) throw new BadUserInputError('to must be a date.', 'to');
  const start = from ?? new Date(end.getTime() - DEFAULT_WINDOW_MS);
  if (Number.isNaN(start.getTime())) throw new BadUserInputError('from must be a date.', 'from');
  if (start.getTime() > end.getTime()) throw new BadUserInputError('from must not be after to.', 'from');
  return { from: start, to: end };
}

/** Reads closed decisions, their rolls and delegations, and the last posted surplus, for the health measures. */
@Injectable()
export class HealthService {
  constructor(private readonly work: UnitOfWork) {}

  async health(from?: Date | null, to?: Date | null): Promise<GovernanceHealth> {
    const range = window(from, to);
    const [active, decisions, split] = [
      await this.active(range.to),
      await this.decisions(range.from, range.to),
      await this.split(range.to),
    ];
    return governanceHealth({ ...range, active, decisions, split });
  }

  async series(from?: Date | null, to?: Date | null): Promise<DecisionMeasure[]> {
    const range = window(from, to);
    return decisionMeasures(await this.decisions(range.from, range.to));
  }

  private async active(to: Date): Promise<Set<string>> {
    const rows: Array<{ id: string }> = await this.work.manager.query(
      `SELECT id FROM members WHERE status = 'ACTIVE' AND coalesce(joined_at, created_at) <= $1`,
      [to],
    );
    return new Set(rows.map((row) => row.id));
  }

  private async split(to: Date): Promise<{ surplus: string; reserve: string; education: string; commons: string } | null> {
    const [row]: Array<{ surplus: string; reserve: string; education: string; commons: string }> = await this.work.manager.query(
      `SELECT surplus::text, reserve_amount::text AS reserve, education_amount::text AS education, commons_amount::text AS commons
         FROM surplus_distributions WHERE status = 'POSTED' AND posted_at <= $1 ORDER BY posted_at DESC, id LIMIT 1`,
      [to],
    );
    return row ?? null;
  }

  private async decisions(from: Date, to: Date): Promise<DecisionRecord[]> {
    const manager = this.work.manager;
    const proposals: Array<{ id: string; title: string; closed_at: Date; eligible: number | null; open_delegations: boolean }> =
      await manager.query(
        `SELECT id, title, closed_at, eligible_count AS eligible, (NOT secret AND NOT at_sitting) AS open_delegations
           FROM proposals WHERE status = 'CLOSED' AND closed_at >= $1 AND closed_at <= $2 ORDER BY closed_at, id`,
        [from, to],
      );
    if (proposals.length === 0) return [];
    const ids = proposals.map((proposal) => proposal.id);
    const roll: Array<{ proposal_id: string; member_id: string; has_voted: boolean; weight: number; active: boolean }> =
      await manager.query(
        `SELECT v.proposal_id, v.member_id, v.has_voted, v.weight, m.status = 'ACTIVE' AS active
           FROM proposal_voters v JOIN members m ON m.id = v.member_id
          WHERE v.proposal_id = ANY($1::uuid[])`,
        [ids],
      );
    const delegations: Array<{ from_member_id: string; to_member_id: string; created_at: Date; revoked_at: Date | null }> =
      await manager.query('SELECT from_member_id, to_member_id, created_at, revoked_at FROM delegations');

    const rollOf = new Map<string, typeof roll>();
    for (const row of roll) {
      const rows = rollOf.get(row.proposal_id) ?? [];
      rows.push(row);
      rollOf.set(row.proposal_id, rows);
    }
    return proposals.map((proposal) => {
      const rows = rollOf.get(proposal.id) ?? [];
      const carried = new Map<string, number>();
      for (const row of rows) if (row.has_voted) carried.set(row.member_id, row.weight);
      const represented: string[] = [];
      if (proposal.open_delegations) {
        // The delegations standing when it closed, followed to the first member who voted directly.
        const at = new Date(proposal.closed_at).getTime();
        const delegateOf = new Map(
          delegations
            .filter((d) => new Date(d.created_at).getTime() <= at && (d.revoked_at === null || new Date(d.revoked_at).getTime() > at))
            .map((d) => [d.from_member_id, d.to_member_id]),
        );
        for (const row of rows) {
          if (row.has_voted || !row.active) continue;
          let current = delegateOf.get(row.member_id);
          for (let depth = 0; current && !carried.has(current) && depth < MAX_DELEGATION_DEPTH; depth += 1)
            current = delegateOf.get(current);
          if (!current || !carried.has(current)) continue;
          carried.set(current, (carried.get(current) ?? 0) + 1);
          represented.push(row.member_id);
        }
      }
      return {
        proposalId: proposal.id,
        title: proposal.title,
        closedAt: new Date(proposal.closed_at),
        eligible: proposal.eligible ?? rows.length,
        carried,
        represented,
      };
    });
  }
}
