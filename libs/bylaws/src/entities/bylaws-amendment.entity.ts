import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { ProposalEntity } from '@commons/voting';
import type { BylawsChanges } from '../bylaws-rules.js';

/** A proposal to amend the bylaws: what it changes, and the version it was written against. */
@Entity('bylaws_amendments')
export class BylawsAmendmentEntity {
  @PrimaryColumn({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @OneToOne(() => ProposalEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposal_id', foreignKeyConstraintName: 'bylaws_amendments_proposal_fk' })
  proposal?: Relation<ProposalEntity>;

  /** The rules it changes, in stored form (shares as 4-place decimals, the reserve with 2). */
  @Column({ type: 'jsonb' })
  changes: BylawsChanges;

  @Column({ name: 'base_version', type: 'int' })
  baseVersion: number;
}
