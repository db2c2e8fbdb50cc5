import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@commons/audit';
import type { Principal } from '@commons/auth';
import { BadUserInputError } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import { DecisionMethodEnum, Outcome, type ProposalEntity, ProposalsService } from '@commons/voting';
import { type BylawsChangesInput, describeBylawsChanges, validateBylawsChanges } from './bylaws-rules.js';
import { BylawsService, rulesOf } from './bylaws.service.js';
import { BylawsAmendmentEntity } from './entities/bylaws-amendment.entity.js';

/** Amending the bylaws: a SUPERMAJORITY proposal that, when it passes, enacts the next version as it closes. */
@Injectable()
export class BylawsAmendmentsService implements OnModuleInit {
  constructor(
    private readonly work: UnitOfWork,
    private readonly audit: AuditService,
    private readonly proposals: ProposalsService,
    private readonly bylaws: BylawsService,
  ) {}

  onModuleInit(): void {
    this.proposals.onClosed((manager, proposal) => this.onProposalClosed(manager, proposal));
    // Its text ends with the changes it enacts, which are stored apart: a new text would misstate them.
    this.proposals.guardBody(async (manager, proposal) =>
      (await manager.getRepository(BylawsAmendmentEntity).existsBy({ proposalId: proposal.id }))
        ? 'The text of an amendment to the bylaws states the changes it enacts; propose a new amendment of the bylaws instead.'
        : null,
    );
  }

  /**
   * Writes the amendment as a DRAFT proposal (its author opens it, or an admin puts it on an assembly's
   * agenda), at the threshold the bylaws in force require; its text ends with the changes it makes.
   */
  async propose(
    actor: Principal,
    title: string,
    body: string,
    input: BylawsChangesInput,
    closesAt: Date | null | undefined,
  ): Promise<ProposalEntity> {
    if (title.trim().length === 0 || title.length > 300)
      throw new BadUserInputError('title must be 1 to 300 characters, not blank.', 'title');
    if (body.length === 0 || body.length > 90_000) throw new BadUserInputError('body must be 1 to 90000 characters.', 'body');
    const changes = validateBylawsChanges(input);
    const current = await this.bylaws.current();
    const lines = describeBylawsChanges(rulesOf(current), changes).map((line) => `- ${line}`);
    const proposal = await this.proposals.draft(
      actor.id,
      {
        title,
        body: `${body}\n\n---\n\nChanges to the bylaws (version ${current.version} now in force):\n\n${lines.join('\n')}\n`,
        method: DecisionMethodEnum.SUPERMAJORITY,
        threshold: Number(current.amendmentThreshold),
        closesAt: closesAt ?? undefined,
      },
      'part-of-caller',
    );
    await this.work.manager.getRepository(BylawsAmendmentEntity).insert({ proposalId: proposal.id, changes, baseVersion: current.version });
    this.audit.record({
      actorId: actor.id,
      action: 'bylaws.amendment_proposed',
      entityType: 'Proposal',
      entityId: proposal.id,
      data: {
        title: proposal.title,
        changes,
        baseVersion: current.version,
        threshold: proposal.threshold,
        quorum: proposal.quorum,
        closesAt: proposal.closesAt?.toISOString() ?? null,
      },
    });
    return proposal;
  }

  /**
   * Runs in every closing transaction. A passing amendment enacts the next version; any other close waits for
   * a founding change in flight. What happened goes into the close's audit entry.
   */
  private async onProposalClosed(manager: EntityManager, proposal: ProposalEntity): Promise<Record<string, unknown> | void> {
    const amendment = await manager.getRepository(BylawsAmendmentEntity).findOneBy({ proposalId: proposal.id });
    if (!amendment || proposal.outcome !== Outcome.PASSED) {
      await this.bylaws.holdForClose(manager);
      return amendment ? { bylawsAmendment: { enacted: false, changes: amendment.changes } } : undefined;
    }
    const enacted = await this.bylaws.enact(manager, proposal.id, amendment.changes);
    return { bylawsAmendment: { enacted: true, version: enacted.version, changes: amendment.changes } };
  }
}
