import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@commons/audit';
import type { Principal } from '@commons/auth';
import { BadUserInputError } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import { SurplusSettingsEntity } from './entities/surplus-settings.entity.js';
import {
  formatBasisPoints,
  HUNDRED_PERCENT_BASIS_POINTS,
  parsePercentBasisPoints,
  type PolicyField,
  type PolicyMinimums,
} from './split/index.js';

/** The co-op's minimums by policy field; a field left out has none. */
export type MinimumsInput = Partial<Record<PolicyField, string | null>>;

const COLUMNS: Record<PolicyField, keyof SurplusSettingsEntity> = {
  reserve: 'minReserve',
  education: 'minEducation',
  commons: 'minCommons',
  patronage: 'minPatronage',
  patronageCash: 'minPatronageCash',
};
const FIELDS = Object.keys(COLUMNS) as PolicyField[];
const SHARES: readonly PolicyField[] = ['reserve', 'education', 'commons', 'patronage'];

/** The co-op's floors on any surplus split, enforced when a distribution is proposed. */
@Injectable()
export class SurplusSettingsService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  /** The minimums in force; empty when none were ever set. */
  async minimums(manager: EntityManager = this.work.manager): Promise<PolicyMinimums> {
    const row = await manager.getRepository(SurplusSettingsEntity).findOneBy({ id: 1 });
    const minimums: PolicyMinimums = {};
    for (const field of FIELDS) {
      const value = row?.[COLUMNS[field]];
      if (typeof value === 'string') minimums[field] = value;
    }
    return minimums;
  }

  /** Replaces the minimums: a field left out or null has none. The four shares' minimums may add up to 100 at most. */
  async setMinimums(actor: Principal, input: MinimumsInput): Promise<PolicyMinimums> {
    const values: Partial<Record<PolicyField, string | null>> = {};
    let shares = 0n;
    for (const field of FIELDS) {
      const text = input[field];
      if (text === undefined || text === null) {
        values[field] = null;
        continue;
      }
      const basisPoints = parsePercentBasisPoints(text);
      if (basisPoints === undefined || basisPoints > HUNDRED_PERCENT_BASIS_POINTS) {
        throw new BadUserInputError(`${field} must be a percentage from 0 to 100 with at most 2 decimals; got ${text}.`, field);
      }
      if (SHARES.includes(field)) shares += basisPoints;
      values[field] = formatBasisPoints(basisPoints);
    }
    if (shares > HUNDRED_PERCENT_BASIS_POINTS) {
      throw new BadUserInputError(
        `The minimums of reserve, education, commons and patronage add up to ${formatBasisPoints(shares)}%; no split could meet them.`,
        'input',
      );
    }
    const manager = this.work.manager;
    const previous = await this.minimums(manager);
    const row: Partial<SurplusSettingsEntity> = { id: 1, updatedBy: actor.id };
    for (const field of FIELDS) Object.assign(row, { [COLUMNS[field]]: values[field] });
    await manager.getRepository(SurplusSettingsEntity).upsert(row, ['id']);
    this.audit.record({
      actorId: actor.id,
      action: 'surplus_settings.minimums_set',
      entityType: 'SurplusSettings',
      entityId: null,
      data: { minimums: values, previous },
    });
    return this.minimums(manager);
  }
}
