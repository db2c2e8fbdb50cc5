import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AuditService } from '@commons/audit';
import type { Principal } from '@commons/auth';
import { BylawsService } from '@commons/bylaws';
import { assertUuid, BadUserInputError, ConflictError, NotFoundError } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import { type ProposalEntity, ProposalOptionEntity, ProposalsService, ProposalStatus } from '@commons/voting';
import { AssembliesDirectoryService } from './assemblies-directory.service.js';
import { lockAssembly } from './assembly-lock.js';
import type { ConveneAssemblyInput } from './dto/convene-assembly.input.js';
import { AgendaItemEntity } from './entities/agenda-item.entity.js';
import { AssemblyEntity, AssemblyStatus } from './entities/assembly.entity.js';
import { type MinutesItem, writeMinutes } from './minutes.js';

const DAY_MS = 86_400_000;

/** Convening, opening, closing and cancelling general assemblies. */
@Injectable()
export class AssembliesService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly audit: AuditService,
    private readonly bylaws: BylawsService,
    private readonly proposals: ProposalsService,
    private readonly directory: AssembliesDirectoryService,
  ) {}

  /**
   * ADMIN. At least the bylaws' noticeDays ahead; each agenda proposal a DRAFT without closesAt, which from
   * now on opens and closes with the sitting. Every ACTIVE member is to be notified: the `assembly.convened`
   * entry is that event (the notifications lib reads the audit log as its stream of events).
   */
  async convene(actor: Principal, input: ConveneAssemblyInput): Promise<AssemblyEntity> {
    const manager = this.work.manager;
    if (input.agenda.length === 0) throw new BadUserInputError('The agenda needs at least one item.', 'agenda');
    const rules = await this.bylaws.current(manager);
    const earliest = Date.now() + rules.noticeDays * DAY_MS;
    if (input.startsAt.getTime() < earliest) {
      throw new BadUserInputError(
        `startsAt must be at least ${rules.noticeDays} days ahead (the bylaws' noticeDays): ${new Date(earliest).toISOString()} or later.`,
        'startsAt',
      );
    }
    const proposalIds = input.agenda.flatMap((item, index) =>
      item.proposalId ? [assertUuid(item.proposalId, `agenda.${index}.proposalId`)] : [],
    );
    if (new Set(proposalIds).size !== proposalIds.length) throw new BadUserInputError('A proposal can be on the agenda once.', 'agenda');
    // Proposals locked in one order (by id), so two convenings sharing proposals cannot deadlock.
    const locked = new Map<string, ProposalEntity>();
    for (const id of [...proposalIds].sort()) {
      const proposal = await this.proposals.lock(id).catch((error: unknown) => {
        if (error instanceof NotFoundError) throw new BadUserInputError(`Proposal ${id} was not found.`, 'agenda');
        throw error;
      });
      await this.proposals.placeOnAgenda(proposal);
      locked.set(id, proposal);
    }
    const repository = manager.getRepository(AssemblyEntity);
    const assembly = await repository.save(
      repository.create({
        title: input.title.trim(),
        kind: input.kind,
        convenedAt: new Date(),
        convenedBy: actor.id,
        startsAt: input.startsAt,
        location: input.location?.trim() || null,
        bylawsVersion: rules.version,
        quorum: rules.assemblyQuorum,
        maxProxiesPerMember: rules.maxProxiesPerMember,
      }),
    );
    const items = input.agenda.map((item, index) => ({
      assemblyId: assembly.id,
      position: index + 1,
      title: item.title.trim(),
      proposalId: item.proposalId ? item.proposalId.toLowerCase() : null,
    }));
    await manager.getRepository(AgendaItemEntity).insert(items);
    const [{ members }] = await manager.query(`SELECT count(*)::int AS members FROM members WHERE status = 'ACTIVE'`);
    this.audit.record({
      actorId: actor.id,
      action: 'assembly.convened',
      entityType: 'Assembly',
      entityId: assembly.id,
      data: {
        title: assembly.title,
        kind: assembly.kind,
        startsAt: assembly.startsAt.toISOString(),
        location: assembly.location,
        agenda: items.map((item) => ({ position: item.position, title: item.title, proposalId: item.proposalId })),
        bylawsVersion: rules.version,
        notify: 'ACTIVE',
        notified: members,
      },
    });
    return assembly;
  }

  /** ADMIN, before it opens: the agenda's proposals are released (they can be opened on their own again). */
  async cancel(actor: Principal, id: string, reason: string): Promise<AssemblyEntity> {
    const text = reason.trim();
    if (text.length === 0 || text.length > 2000) throw new BadUserInputError('reason must be 1 to 2000 characters, not blank.', 'reason');
    const manager = this.work.manager;
    const assembly = await lockAssembly(manager, id, 'id');
    if (assembly.status !== AssemblyStatus.CONVENED)
      throw new ConflictError(`Only a CONVENED assembly can be cancelled; this one is ${assembly.status}.`);
    const released: string[] = [];
    for (const item of await this.directory.agenda(assembly.id, manager)) {
      if (!item.proposalId) continue;
      const proposal = await this.proposals.lock(item.proposalId);
      await this.proposals.releaseFromAgenda(proposal);
      released.push(proposal.id);
    }
    assembly.status = AssemblyStatus.CANCELLED;
    assembly.cancelReason = text;
    await manager.getRepository(AssemblyEntity).save(assembly);
    this.audit.record({
      actorId: actor.id,
      action: 'assembly.cancelled',
      entityType: 'Assembly',
      entityId: assembly.id,
      data: { reason: text, releasedProposals: released },
    });
    return assembly;
  }

  /** ADMIN, at or after startsAt: the roll is frozen (ACTIVE members) and the agenda's DRAFT proposals open. */
  async open(actor: Principal, id: string): Promise<AssemblyEntity> {
    const manager = this.work.manager;
    const assembly = await lockAssembly(manager, id, 'id');
    if (assembly.status !== AssemblyStatus.CONVENED)
      throw new ConflictError(`Only a CONVENED assembly can be opened; this one is ${assembly.status}.`);
    if (Date.now() < assembly.startsAt.getTime())
      throw new ConflictError(`The sitting starts at ${assembly.startsAt.toISOString()}; it cannot open before.`);
    const [{ roll }] = await manager.query(
      `WITH roll AS (
         INSERT INTO assembly_attendance (assembly_id, member_id) SELECT $1, id FROM members WHERE status = 'ACTIVE' RETURNING 1)
       SELECT count(*)::int AS roll FROM roll`,
      [assembly.id],
    );
    const opened: string[] = [];
    // What each proposal's opening did besides (its amendments still PROPOSED withdrawn, their authors), as in proposal.opened.
    const openings: Array<Record<string, unknown>> = [];
    const notOpened: Array<{ proposalId: string; status: string }> = [];
    for (const item of await this.directory.agenda(assembly.id, manager)) {
      if (!item.proposalId) continue;
      const proposal = await this.proposals.lock(item.proposalId);
      if (proposal.status !== ProposalStatus.DRAFT && proposal.status !== ProposalStatus.DISCUSSION) {
        notOpened.push({ proposalId: proposal.id, status: proposal.status });
        continue;
      }
      const facts = await this.proposals.start(proposal, actor.id, 'part-of-caller');
      opened.push(proposal.id);
      openings.push({ position: item.position, proposalId: proposal.id, ...facts });
    }
    assembly.status = AssemblyStatus.IN_SESSION;
    assembly.openedAt = new Date();
    assembly.rollCount = roll;
    await manager.getRepository(AssemblyEntity).save(assembly);
    this.audit.record({
      actorId: actor.id,
      action: 'assembly.opened',
      entityType: 'Assembly',
      entityId: assembly.id,
      data: { roll, openedProposals: opened, notOpened, openings },
    });
    return assembly;
  }

  /**
   * ADMIN, IN_SESSION: closes the agenda's open proposals (NO_QUORUM if the sitting lacks quorum) and writes the
   * minutes; their sha256 goes into this close's audit entry, so a copy can be checked against the chain.
   */
  async close(actor: Principal, id: string): Promise<AssemblyEntity> {
    const manager = this.work.manager;
    const assembly = await lockAssembly(manager, id, 'id');
    if (assembly.status !== AssemblyStatus.IN_SESSION)
      throw new ConflictError(`Only an assembly IN_SESSION can be closed; this one is ${assembly.status}.`);
    const attendance = await this.directory.attendance(assembly, manager);
    const closedAt = new Date();
    const items: MinutesItem[] = [];
    const decisions: Array<Record<string, unknown>> = [];
    for (const item of await this.directory.agenda(assembly.id, manager)) {
      if (!item.proposalId) {
        items.push({ position: item.position, title: item.title, proposal: null });
        continue;
      }
      const proposal = await this.proposals.lock(item.proposalId);
      if (proposal.status === ProposalStatus.OPEN) {
        const facts = await this.proposals.count(proposal, actor.id, { audit: 'part-of-caller', quorumMet: attendance.quorumReached });
        decisions.push({ position: item.position, proposalId: proposal.id, ...facts });
      }
      items.push({ position: item.position, title: item.title, proposal: await this.minutesOf(proposal) });
    }
    const text = writeMinutes({
      title: assembly.title,
      kind: assembly.kind,
      startsAt: assembly.startsAt,
      openedAt: assembly.openedAt ?? closedAt,
      closedAt,
      location: assembly.location,
      roll: attendance.roll,
      present: attendance.present,
      represented: attendance.represented,
      quorum: assembly.quorum,
      quorumReached: attendance.quorumReached,
      items,
    });
    const hash = createHash('sha256').update(text, 'utf8').digest('hex');
    assembly.status = AssemblyStatus.CLOSED;
    assembly.closedAt = closedAt;
    assembly.minutesText = text;
    assembly.minutesHash = hash;
    await manager.getRepository(AssemblyEntity).save(assembly);
    this.audit.record({
      actorId: actor.id,
      action: 'assembly.closed',
      entityType: 'Assembly',
      entityId: assembly.id,
      data: { minutesSha256: hash, ...attendance, decisions },
    });
    return assembly;
  }

  private async minutesOf(proposal: ProposalEntity): Promise<MinutesItem['proposal']> {
    const options = await this.work.manager
      .getRepository(ProposalOptionEntity)
      .find({ where: { proposalId: proposal.id }, order: { position: 'ASC' } });
    const label = new Map(options.map((option) => [option.id, option.label]));
    const tally = proposal.finalTally;
    return {
      id: proposal.id,
      title: proposal.title,
      method: proposal.method,
      threshold: proposal.threshold,
      seats: proposal.seats,
      secret: proposal.secret,
      status: proposal.status,
      eligible: tally?.eligible ?? proposal.eligibleCount ?? 0,
      participants: tally?.participants ?? 0,
      // In the options' order, whatever order the method ranked them in.
      counts: tally
        ? options.map((option) => ({
            label: option.label,
            votes: tally.results.find((result) => result.optionId === option.id)?.votes ?? '0',
          }))
        : [],
      outcome: proposal.outcome,
      winners: proposal.winners ? proposal.winners.map((optionId) => label.get(optionId) ?? optionId) : null,
    };
  }
}
