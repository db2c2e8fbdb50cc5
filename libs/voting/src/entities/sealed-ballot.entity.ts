import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { ProposalEntity } from './proposal.entity.js';

/**
 * A secret ballot waiting to be mixed into the ballot box. It is written in the voter's transaction (so
 * it shares that transaction's id with the voter's participation), which is why its content is sealed:
 * encrypted with a key the database never sees. The mixer opens it later, in another transaction,
 * together with other ballots, in random order (see BallotMixerService).
 */
@Entity('sealed_ballots')
@Index('sealed_ballots_proposal', ['proposalId'])
export class SealedBallotEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @ManyToOne(() => ProposalEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposal_id', foreignKeyConstraintName: 'sealed_ballots_proposal_fk' })
  proposal?: Relation<ProposalEntity>;

  /** base64 of iv (12 bytes) | tag (16 bytes) | AES-256-GCM ciphertext of the ballot. */
  @Column({ type: 'text' })
  sealed: string;
}
