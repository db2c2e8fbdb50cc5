import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { MemberStatus, Role } from '@commons/auth';
import { StakeholderClassEntity } from './stakeholder-class.entity.js';

@Entity('members')
@Index('members_email_unique', ['email'], { unique: true })
@Index('members_created', ['createdAt', 'id'])
@Check('members_status_check', `status IN ('APPLICANT', 'ACTIVE', 'SUSPENDED', 'WITHDRAWN')`)
@Check('members_roles_check', `roles <@ ARRAY['MEMBER', 'ADMIN', 'AUDITOR']::varchar[]`)
export class MemberEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Always stored lower-cased, so the unique index is case-insensitive. */
  @Column({ type: 'varchar', length: 320 })
  email: string;

  /** Null for a member an admin added who has not yet accepted their invitation (they cannot sign in). */
  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash: string | null;

  @Column({ type: 'varchar', length: 20, default: MemberStatus.APPLICANT })
  status: MemberStatus;

  @Column({ type: 'varchar', array: true, default: () => `'{MEMBER}'` })
  roles: Role[];

  @Column({ name: 'stakeholder_class', type: 'varchar', length: 40 })
  stakeholderClass: string;

  @ManyToOne(() => StakeholderClassEntity, { onDelete: 'RESTRICT', onUpdate: 'CASCADE' })
  @JoinColumn({ name: 'stakeholder_class', referencedColumnName: 'code', foreignKeyConstraintName: 'members_stakeholder_class_fk' })
  stakeholderClassRef?: Relation<StakeholderClassEntity>;

  @Column({ name: 'joined_at', type: 'timestamptz', nullable: true })
  joinedAt: Date | null;

  @Column({ name: 'suspension_reason', type: 'text', nullable: true })
  suspensionReason: string | null;

  // Millisecond precision, so that a JS Date in a paging cursor matches the stored value exactly.
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
