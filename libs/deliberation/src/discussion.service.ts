import { Injectable } from '@nestjs/common';
import { AuditService } from '@commons/audit';
import { permit, type Principal } from '@commons/auth';
import { BadUserInputError, ConflictError } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import { ProposalEntity, ProposalsService, ProposalStatus } from '@commons/voting';
import { DeliberationPolicy } from './deliberation.policy.js';
import { RevisionsService } from './revisions.service.js';

export const MAX_PROPOSAL_BODY = 100_000;

/** Putting a proposal up for discussion, and revising its text meanwhile. */
@Injectable()
export class DiscussionService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly audit: AuditService,
    private readonly proposals: ProposalsService,
    private readonly revisions: RevisionsService,
  ) {}

  /** DRAFT -> DISCUSSION: every ACTIVE member may now read it, comment and propose amendments; no votes yet. */
  async publish(actor: Principal, id: string): Promise<ProposalEntity> {
    const proposal = await this.proposals.lock(id);
    permit(DeliberationPolicy.publish, actor, proposal);
    if (proposal.status !== ProposalStatus.DRAFT)
      throw new ConflictError(`Only a DRAFT can be put up for discussion; this one is ${proposal.status}.`);
    proposal.status = ProposalStatus.DISCUSSION;
    proposal.publishedAt = new Date();
    await this.work.manager.getRepository(ProposalEntity).update(proposal.id, {
      status: proposal.status,
      publishedAt: proposal.publishedAt,
    });
    this.audit.record({
      actorId: actor.id,
      action: 'proposal.published',
      entityType: 'Proposal',
      entityId: proposal.id,
      data: { title: proposal.title, authorId: proposal.authorId, notify: 'ACTIVE' },
    });
    return proposal;
  }

  /** The author changes the text of their DRAFT or proposal in DISCUSSION: a new revision. */
  async revise(actor: Principal, id: string, body: string): Promise<ProposalEntity> {
    const proposal = await this.proposals.lock(id);
    permit(DeliberationPolicy.revise, actor, proposal);
    if (proposal.status !== ProposalStatus.DRAFT && proposal.status !== ProposalStatus.DISCUSSION)
      throw new ConflictError(`Only a DRAFT or a proposal in DISCUSSION can be revised; this one is ${proposal.status}.`);
    checkBody(body, 'body');
    await this.proposals.assertBodyMayChange(proposal);
    if (body === proposal.body) throw new BadUserInputError('The new text is the same as the current one.', 'body');
    const number = await this.revisions.revise(this.work.manager, proposal, body, actor.id);
    this.audit.record({
      actorId: actor.id,
      action: 'proposal.revised',
      entityType: 'Proposal',
      entityId: proposal.id,
      data: { revision: number, length: body.length },
    });
    return proposal;
  }
}

/** A proposal's text: 1 to 100,000 characters, not blank. */
export function checkBody(body: string, field: string): void {
  if (body.trim().length === 0 || body.length > MAX_PROPOSAL_BODY)
    throw new BadUserInputError(`${field} must be 1 to ${MAX_PROPOSAL_BODY} characters, not blank.`, field);
}
