import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { MemberEntity } from '@commons/members';
import { ProposalEntity } from '@commons/voting';

export enum AmendmentStatus {
  PROPOSED = 'PROPOSED',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  PUT_TO_VOTE = 'PUT_TO_VOTE',
  ADOPTED = 'ADOPTED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}

/** A member's new text for a proposal in DISCUSSION, with why; the proposal's author accepts or declines it. */
@Entity('amendments')
@Index('amendments_proposal', ['proposalId', 'createdAt', 'id'])
@Index('amendments_vote_proposal', ['voteProposalId'], { unique: true })
@Check('amendments_status_check', `status IN ('PROPOSED', 'ACCEPTED', 'DECLINED', 'PUT_TO_VOTE', 'ADOPTED', 'REJECTED', 'WITHDRAWN')`)
@Check('amendments_vote_check', `(status = 'PUT_TO_VOTE') <= (vote_proposal_id IS NOT NULL)`)
export class AmendmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @ManyToOne(() => ProposalEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposal_id', foreignKeyConstraintName: 'amendments_proposal_fk' })
  proposal?: Relation<ProposalEntity>;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'amendments_author_fk' })
  author?: Relation<MemberEntity>;

  /** The whole new text of the proposal's body. */
  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'text', nullable: true })
  rationale: string | null;

  @Column({ type: 'varchar', length: 12, default: AmendmentStatus.PROPOSED })
  status: AmendmentStatus;

  /** The revision of the proposal it was written against. */
  @Column({ name: 'base_revision', type: 'int' })
  baseRevision: number;

  /** The revision it became (ACCEPTED, ADOPTED). */
  @Column({ type: 'int', nullable: true })
  revision: number | null;

  @Column({ name: 'decline_reason', type: 'varchar', length: 2000, nullable: true })
  declineReason: string | null;

  /** What happened to it that nobody decided by hand (e.g. withdrawn when the proposal opened for its vote). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  /** PUT_TO_VOTE and after: the MAJORITY proposal "Adopt this amendment?". */
  @Column({ name: 'vote_proposal_id', type: 'uuid', nullable: true })
  voteProposalId: string | null;

  @ManyToOne(() => ProposalEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'vote_proposal_id', foreignKeyConstraintName: 'amendments_vote_proposal_fk' })
  voteProposal?: Relation<ProposalEntity>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', precision: 3, nullable: true })
  decidedAt: Date | null;
}
