import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { MemberEntity } from '@commons/members';
import { ProposalEntity } from '@commons/voting';
import { AmendmentEntity } from './amendment.entity.js';

/**
 * A proposal's body as it stood from `createdAt`: 1 is the text as created, each change of the body adds the
 * next number (written under the proposal's row lock, so there are no gaps). Revision 1 is stored when the
 * body first changes; until then the proposal's own body and creation time are revision 1.
 */
@Entity('proposal_revisions')
@Check('proposal_revisions_number_check', 'number >= 1')
export class ProposalRevisionEntity {
  @PrimaryColumn({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @ManyToOne(() => ProposalEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposal_id', foreignKeyConstraintName: 'proposal_revisions_proposal_fk' })
  proposal?: Relation<ProposalEntity>;

  @PrimaryColumn({ type: 'int' })
  number: number;

  @Column({ type: 'text' })
  body: string;

  /** Who made the change: the proposal's author (revising, accepting), or the amendment's author (adopted by vote). */
  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'proposal_revisions_author_fk' })
  author?: Relation<MemberEntity>;

  /** The amendment this revision came from, if any. */
  @Column({ name: 'amendment_id', type: 'uuid', nullable: true })
  amendmentId: string | null;

  @ManyToOne(() => AmendmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'amendment_id', foreignKeyConstraintName: 'proposal_revisions_amendment_fk' })
  amendment?: Relation<AmendmentEntity>;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
