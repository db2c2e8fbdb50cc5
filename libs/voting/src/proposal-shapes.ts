import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import type { DecisionMethod } from './methods/index.js';

/** What a vote needs to know of a proposal and what never changes once it is OPEN. */
export interface ProposalShape {
  id: string;
  method: DecisionMethod;
  secret: boolean;
  seats: number;
  /** Voting colleges: the ballot carries the voter's stakeholder class when there are some. */
  hasColleges: boolean;
  options: Array<{ id: string; label: string }>;
}

const MAX_ENTRIES = 10_000;

/**
 * The shapes of proposals that were OPEN when read, cached per process: a proposal's method, options,
 * secrecy, seats and colleges are written with its draft and never change (no mutation edits them), so
 * a vote validates its choice without reading the proposal and its options again. Whether voting is
 * still open is not cached: the vote's own statement checks it as it writes.
 */
@Injectable()
export class ProposalShapesService {
  private readonly cache = new Map<string, ProposalShape>();

  constructor(private readonly work: UnitOfWork) {}

  /**
   * The proposal's shape, from the cache when it was seen OPEN before. Otherwise read: NOT_FOUND when
   * there is no such proposal; `status` tells a caller why one not OPEN is not cached.
   */
  async get(proposalId: string): Promise<{ shape: ProposalShape; status?: string; closesAt?: Date | null }> {
    const cached = this.cache.get(proposalId);
    if (cached) return { shape: cached };
    const [row]: Array<{
      status: string;
      method: DecisionMethod;
      secret: boolean;
      seats: number;
      closes_at: Date | null;
      colleges: unknown;
    }> = await this.work.manager.query('SELECT status, method, secret, seats, closes_at, colleges FROM proposals WHERE id = $1', [
      proposalId,
    ]);
    if (!row) throw new NotFoundError('Proposal', proposalId);
    const options: Array<{ id: string; label: string }> = await this.work.manager.query(
      'SELECT id, label FROM proposal_options WHERE proposal_id = $1 ORDER BY position',
      [proposalId],
    );
    const shape: ProposalShape = {
      id: proposalId,
      method: row.method,
      secret: row.secret,
      seats: row.seats,
      hasColleges: Boolean(row.colleges),
      options,
    };
    if (row.status === 'OPEN') {
      if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(proposalId, shape);
    }
    return { shape, status: row.status, closesAt: row.closes_at };
  }

  /** Voting on it is over (closed or withdrawn): its shape is not needed any more. */
  forget(proposalId: string): void {
    this.cache.delete(proposalId);
  }
}
