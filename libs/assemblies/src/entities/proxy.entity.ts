import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { MemberEntity } from '@commons/members';
import { AssemblyEntity } from './assembly.entity.js';

export enum ProxyEnd {
  REPLACED = 'REPLACED',
  REVOKED = 'REVOKED',
  LAPSED = 'LAPSED',
}

/**
 * A member's proxy for one assembly. Live until it ends: replaced by a new grant, revoked, or lapsed when the
 * grantor checks in. A holder's live proxies each take one of `cap` numbered slots: with the unique index,
 * the database itself refuses more than the cap, whatever the code does.
 */
@Entity('assembly_proxies')
@Index('assembly_proxies_one_per_grantor', ['assemblyId', 'grantorId'], { unique: true, where: 'ended_at IS NULL' })
@Index('assembly_proxies_slot', ['assemblyId', 'holderId', 'slot'], { unique: true, where: 'ended_at IS NULL' })
@Check('assembly_proxies_not_self', 'grantor_id <> holder_id')
@Check('assembly_proxies_slot_check', 'slot >= 1 AND slot <= cap')
@Check(
  'assembly_proxies_end_check',
  `(ended_at IS NULL) = (end_reason IS NULL) AND (end_reason IS NULL OR end_reason IN ('REPLACED', 'REVOKED', 'LAPSED'))`,
)
export class ProxyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'assembly_id', type: 'uuid' })
  assemblyId: string;

  @ManyToOne(() => AssemblyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assembly_id', foreignKeyConstraintName: 'assembly_proxies_assembly_fk' })
  assembly?: Relation<AssemblyEntity>;

  @Column({ name: 'grantor_id', type: 'uuid' })
  grantorId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'grantor_id', foreignKeyConstraintName: 'assembly_proxies_grantor_fk' })
  grantor?: Relation<MemberEntity>;

  @Column({ name: 'holder_id', type: 'uuid' })
  holderId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'holder_id', foreignKeyConstraintName: 'assembly_proxies_holder_fk' })
  holder?: Relation<MemberEntity>;

  /** Which of the holder's slots it takes, 1..cap; cap = the assembly's maxProxiesPerMember. */
  @Column({ type: 'smallint' })
  slot: number;

  @Column({ type: 'smallint' })
  cap: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', precision: 3, nullable: true })
  endedAt: Date | null;

  @Column({ name: 'end_reason', type: 'varchar', length: 10, nullable: true })
  endReason: ProxyEnd | null;
}
