import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { MemberEntity } from '@commons/members';
import { AssemblyEntity } from './assembly.entity.js';

export enum AttendanceMode {
  IN_PERSON = 'IN_PERSON',
  REMOTE = 'REMOTE',
}

/** The sitting's roll, frozen when it opens (the members ACTIVE then), and who checked in, how and when. */
@Entity('assembly_attendance')
@Check('assembly_attendance_mode_check', `mode IS NULL OR mode IN ('IN_PERSON', 'REMOTE')`)
@Check('assembly_attendance_checked_in_check', '(checked_in_at IS NULL) = (mode IS NULL)')
export class AttendanceEntity {
  @PrimaryColumn({ name: 'assembly_id', type: 'uuid' })
  assemblyId: string;

  @ManyToOne(() => AssemblyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assembly_id', foreignKeyConstraintName: 'assembly_attendance_assembly_fk' })
  assembly?: Relation<AssemblyEntity>;

  @PrimaryColumn({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'assembly_attendance_member_fk' })
  member?: Relation<MemberEntity>;

  @Column({ name: 'checked_in_at', type: 'timestamptz', precision: 3, nullable: true })
  checkedInAt: Date | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  mode: AttendanceMode | null;
}
