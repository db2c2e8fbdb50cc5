import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { MemberEntity } from '@commons/members';
import { ProposalEntity } from '@commons/voting';

/** A comment on a proposal, in Markdown as written; a reply names its parent (one level only). */
@Entity('comments')
@Index('comments_thread', ['proposalId', 'createdAt', 'id'])
@Index('comments_parent', ['parentId'])
@Check('comments_body_check', '(removed_at IS NULL) = (body IS NOT NULL)')
export class CommentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @ManyToOne(() => ProposalEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposal_id', foreignKeyConstraintName: 'comments_proposal_fk' })
  proposal?: Relation<ProposalEntity>;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'comments_author_fk' })
  author?: Relation<MemberEntity>;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => CommentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'comments_parent_fk' })
  parent?: Relation<CommentEntity>;

  /** Null once removed: the place in the thread stays, the words go. */
  @Column({ type: 'text', nullable: true })
  body: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'edited_at', type: 'timestamptz', precision: 3, nullable: true })
  editedAt: Date | null;

  @Column({ name: 'removed_at', type: 'timestamptz', precision: 3, nullable: true })
  removedAt: Date | null;

  @Column({ name: 'removed_by', type: 'uuid', nullable: true })
  removedBy: string | null;

  /** A moderator's reason (an author removing their own comment gives none). */
  @Column({ name: 'removal_reason', type: 'varchar', length: 500, nullable: true })
  removalReason: string | null;
}
