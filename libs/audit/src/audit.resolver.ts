import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '@commons/auth';
import { AuditPolicy } from './audit.policy.js';
import type { Connection } from '@commons/core';
import { AuditLogService } from './audit-log.service.js';
import { AuditVerifierService, type ChainVerification } from './audit-verifier.service.js';
import { AuditEntryConnection, AuditEntryModel, AuditVerificationModel } from './models/audit-entry.model.js';

@Resolver(() => AuditEntryModel)
export class AuditResolver {
  constructor(
    private readonly auditLog: AuditLogService,
    private readonly verifier: AuditVerifierService,
  ) {}

  @Query(() => AuditEntryConnection, { name: 'auditLog', description: 'AUDITOR, ADMIN. Newest first.' })
  @Allow(AuditPolicy.read)
  list(
    @Args('action', { nullable: true }) action?: string,
    @Args('actorId', { type: () => ID, nullable: true }) actorId?: string,
    @Args('entityId', { type: () => ID, nullable: true }) entityId?: string,
    @Args('atOrBefore', {
      type: () => Int,
      nullable: true,
      description: 'Only entries numbered up to this one (opens the log at an entry).',
    })
    atOrBefore?: number,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<Connection<AuditEntryModel>> {
    return this.auditLog.list({ action, actorId, entityId, atOrBefore, first, after });
  }

  @Query(() => AuditVerificationModel, { description: 'AUDITOR, ADMIN. Recomputes the whole hash chain.' })
  @Allow(AuditPolicy.read)
  verifyAuditChain(): Promise<ChainVerification> {
    return this.verifier.verify();
  }
}
