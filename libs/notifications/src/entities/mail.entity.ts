import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { MemberEntity } from '@commons/members';

/**
 * One email to one member: a single notification or a digest of several. Its id is the message's
 * Message-ID, and `sentAt` is set once the SMTP server accepted it, so a job run again skips it.
 */
@Entity('mails')
@Index('mails_member', ['memberId', 'createdAt'])
export class MailEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'mails_member_fk' })
  member?: Relation<MemberEntity>;

  @Column({ type: 'boolean', default: false })
  digest: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;
}
