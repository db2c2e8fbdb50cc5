import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { type MemberStatus, type Principal, type Role } from '@commons/auth';
import { APP_CONFIG, type AppConfig } from '@commons/core';
import { type ProposalStatus, VotingPolicy } from '@commons/voting';
import { JobQueue, QUEUES } from './job-queue.service.js';
import {
  amendmentDecided,
  type AmendmentOutcome,
  amendmentProposed,
  assemblyConvened,
  budgetPhaseChanged,
  commentReply,
  type ConvenedAssembly,
  type Message,
  membershipChanged,
  proposalClosed,
  proposalOpened,
  proposalPublished,
} from './notification-messages.js';
import { type AuditEvent, deliveryBody, eventOf, subscribes } from './webhooks/webhook-payload.js';

type Facts = Record<string, unknown>;

/** Members on a proposal's roll who are ACTIVE now. */
const ROLL = `SELECT v.member_id FROM proposal_voters v JOIN members m ON m.id = v.member_id AND m.status = 'ACTIVE' WHERE v.proposal_id = $1`;
const ACTIVE = `SELECT id AS member_id FROM members WHERE status = 'ACTIVE'`;
/** The members named in `$1`. */
const NAMED = 'SELECT unnest($1::uuid[]) AS member_id';

/** What became of an amendment when its vote closed (the amendment's status the closing wrote). */
const VOTE_OUTCOMES: Record<string, AmendmentOutcome> = { ADOPTED: 'ADOPTED', REJECTED: 'REJECTED', WITHDRAWN: 'TOO_LATE' };

interface Webhook {
  id: string;
  events: string[];
  createdAt: Date;
}

interface Proposal {
  id: string;
  title: string;
  closesAt: Date | null;
  atSitting: boolean;
  authorId: string;
  status: ProposalStatus;
}

/**
 * Turns one committed audit entry into what it means for people: notifications in inboxes, emails to send
 * (or to keep for a digest), and webhook deliveries. Runs inside the worker's transaction, which also moves
 * the cursor, so each entry is fanned out once; the unique keys make a second run harmless anyway.
 */
@Injectable()
export class EventFanout {
  constructor(
    private readonly queue: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Fans out a batch of committed entries, in order. The active webhooks are read once for the batch (a
   * burst of votes is thousands of entries a second); each entry goes to those that existed when it happened.
   */
  async applyAll(manager: EntityManager, entries: readonly AuditEvent[]): Promise<void> {
    if (entries.length === 0) return;
    const latest = entries.reduce((last, entry) => (entry.at > last ? entry.at : last), entries[0].at);
    // created_at rounded up to the millisecond, as the entries' times are read: a hook made later in the
    // same millisecond as an entry does not take it.
    const hooks: Webhook[] = await manager.query(
      `SELECT id, events, date_trunc('milliseconds', created_at + interval '999 microseconds') AS "createdAt"
         FROM webhooks WHERE active AND created_at <= $1`,
      [latest],
    );
    for (const entry of entries) {
      await this.notifyFor(manager, entry);
      await this.deliverFor(
        manager,
        entry,
        hooks.filter((hook) => hook.createdAt <= entry.at),
      );
    }
  }

  private async notifyFor(manager: EntityManager, entry: AuditEvent): Promise<void> {
    const facts = (entry.data ?? {}) as Facts;
    const source = `audit:${entry.seq}`;
    switch (entry.action) {
      case 'proposal.opened': {
        const proposal = await this.proposal(manager, entry.entityId);
        if (proposal && !proposal.atSitting) await this.notify(manager, proposalOpened(proposal), source, ROLL, [proposal.id], entry.at);
        if (proposal) await this.amendmentsWithdrawn(manager, proposal, facts, 'WITHDRAWN_ON_OPENING', entry);
        return;
      }
      case 'proposal.withdrawn': {
        const proposal = await this.proposal(manager, entry.entityId);
        if (proposal) await this.amendmentsWithdrawn(manager, proposal, facts, 'WITHDRAWN_WITH_PROPOSAL', entry);
        return;
      }
      case 'proposal.closed':
      case 'proposal.closed_automatically': {
        const proposal = await this.proposal(manager, entry.entityId);
        if (proposal) await this.notify(manager, proposalClosed(proposal, facts), source, ROLL, [proposal.id], entry.at);
        await this.amendmentVoted(manager, facts, source, entry);
        return;
      }
      case 'assembly.opened': {
        // The sitting's proposals open inside its entry; each opening may have withdrawn amendments.
        const openings = Array.isArray(facts.openings) ? (facts.openings as Facts[]) : [];
        for (const opening of openings) {
          const proposal = await this.proposal(manager, String(opening.proposalId));
          if (proposal) await this.amendmentsWithdrawn(manager, proposal, opening, 'WITHDRAWN_ON_OPENING', entry);
        }
        return;
      }
      case 'assembly.closed': {
        // The sitting's proposals close inside its entry.
        const decisions = Array.isArray(facts.decisions) ? (facts.decisions as Facts[]) : [];
        for (const decision of decisions) {
          const proposal = await this.proposal(manager, String(decision.proposalId));
          if (proposal)
            await this.notify(manager, proposalClosed(proposal, decision), `${source}:${proposal.id}`, ROLL, [proposal.id], entry.at);
          await this.amendmentVoted(manager, decision, `${source}:${String(decision.proposalId)}`, entry);
        }
        return;
      }
      case 'proposal.published': {
        const proposal = await this.proposal(manager, entry.entityId);
        if (!proposal) return;
        // The ACTIVE members but its author, read once with what the read rule needs.
        const chosen = await this.readersWhere(manager, proposal, `status = 'ACTIVE' AND id <> $1`, [proposal.authorId]);
        const message = proposalPublished(proposal, await this.nameOf(manager, proposal.authorId));
        if (chosen.length > 0) await this.notify(manager, message, source, NAMED, [chosen], entry.at);
        return;
      }
      case 'comment.added': {
        const parentAuthor = typeof facts.parentAuthorId === 'string' ? facts.parentAuthorId : null;
        if (!parentAuthor || parentAuthor === entry.actorId) return;
        const proposal = await this.proposal(manager, String(facts.proposalId));
        if (proposal)
          await this.notifyReaders(
            manager,
            commentReply(proposal, await this.nameOf(manager, entry.actorId)),
            source,
            proposal,
            [parentAuthor],
            entry.at,
          );
        return;
      }
      case 'amendment.proposed': {
        const proposalAuthor = typeof facts.proposalAuthorId === 'string' ? facts.proposalAuthorId : null;
        if (!proposalAuthor || proposalAuthor === entry.actorId) return;
        const proposal = await this.proposal(manager, String(facts.proposalId));
        if (proposal)
          await this.notifyReaders(
            manager,
            amendmentProposed(proposal, await this.nameOf(manager, entry.actorId)),
            source,
            proposal,
            [proposalAuthor],
            entry.at,
          );
        return;
      }
      case 'amendment.accepted':
      case 'amendment.declined': {
        const author = typeof facts.authorId === 'string' ? facts.authorId : null;
        if (!author || author === entry.actorId) return;
        const proposal = await this.proposal(manager, String(facts.proposalId));
        const outcome = entry.action === 'amendment.accepted' ? 'ACCEPTED' : 'DECLINED';
        if (proposal)
          await this.notifyReaders(manager, amendmentDecided(proposal, outcome, facts.reason), source, proposal, [author], entry.at);
        return;
      }
      case 'assembly.convened': {
        const assembly = { id: entry.entityId, ...facts } as ConvenedAssembly;
        await this.notify(manager, assemblyConvened(assembly), source, ACTIVE, [], entry.at);
        return;
      }
      case 'budget.phase_changed': {
        const [budget] = await manager.query('SELECT id, title FROM budgets WHERE id = $1', [entry.entityId]);
        if (budget)
          await this.notify(manager, budgetPhaseChanged(budget, String(facts.from), String(facts.to)), source, ACTIVE, [], entry.at);
        return;
      }
      case 'member.admitted':
      case 'member.suspended':
      case 'member.reinstated': {
        const message = membershipChanged(entry.action, facts.reason);
        if (message && entry.entityId)
          await this.notify(manager, message, source, 'SELECT $1::uuid AS member_id', [entry.entityId], entry.at);
        return;
      }
    }
  }

  private async proposal(manager: EntityManager, id: string | null): Promise<Proposal | null> {
    if (!id || !/^[0-9a-f-]{36}$/i.test(id)) return null;
    const [row] = await manager.query('SELECT id, title, closes_at, at_sitting, author_id, status FROM proposals WHERE id = $1', [id]);
    return row
      ? {
          id: row.id as string,
          title: row.title as string,
          closesAt: row.closes_at as Date | null,
          atSitting: row.at_sitting as boolean,
          authorId: row.author_id as string,
          status: row.status as ProposalStatus,
        }
      : null;
  }

  private async nameOf(manager: EntityManager, memberId: string | null): Promise<string | null> {
    if (!memberId) return null;
    const [row] = await manager.query('SELECT name FROM members WHERE id = $1', [memberId]);
    return (row?.name as string | undefined) ?? null;
  }

  /**
   * Of `candidates`, those who may read the proposal now, by the rule the API answers them with
   * (VotingPolicy.readProposal on their standing and roles as they are at fan-out): a member suspended since,
   * or someone else's DRAFT, gets nothing.
   */
  private async readers(manager: EntityManager, proposal: Proposal, candidates: string[]): Promise<string[]> {
    if (candidates.length === 0) return [];
    return this.readersWhere(manager, proposal, 'id = ANY($1::uuid[])', [candidates]);
  }

  /** The members matching `where` who may read the proposal now (see `readers`). */
  private async readersWhere(manager: EntityManager, proposal: Proposal, where: string, params: unknown[]): Promise<string[]> {
    const rows: Array<{ id: string; status: MemberStatus; roles: Role[]; stakeholder_class: string }> = await manager.query(
      `SELECT id, status, roles, stakeholder_class FROM members WHERE ${where}`,
      params,
    );
    return rows
      .map((row): Principal => ({ id: row.id, status: row.status, roles: row.roles, stakeholderClass: row.stakeholder_class }))
      .filter((principal) => VotingPolicy.readProposal.allows(principal, proposal))
      .map((principal) => principal.id);
  }

  /** `message` to those of `candidates` who may read `proposal`. */
  private async notifyReaders(
    manager: EntityManager,
    message: Message,
    source: string,
    proposal: Proposal,
    candidates: string[],
    at: Date,
  ): Promise<void> {
    const chosen = await this.readers(manager, proposal, candidates);
    if (chosen.length > 0) await this.notify(manager, message, source, NAMED, [chosen], at);
  }

  /** The authors of the amendments a proposal's opening or withdrawal withdrew (`amendmentAuthors`: id -> author). */
  private async amendmentsWithdrawn(
    manager: EntityManager,
    proposal: Proposal,
    facts: Facts,
    outcome: AmendmentOutcome,
    entry: AuditEvent,
  ): Promise<void> {
    const authors = facts.amendmentAuthors && typeof facts.amendmentAuthors === 'object' ? (facts.amendmentAuthors as Facts) : {};
    for (const [amendmentId, author] of Object.entries(authors)) {
      if (typeof author !== 'string' || author === entry.actorId) continue;
      await this.notifyReaders(
        manager,
        amendmentDecided(proposal, outcome),
        `audit:${entry.seq}:${amendmentId}`,
        proposal,
        [author],
        entry.at,
      );
    }
  }

  /** When the vote on an amendment closed (its facts carry `amendment`), what became of it, for its author. */
  private async amendmentVoted(manager: EntityManager, facts: Facts, source: string, entry: AuditEvent): Promise<void> {
    const amendment = facts.amendment && typeof facts.amendment === 'object' ? (facts.amendment as Facts) : null;
    const outcome = amendment ? VOTE_OUTCOMES[String(amendment.status)] : undefined;
    if (!amendment || !outcome || typeof amendment.authorId !== 'string') return;
    const proposal = await this.proposal(manager, String(amendment.proposalId));
    if (proposal)
      await this.notifyReaders(
        manager,
        amendmentDecided(proposal, outcome),
        `${source}:${String(amendment.id)}`,
        proposal,
        [amendment.authorId],
        entry.at,
      );
  }

  /**
   * Puts `message` in the inbox of every member `recipients` selects (its parameters are `params`) and queues the
   * emails: one now for members who take single emails of this kind, kept for the digest of those who take one.
   */
  async notify(
    manager: EntityManager,
    message: Message,
    source: string,
    recipients: string,
    params: unknown[],
    at: Date = new Date(),
  ): Promise<number> {
    const members: Array<{ member_id: string }> = await manager.query(recipients, params);
    if (members.length === 0) return 0;
    const link = message.path ? `${this.config.publicUrl}${message.path}` : null;
    const inserted: Array<{ id: string; member_id: string; single: boolean }> = await manager.query(
      `WITH chosen AS (
         SELECT r.member_id,
                coalesce(p.email, true) AND NOT ($2::varchar = ANY(coalesce(p.muted, '{}'))) AS emailed,
                coalesce(p.digest, 'NEVER') AS digest
           FROM unnest($1::uuid[]) AS r(member_id) LEFT JOIN notification_preferences p ON p.member_id = r.member_id),
       inserted AS (
         INSERT INTO notifications (member_id, kind, subject, body, link, source, mail_pending, created_at)
         SELECT member_id, $2, $3, $4, $5, $6, emailed AND digest <> 'NEVER', $7 FROM chosen
         ON CONFLICT (member_id, kind, source) DO NOTHING
         RETURNING id, member_id)
       SELECT i.id, i.member_id, c.emailed AND c.digest = 'NEVER' AS single FROM inserted i JOIN chosen c USING (member_id)`,
      [members.map((member) => member.member_id), message.kind, message.subject.slice(0, 300), message.body, link, source, at],
    );
    await this.mailEach(
      manager,
      inserted.filter((row) => row.single),
    );
    return inserted.length;
  }

  /** One email per notification, queued in this transaction. */
  async mailEach(manager: EntityManager, notifications: Array<{ id: string; member_id: string }>): Promise<void> {
    if (notifications.length === 0) return;
    const mailIds = notifications.map(() => randomUUID());
    await manager.query(
      `INSERT INTO mails (id, member_id, digest) SELECT id, member_id, false FROM unnest($1::uuid[], $2::uuid[]) AS m(id, member_id)`,
      [mailIds, notifications.map((row) => row.member_id)],
    );
    await manager.query(
      `UPDATE notifications n SET mail_id = m.mail_id FROM unnest($1::uuid[], $2::uuid[]) AS m(id, mail_id) WHERE n.id = m.id`,
      [notifications.map((row) => row.id), mailIds],
    );
    await this.queue.insert(
      manager,
      mailIds.map((mailId) => ({ name: QUEUES.mail, data: { mailId } })),
    );
  }

  /** A delivery for each of `hooks` (the active webhooks that existed when the entry was made) that takes this event. */
  private async deliverFor(manager: EntityManager, entry: AuditEvent, hooks: readonly Webhook[]): Promise<void> {
    // The notifications lib's own entries (inbox reads, preferences) are the members' business only.
    if (hooks.length === 0 || entry.action.startsWith('notifications.')) return;
    const event = eventOf(entry.action);
    const chosen = hooks.filter((hook) => subscribes(hook.events, event));
    if (chosen.length === 0) return;
    const deliveries = chosen.map((hook) => {
      const id = randomUUID();
      return { id, webhookId: hook.id, body: deliveryBody(id, entry) };
    });
    const created: Array<{ id: string }> = await manager.query(
      `INSERT INTO webhook_deliveries (id, webhook_id, event, audit_seq, body)
       SELECT id, webhook_id, $4, $5, body FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS d(id, webhook_id, body)
       ON CONFLICT (webhook_id, audit_seq) DO NOTHING RETURNING id`,
      [deliveries.map((d) => d.id), deliveries.map((d) => d.webhookId), deliveries.map((d) => d.body), event, entry.seq],
    );
    await this.queue.insert(
      manager,
      created.map(({ id }) => ({ name: QUEUES.webhook, data: { deliveryId: id } })),
    );
  }
}
