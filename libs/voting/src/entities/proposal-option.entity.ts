import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { ProposalEntity } from './proposal.entity.js';

@Entity('proposal_options')
@Index('proposal_options_position', ['proposalId', 'position'], { unique: true })
export class ProposalOptionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @ManyToOne(() => ProposalEntity, (proposal) => proposal.options, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposal_id', foreignKeyConstraintName: 'proposal_options_proposal_fk' })
  proposal?: Relation<ProposalEntity>;

  /** The order the proposal lists its options in; tie-breaks use it. */
  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 300 })
  label: string;
}
