import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@commons/audit';
import type { Principal } from '@commons/auth';
import { ConflictError } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import { DecisionRules, ProposalStatus } from '@commons/voting';
import {
  applyBylawsChanges,
  BYLAWS_FIELDS,
  type BylawsChanges,
  type BylawsChangesInput,
  type BylawsRules,
  validateBylawsChanges,
} from './bylaws-rules.js';
import { BylawsEntity } from './entities/bylaws.entity.js';

/**
 * The advisory lock of the bylaws: founding adjustments and enactments take it exclusively; every other
 * close of a proposal takes it shared, so "no proposal has closed yet" cannot change under a founding change.
 */
export const BYLAWS_LOCK = 727_100_021;

export function rulesOf(version: BylawsEntity): BylawsRules {
  return Object.fromEntries(BYLAWS_FIELDS.map((field) => [field, version[field]])) as unknown as BylawsRules;
}

/** The co-op's bylaws as data: the version in force, the history, founding adjustments and enactments. */
@Injectable()
export class BylawsService extends DecisionRules {
  constructor(
    private readonly work: UnitOfWork,
    private readonly audit: AuditService,
  ) {
    super();
  }

  /** The version in force: the newest. */
  async current(manager: EntityManager = this.work.manager): Promise<BylawsEntity> {
    const [version] = await manager.getRepository(BylawsEntity).find({ order: { version: 'DESC' }, take: 1 });
    if (!version) throw new Error('The bylaws have no version 1: run the migrations.');
    return version;
  }

  /** Every version, newest first. */
  history(): Promise<BylawsEntity[]> {
    return this.work.manager.getRepository(BylawsEntity).find({ order: { version: 'DESC' } });
  }

  async defaultQuorum(): Promise<string> {
    return (await this.current()).defaultQuorum;
  }

  async minVotingHours(): Promise<number> {
    return (await this.current()).minVotingHours;
  }

  /** The founding period lasts until a first proposal closes (by hand, automatically or at a sitting). */
  async inFoundingPeriod(manager: EntityManager = this.work.manager): Promise<boolean> {
    const [row] = await manager.query('SELECT NOT EXISTS (SELECT 1 FROM proposals WHERE status = $1) AS founding', [ProposalStatus.CLOSED]);
    return row.founding as boolean;
  }

  /** ADMIN, founding period only: adjusts version 1 in place. */
  async found(actor: Principal, input: BylawsChangesInput): Promise<BylawsEntity> {
    const changes = validateBylawsChanges(input);
    const manager = this.work.manager;
    await manager.query('SELECT pg_advisory_xact_lock($1)', [BYLAWS_LOCK]);
    if (!(await this.inFoundingPeriod(manager)))
      throw new ConflictError('The founding period is over (a proposal has closed): the bylaws now change only by amendment.');
    const founding = await manager
      .getRepository(BylawsEntity)
      .findOneOrFail({ where: { version: 1 }, lock: { mode: 'pessimistic_write' } });
    const previous = rulesOf(founding);
    const adopted = applyBylawsChanges(previous, changes);
    await manager.getRepository(BylawsEntity).update({ version: 1 }, { ...adopted, adoptedAt: new Date() });
    this.audit.record({
      actorId: actor.id,
      action: 'bylaws.founded',
      entityType: 'Bylaws',
      entityId: null,
      data: { version: 1, changes, previous },
    });
    return manager.getRepository(BylawsEntity).findOneByOrFail({ version: 1 });
  }

  /**
   * Inside the transaction that closed a passing amendment: the next version is the one in force now with
   * the amendment's changes applied (so two amendments passing one after the other both take effect).
   */
  async enact(manager: EntityManager, proposalId: string, changes: BylawsChanges): Promise<BylawsEntity> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [BYLAWS_LOCK]);
    const current = await this.current(manager);
    const repository = manager.getRepository(BylawsEntity);
    const next = repository.create({
      ...applyBylawsChanges(rulesOf(current), changes),
      version: current.version + 1,
      adoptedAt: new Date(),
      adoptedBy: proposalId,
    });
    await repository.insert(next);
    return next;
  }

  /** Every other close: waits for a founding change in flight, so the founding period ends after it. */
  async holdForClose(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock_shared($1)', [BYLAWS_LOCK]);
  }
}
