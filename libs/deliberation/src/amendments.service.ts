import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@commons/audit';
import { permit, type Principal } from '@commons/auth';
import { assertUuid, BadUserInputError, ConflictError, NotFoundError } from '@commons/core';
import { UnitOfWork, updateReturning } from '@commons/db';
import { DecisionMethodEnum, Outcome, ProposalEntity, ProposalsService, ProposalStatus } from '@commons/voting';
import { assertReadable } from './comments.service.js';
import { DeliberationPolicy } from './deliberation.policy.js';
import { checkBody } from './discussion.service.js';
import { AmendmentEntity, AmendmentStatus } from './entities/amendment.entity.js';
import { RevisionsService } from './revisions.service.js';

const MAX_RATIONALE = 10_000;
const MAX_DECLINE_REASON = 2_000;
const WITHDRAWN_ON_OPENING = 'Withdrawn: the proposal opened for its vote before this amendment was decided.';
const WITHDRAWN_WITH_PROPOSAL = 'Withdrawn: the proposal itself was withdrawn.';
const VOTE_WITHDRAWN = 'Withdrawn: its vote was withdrawn.';
const TOO_LATE = 'Not adopted: its vote passed after the proposal had left DISCUSSION, when amendments no longer change it.';

/**
 * Amendments to a proposal in DISCUSSION: the proposal's author accepts (a new revision) or declines; a declined
 * amendment's author may put it to the members, and if that MAJORITY vote passes while the proposal is still in
 * DISCUSSION, it is ADOPTED inside the vote's closing transaction.
 */
@Injectable()
export class AmendmentsService implements OnModuleInit {
  constructor(
    private readonly work: UnitOfWork,
    private readonly audit: AuditService,
    private readonly proposals: ProposalsService,
    private readonly revisions: RevisionsService,
  ) {}

  onModuleInit(): void {
    this.proposals.onClosed((manager, proposal) => this.voteClosed(manager, proposal));
    this.proposals.onOpened((manager, proposal) => this.windowClosed(manager, proposal, WITHDRAWN_ON_OPENING, 'amendmentsWithdrawn'));
    this.proposals.guardBody(async (manager, proposal) =>
      (await manager.getRepository(AmendmentEntity).existsBy({ voteProposalId: proposal.id }))
        ? "The vote on an amendment is about the amendment's own text; its text does not change."
        : null,
    );
    this.proposals.onWithdrawn(async (manager, proposal) => ({
      ...(await this.windowClosed(manager, proposal, WITHDRAWN_WITH_PROPOSAL, 'amendmentsWithdrawn')),
      ...(await this.voteWithdrawn(manager, proposal)),
    }));
  }

  async propose(actor: Principal, proposalId: string, body: string, rationale: string | null | undefined): Promise<AmendmentEntity> {
    const proposal = await this.proposals.lock(proposalId);
    assertReadable(actor, proposal);
    permit(DeliberationPolicy.proposeAmendment, actor, proposal);
    assertInDiscussion(proposal);
    await this.proposals.assertBodyMayChange(proposal);
    checkBody(body, 'body');
    if (body === proposal.body) throw new BadUserInputError('The amendment is the text as it stands: it changes nothing.', 'body');
    const why = rationale?.trim() || null;
    if (why && why.length > MAX_RATIONALE)
      throw new BadUserInputError(`rationale must be at most ${MAX_RATIONALE} characters.`, 'rationale');
    const manager = this.work.manager;
    const repository = manager.getRepository(AmendmentEntity);
    const amendment = await repository.save(
      repository.create({
        proposalId: proposal.id,
        authorId: actor.id,
        body,
        rationale: why,
        baseRevision: await this.revisions.current(manager, proposal.id),
      }),
    );
    this.audit.record({
      actorId: actor.id,
      action: 'amendment.proposed',
      entityType: 'Amendment',
      entityId: amendment.id,
      data: { proposalId: proposal.id, proposalAuthorId: proposal.authorId, baseRevision: amendment.baseRevision },
    });
    return amendment;
  }

  /** The proposal's author takes the amendment's text as the proposal's: a new revision. */
  async accept(actor: Principal, id: string): Promise<AmendmentEntity> {
    const { amendment, proposal } = await this.lockForAuthor(actor, id);
    const revision = await this.revisions.revise(this.work.manager, proposal, amendment.body, actor.id, amendment.id);
    await this.settle(amendment, { status: AmendmentStatus.ACCEPTED, revision, decidedAt: new Date() });
    this.audit.record({
      actorId: actor.id,
      action: 'amendment.accepted',
      entityType: 'Amendment',
      entityId: amendment.id,
      data: { proposalId: proposal.id, authorId: amendment.authorId, proposalAuthorId: proposal.authorId, revision },
    });
    return amendment;
  }

  async decline(actor: Principal, id: string, reason: string | null | undefined): Promise<AmendmentEntity> {
    const { amendment, proposal } = await this.lockForAuthor(actor, id);
    const why = reason?.trim() || null;
    if (why && why.length > MAX_DECLINE_REASON)
      throw new BadUserInputError(`reason must be at most ${MAX_DECLINE_REASON} characters.`, 'reason');
    await this.settle(amendment, { status: AmendmentStatus.DECLINED, declineReason: why, decidedAt: new Date() });
    this.audit.record({
      actorId: actor.id,
      action: 'amendment.declined',
      entityType: 'Amendment',
      entityId: amendment.id,
      data: { proposalId: proposal.id, authorId: amendment.authorId, proposalAuthorId: proposal.authorId, reason: why },
    });
    return amendment;
  }

  /**
   * Its author puts a DECLINED amendment to the members: an OPEN MAJORITY proposal "Adopt this amendment?", or,
   * `atAssembly`, a DRAFT of it that an admin puts on an assembly's agenda (it opens and closes with the sitting).
   */
  async putToVote(actor: Principal, id: string, closesAt: Date | null | undefined, atAssembly = false): Promise<AmendmentEntity> {
    if (atAssembly && closesAt)
      throw new BadUserInputError('A vote at an assembly closes with the sitting: leave closesAt out.', 'closesAt');
    const found = await this.find(id);
    const proposal = await this.proposals.lock(found.proposalId);
    assertReadable(actor, proposal);
    const amendment = await this.lockAmendment(found.id);
    permit(DeliberationPolicy.ownAmendment, actor, amendment);
    if (amendment.status !== AmendmentStatus.DECLINED)
      throw new ConflictError(`Only a DECLINED amendment can be put to the vote; this one is ${amendment.status}.`);
    assertInDiscussion(proposal);
    const vote = await this.proposals.draft(
      actor.id,
      {
        title: `Adopt this amendment? ${proposal.title}`.slice(0, 300),
        body: voteText(proposal, amendment),
        method: DecisionMethodEnum.MAJORITY,
        closesAt: closesAt ?? undefined,
      },
      'part-of-caller',
    );
    if (!atAssembly) await this.proposals.start(vote, actor.id, 'part-of-caller');
    await this.settle(amendment, { status: AmendmentStatus.PUT_TO_VOTE, voteProposalId: vote.id });
    this.audit.record({
      actorId: actor.id,
      action: 'amendment.put_to_vote',
      entityType: 'Amendment',
      entityId: amendment.id,
      data: {
        proposalId: proposal.id,
        voteProposalId: vote.id,
        eligible: vote.eligibleCount,
        closesAt: vote.closesAt?.toISOString() ?? null,
      },
    });
    return amendment;
  }

  /** Its author takes it back: while PROPOSED or DECLINED, or PUT_TO_VOTE (its vote is withdrawn with it). */
  async withdraw(actor: Principal, id: string): Promise<AmendmentEntity> {
    const found = await this.find(id);
    // Lock order as everywhere: the proposal that changes first (the vote, when there is one), then the amendment.
    const proposal = await this.proposals.lock(found.voteProposalId ?? found.proposalId);
    const amendment = await this.lockAmendment(found.id);
    const main = amendment.voteProposalId ? await this.proposals.holdShared(amendment.proposalId) : proposal;
    assertReadable(actor, main);
    permit(DeliberationPolicy.ownAmendment, actor, amendment);
    if (amendment.voteProposalId !== found.voteProposalId) throw new ConflictError('The amendment changed meanwhile; try again.');
    const withdrawable = [AmendmentStatus.PROPOSED, AmendmentStatus.DECLINED, AmendmentStatus.PUT_TO_VOTE];
    if (!withdrawable.includes(amendment.status))
      throw new ConflictError(`Only a PROPOSED, DECLINED or PUT_TO_VOTE amendment can be withdrawn; this one is ${amendment.status}.`);
    let voteWithdrawn = false;
    if (amendment.status === AmendmentStatus.PUT_TO_VOTE && proposal.status === ProposalStatus.OPEN && proposal.atSitting)
      throw new ConflictError('Its vote is being taken at a sitting; it closes with the sitting.');
    const voteLive = [ProposalStatus.DRAFT, ProposalStatus.OPEN].includes(proposal.status);
    if (amendment.status === AmendmentStatus.PUT_TO_VOTE && voteLive) {
      await this.work.manager.getRepository(ProposalEntity).update(proposal.id, { status: ProposalStatus.WITHDRAWN });
      voteWithdrawn = true;
    }
    await this.settle(amendment, { status: AmendmentStatus.WITHDRAWN, decidedAt: new Date() });
    this.audit.record({
      actorId: actor.id,
      action: 'amendment.withdrawn',
      entityType: 'Amendment',
      entityId: amendment.id,
      data: { proposalId: amendment.proposalId, authorId: amendment.authorId, voteProposalId: amendment.voteProposalId, voteWithdrawn },
    });
    return amendment;
  }

  /** Oldest first. */
  list(proposalId: string): Promise<AmendmentEntity[]> {
    return this.work.manager.getRepository(AmendmentEntity).find({ where: { proposalId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The amendment a proposal is the vote on, if it is one. */
  forVote(voteProposalId: string): Promise<AmendmentEntity | null> {
    return this.work.manager.getRepository(AmendmentEntity).findOneBy({ voteProposalId });
  }

  async find(id: string): Promise<AmendmentEntity> {
    const amendmentId = assertUuid(id, 'id');
    const amendment = await this.work.manager.getRepository(AmendmentEntity).findOneBy({ id: amendmentId });
    if (!amendment) throw new NotFoundError('Amendment', amendmentId);
    return amendment;
  }

  /**
   * Runs in the closing transaction of every proposal. The vote on an amendment ADOPTS it when it passed and the
   * amended proposal is still in DISCUSSION (its row is locked here, so an opening in flight is seen).
   */
  private async voteClosed(manager: EntityManager, vote: ProposalEntity): Promise<Record<string, unknown> | void> {
    const amendment = await manager
      .getRepository(AmendmentEntity)
      .findOne({ where: { voteProposalId: vote.id }, lock: { mode: 'for_no_key_update' } });
    if (!amendment || amendment.status !== AmendmentStatus.PUT_TO_VOTE) return;
    const passed = vote.outcome === Outcome.PASSED;
    const proposal = passed
      ? await manager.getRepository(ProposalEntity).findOne({ where: { id: amendment.proposalId }, lock: { mode: 'for_no_key_update' } })
      : null;
    if (passed && proposal?.status === ProposalStatus.DISCUSSION) {
      const revision = await this.revisions.revise(manager, proposal, amendment.body, amendment.authorId, amendment.id);
      await this.settle(amendment, { status: AmendmentStatus.ADOPTED, revision, decidedAt: new Date() }, manager);
      return { amendment: { id: amendment.id, proposalId: proposal.id, authorId: amendment.authorId, status: amendment.status, revision } };
    }
    const status = passed ? AmendmentStatus.WITHDRAWN : AmendmentStatus.REJECTED;
    await this.settle(amendment, { status, note: passed ? TOO_LATE : null, decidedAt: new Date() }, manager);
    return { amendment: { id: amendment.id, proposalId: amendment.proposalId, authorId: amendment.authorId, status } };
  }

  /** When a proposal leaves DISCUSSION (opened, withdrawn), its amendments still PROPOSED are withdrawn with a note. */
  private async windowClosed(
    manager: EntityManager,
    proposal: ProposalEntity,
    note: string,
    key: string,
  ): Promise<Record<string, unknown> | undefined> {
    const rows = await updateReturning<{ id: string; author_id: string }>(
      manager,
      `UPDATE amendments SET status = 'WITHDRAWN', note = $2, decided_at = now() WHERE proposal_id = $1 AND status = 'PROPOSED' RETURNING id, author_id`,
      [proposal.id, note],
    );
    // Their authors (ids only) are told what became of them.
    return rows.length > 0
      ? { [key]: rows.map((row) => row.id), amendmentAuthors: Object.fromEntries(rows.map((row) => [row.id, row.author_id])) }
      : undefined;
  }

  /** A vote on an amendment withdrawn by its author (withdrawProposal): the amendment goes with it. */
  private async voteWithdrawn(manager: EntityManager, vote: ProposalEntity): Promise<Record<string, unknown> | undefined> {
    const rows = await updateReturning<{ id: string }>(
      manager,
      `UPDATE amendments SET status = 'WITHDRAWN', note = $2, decided_at = now() WHERE vote_proposal_id = $1 AND status = 'PUT_TO_VOTE' RETURNING id`,
      [vote.id, VOTE_WITHDRAWN],
    );
    return rows.length > 0 ? { amendmentWithdrawn: rows[0].id } : undefined;
  }

  /** For the proposal's author: the proposal locked, then the amendment, which must be PROPOSED, in DISCUSSION. */
  private async lockForAuthor(actor: Principal, id: string): Promise<{ amendment: AmendmentEntity; proposal: ProposalEntity }> {
    const found = await this.find(id);
    const proposal = await this.proposals.lock(found.proposalId);
    assertReadable(actor, proposal);
    permit(DeliberationPolicy.decideAmendment, actor, proposal);
    const amendment = await this.lockAmendment(found.id);
    if (amendment.status !== AmendmentStatus.PROPOSED)
      throw new ConflictError(`Only a PROPOSED amendment can be accepted or declined; this one is ${amendment.status}.`);
    assertInDiscussion(proposal);
    return { amendment, proposal };
  }

  private async lockAmendment(id: string): Promise<AmendmentEntity> {
    const amendment = await this.work.manager
      .getRepository(AmendmentEntity)
      .findOne({ where: { id }, lock: { mode: 'for_no_key_update' } });
    if (!amendment) throw new NotFoundError('Amendment', id);
    return amendment;
  }

  private async settle(amendment: AmendmentEntity, change: Partial<AmendmentEntity>, manager = this.work.manager): Promise<void> {
    Object.assign(amendment, change);
    await manager.getRepository(AmendmentEntity).update(amendment.id, change);
  }
}

function assertInDiscussion(proposal: ProposalEntity): void {
  if (proposal.status !== ProposalStatus.DISCUSSION)
    throw new ConflictError(`Amendments are made while the proposal is in DISCUSSION; this one is ${proposal.status}.`);
}

/** The text members vote on: what the amendment changes, why, and why the author declined it. */
function voteText(proposal: ProposalEntity, amendment: AmendmentEntity): string {
  const lines = [
    `Should the amendment below become the text of the proposal "${proposal.title}"? Its author declined it` +
      (amendment.declineReason ? `: ${amendment.declineReason}` : '.'),
    '',
    `If this vote passes while "${proposal.title}" is still in discussion, the amendment is adopted and becomes its text.`,
  ];
  if (amendment.rationale) lines.push('', '## Rationale', '', amendment.rationale);
  lines.push('', '## The amended text', '', amendment.body);
  return lines.join('\n');
}
