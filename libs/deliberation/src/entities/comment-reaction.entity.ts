import { Check, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { MemberEntity } from '@commons/members';
import { REACTION_EMOJI } from '../reactions.js';
import { CommentEntity } from './comment.entity.js';

/** One member's reaction to a comment with one emoji of the fixed set; toggling deletes it. */
@Entity('comment_reactions')
@Check('comment_reactions_emoji_check', `emoji IN (${REACTION_EMOJI.map((emoji) => `'${emoji}'`).join(', ')})`)
export class CommentReactionEntity {
  @PrimaryColumn({ name: 'comment_id', type: 'uuid' })
  commentId: string;

  @ManyToOne(() => CommentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'comment_id', foreignKeyConstraintName: 'comment_reactions_comment_fk' })
  comment?: Relation<CommentEntity>;

  @PrimaryColumn({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'comment_reactions_member_fk' })
  member?: Relation<MemberEntity>;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  emoji: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
