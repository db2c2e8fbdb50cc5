import type { EntityManager } from 'typeorm';
import { DistributionStatus, SurplusDistributionEntity } from './entities/surplus-distribution.entity.js';

/**
 * The period's distribution that is being voted on or awaits execution (PROPOSED or APPROVED), if any.
 * One whose proposal was withdrawn no longer counts: nobody can vote on it any more.
 */
export async function liveDistribution(manager: EntityManager, periodId: string): Promise<SurplusDistributionEntity | null> {
  return manager
    .getRepository(SurplusDistributionEntity)
    .createQueryBuilder('distribution')
    .innerJoin('proposals', 'proposal', 'proposal.id = distribution.proposal_id')
    .where('distribution.period_id = :periodId', { periodId })
    .andWhere('distribution.status IN (:...live)', { live: [DistributionStatus.PROPOSED, DistributionStatus.APPROVED] })
    .andWhere(`proposal.status <> 'WITHDRAWN'`)
    .getOne();
}
