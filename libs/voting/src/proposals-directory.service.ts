import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { isAdmin, type Principal, readsCoopRecords } from '@commons/auth';
import { type Connection, decodeCursor, encodeCursor, ForbiddenError, isUuid, pageSize, toConnection } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import { ProposalOptionEntity } from './entities/proposal-option.entity.js';
import { ProposalEntity, ProposalStatus } from './entities/proposal.entity.js';
import { VotingPolicy } from './voting.policy.js';

/** Reading proposals and their options. */
@Injectable()
export class ProposalsDirectoryService {
  constructor(private readonly work: UnitOfWork) {}

  /** Null for an unknown id or someone else's draft; FORBIDDEN for callers who may not read proposals. */
  async find(principal: Principal, id: string): Promise<ProposalEntity | null> {
    if (!isUuid(id)) return null;
    const proposal = await this.work.manager.getRepository(ProposalEntity).findOneBy({ id });
    if (!proposal) return null;
    if (VotingPolicy.readProposal.allows(principal, proposal)) return proposal;
    // Someone else's draft does not exist for the caller.
    if (proposal.status === ProposalStatus.DRAFT) return null;
    throw new ForbiddenError(VotingPolicy.readProposal.reason);
  }

  /** Newest first; drafts only the caller's own (all of them for admins). */
  async list(
    principal: Principal,
    status: ProposalStatus | undefined,
    first: number | undefined,
    after: string | undefined,
  ): Promise<Connection<ProposalEntity>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, 2);
    const query = this.work.manager.getRepository(ProposalEntity).createQueryBuilder('proposal');
    if (status) query.andWhere('proposal.status = :status', { status });
    if (!isAdmin(principal)) {
      if (readsCoopRecords(principal)) query.andWhere(`(proposal.status <> 'DRAFT' OR proposal.author_id = :me)`, { me: principal.id });
      else query.andWhere('proposal.author_id = :me', { me: principal.id });
    }
    const totalCount = await query.getCount();
    if (cursor)
      query.andWhere('(proposal.created_at, proposal.id) < (:createdAt, :id)', { createdAt: new Date(cursor[0]), id: String(cursor[1]) });
    const rows = await query
      .orderBy('proposal.created_at', 'DESC')
      .addOrderBy('proposal.id', 'DESC')
      .limit(limit + 1)
      .getMany();
    return toConnection(rows, limit, totalCount, (proposal) => encodeCursor([proposal.createdAt.toISOString(), proposal.id]));
  }

  async optionsByProposal(ids: readonly string[]): Promise<Map<string, ProposalOptionEntity[]>> {
    const options = await this.work.manager
      .getRepository(ProposalOptionEntity)
      .find({ where: { proposalId: In([...ids]) }, order: { position: 'ASC' } });
    const byProposal = new Map<string, ProposalOptionEntity[]>();
    for (const option of options) byProposal.set(option.proposalId, [...(byProposal.get(option.proposalId) ?? []), option]);
    return byProposal;
  }
}
