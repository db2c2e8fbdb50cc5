import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UnitOfWork } from '@commons/db';
import { type ProposalEntity } from '@commons/voting';
import { ProposalRevisionEntity } from './entities/proposal-revision.entity.js';

/** A revision as members read it: stored, or revision 1 standing for a body never changed. */
export interface Revision {
  proposalId: string;
  number: number;
  body: string;
  authorId: string;
  amendmentId: string | null;
  createdAt: Date;
}

/** The numbered history of proposals' bodies. */
@Injectable()
export class RevisionsService {
  constructor(private readonly work: UnitOfWork) {}

  /**
   * Makes `body` the proposal's next revision and its body, in the caller's transaction, which holds the
   * proposal's row lock (so two changes cannot take one number). Returns the new revision's number.
   */
  async revise(
    manager: EntityManager,
    proposal: ProposalEntity,
    body: string,
    authorId: string,
    amendmentId: string | null = null,
  ): Promise<number> {
    const repository = manager.getRepository(ProposalRevisionEntity);
    let latest = await this.latestNumber(manager, proposal.id);
    if (latest === 0) {
      // The text as created becomes revision 1 the first time it changes.
      await repository.insert({
        proposalId: proposal.id,
        number: 1,
        body: proposal.body,
        authorId: proposal.authorId,
        amendmentId: null,
        createdAt: proposal.createdAt,
      });
      latest = 1;
    }
    const number = latest + 1;
    await repository.insert({ proposalId: proposal.id, number, body, authorId, amendmentId, createdAt: new Date() });
    await manager.query('UPDATE proposals SET body = $2 WHERE id = $1', [proposal.id, body]);
    proposal.body = body;
    return number;
  }

  /** The number of the body in force: 1 until it first changes. */
  async current(manager: EntityManager, proposalId: string): Promise<number> {
    return Math.max(1, await this.latestNumber(manager, proposalId));
  }

  /** Oldest first; revision 1 is the text as created. */
  async list(proposal: ProposalEntity): Promise<Revision[]> {
    const stored = await this.work.manager
      .getRepository(ProposalRevisionEntity)
      .find({ where: { proposalId: proposal.id }, order: { number: 'ASC' } });
    if (stored.length > 0) return stored;
    return [
      {
        proposalId: proposal.id,
        number: 1,
        body: proposal.body,
        authorId: proposal.authorId,
        amendmentId: null,
        createdAt: proposal.createdAt,
      },
    ];
  }

  private async latestNumber(manager: EntityManager, proposalId: string): Promise<number> {
    const [row] = await manager.query('SELECT coalesce(max(number), 0)::int AS latest FROM proposal_revisions WHERE proposal_id = $1', [
      proposalId,
    ]);
    return row.latest as number;
  }
}
