import { Injectable } from '@nestjs/common';
import { AuditService } from '@commons/audit';
import type { Principal } from '@commons/auth';
import { BadUserInputError, ConflictError } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import type { ShareClassInput } from './dto/share-class.input.js';
import { ShareClassEntity } from './entities/share-class.entity.js';
import { validateShareClass } from './share-rules.js';

/** The classes of shares the co-op issues. A class is fixed once created: the register's entries were made at its terms. */
@Injectable()
export class ShareClassesService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Principal, input: ShareClassInput): Promise<ShareClassEntity> {
    const rules = validateShareClass(input);
    const manager = this.work.manager;
    if (rules.stakeholderClasses.length > 0) {
      const known: Array<{ code: string }> = await manager.query('SELECT code FROM stakeholder_classes WHERE code = ANY($1::varchar[])', [
        rules.stakeholderClasses,
      ]);
      const unknown = rules.stakeholderClasses.find((code) => !known.some((row) => row.code === code));
      if (unknown) throw new BadUserInputError(`${unknown} is not one of this co-op's stakeholder classes.`, 'input.stakeholderClasses');
    }
    const repository = manager.getRepository(ShareClassEntity);
    const [inserted]: Array<{ id: string }> = await manager.query(
      `INSERT INTO share_classes (code, name, nominal_value, min_per_member, max_per_member, voting_rights, redeemable, stakeholder_classes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (code) DO NOTHING RETURNING id`,
      [
        rules.code,
        rules.name,
        rules.nominalValue,
        rules.minPerMember,
        rules.maxPerMember,
        rules.votingRights,
        rules.redeemable,
        rules.stakeholderClasses,
      ],
    );
    if (!inserted) throw new ConflictError(`Share class ${rules.code} already exists.`);
    this.audit.record({
      actorId: actor.id,
      action: 'share_class.created',
      entityType: 'ShareClass',
      entityId: inserted.id,
      data: { ...rules },
    });
    return repository.findOneByOrFail({ id: inserted.id });
  }
}
