import { Check, Column, Entity, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { ProposalEntity } from '@commons/voting';
import { AssemblyEntity } from './assembly.entity.js';

/** One item of an assembly's agenda, in order; some carry a proposal voted on during the sitting. */
@Entity('agenda_items')
@Check('agenda_items_position_check', 'position >= 1')
export class AgendaItemEntity {
  @PrimaryColumn({ name: 'assembly_id', type: 'uuid' })
  assemblyId: string;

  @ManyToOne(() => AssemblyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assembly_id', foreignKeyConstraintName: 'agenda_items_assembly_fk' })
  assembly?: Relation<AssemblyEntity>;

  @PrimaryColumn({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  /** A proposal is on one agenda at most. */
  @Column({ name: 'proposal_id', type: 'uuid', nullable: true, unique: true })
  proposalId: string | null;

  @OneToOne(() => ProposalEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proposal_id', foreignKeyConstraintName: 'agenda_items_proposal_fk' })
  proposal?: Relation<ProposalEntity>;
}
