import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { MemberEntity } from '@commons/members';

/** A standing delegation (liquid democracy): `from` lets `to` vote for them on open ballots. */
@Entity('delegations')
@Index('delegations_one_active', ['fromMemberId'], { unique: true, where: 'revoked_at IS NULL' })
@Index('delegations_to', ['toMemberId'], { where: 'revoked_at IS NULL' })
@Check('delegations_not_self', 'from_member_id <> to_member_id')
export class DelegationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'from_member_id', type: 'uuid' })
  fromMemberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'from_member_id', foreignKeyConstraintName: 'delegations_from_fk' })
  from?: Relation<MemberEntity>;

  @Column({ name: 'to_member_id', type: 'uuid' })
  toMemberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'to_member_id', foreignKeyConstraintName: 'delegations_to_fk' })
  to?: Relation<MemberEntity>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
