import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { MemberEntity } from '@commons/members';

export enum AssemblyKind {
  ANNUAL = 'ANNUAL',
  EXTRAORDINARY = 'EXTRAORDINARY',
}

export enum AssemblyStatus {
  CONVENED = 'CONVENED',
  IN_SESSION = 'IN_SESSION',
  CLOSED = 'CLOSED',
  CANCELLED = 'CANCELLED',
}

/**
 * A general assembly: convened with an agenda, then a sitting (IN_SESSION) with a frozen roll, check-ins and
 * proxies, then closed with its minutes. The bylaws' assembly rules in force when it was convened are kept
 * with it, so an amendment passing meanwhile does not change the rules of a sitting already called.
 */
@Entity('assemblies')
@Index('assemblies_listing', ['createdAt', 'id'])
@Check('assemblies_kind_check', `kind IN ('ANNUAL', 'EXTRAORDINARY')`)
@Check('assemblies_status_check', `status IN ('CONVENED', 'IN_SESSION', 'CLOSED', 'CANCELLED')`)
@Check('assemblies_quorum_check', 'quorum >= 0 AND quorum <= 1')
@Check('assemblies_max_proxies_check', 'max_proxies_per_member >= 0')
export class AssemblyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'varchar', length: 20 })
  kind: AssemblyKind;

  @Column({ type: 'varchar', length: 12, default: AssemblyStatus.CONVENED })
  status: AssemblyStatus;

  @Column({ name: 'convened_at', type: 'timestamptz', precision: 3 })
  convenedAt: Date;

  @Column({ name: 'convened_by', type: 'uuid' })
  convenedBy: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'convened_by', foreignKeyConstraintName: 'assemblies_convened_by_fk' })
  convener?: Relation<MemberEntity>;

  @Column({ name: 'starts_at', type: 'timestamptz', precision: 3 })
  startsAt: Date;

  @Column({ type: 'varchar', length: 300, nullable: true })
  location: string | null;

  /** The bylaws version in force at convening, and the rules of the sitting it gave. */
  @Column({ name: 'bylaws_version', type: 'int' })
  bylawsVersion: number;

  @Column({ type: 'numeric', precision: 5, scale: 4 })
  quorum: string;

  @Column({ name: 'max_proxies_per_member', type: 'int' })
  maxProxiesPerMember: number;

  @Column({ name: 'opened_at', type: 'timestamptz', precision: 3, nullable: true })
  openedAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', precision: 3, nullable: true })
  closedAt: Date | null;

  /** Members on the roll: ACTIVE when the sitting opened. */
  @Column({ name: 'roll_count', type: 'int', nullable: true })
  rollCount: number | null;

  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason: string | null;

  /** The minutes as written at closing (Markdown), and the sha256 (hex) recorded in the close's audit entry. */
  @Column({ name: 'minutes_text', type: 'text', nullable: true })
  minutesText: string | null;

  @Column({ name: 'minutes_hash', type: 'char', length: 64, nullable: true })
  minutesHash: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
