import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { MemberEntity } from '@commons/members';
import { LedgerPostingEntity } from './ledger-posting.entity.js';

/**
 * One side of a posting: exactly one of debit and credit is positive. Member sub-accounts
 * (`member_capital:<id>`) also name their member, with a foreign key, and every line names its control
 * account so reports roll members up with a GROUP BY.
 */
@Entity('ledger_lines')
@Index('ledger_lines_account', ['account', 'postingId'])
@Index('ledger_lines_control_account', ['controlAccount', 'postingId'])
@Index('ledger_lines_member', ['memberId'], { where: 'member_id IS NOT NULL' })
@Check('ledger_lines_amounts_check', 'debit >= 0 AND credit >= 0 AND (debit > 0) <> (credit > 0)')
@Check('ledger_lines_line_no_check', 'line_no >= 1')
export class LedgerLineEntity {
  @PrimaryColumn({ name: 'posting_id', type: 'uuid' })
  postingId: string;

  @PrimaryColumn({ name: 'line_no', type: 'int' })
  lineNo: number;

  @ManyToOne(() => LedgerPostingEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'posting_id', foreignKeyConstraintName: 'ledger_lines_posting_fk' })
  posting?: Relation<LedgerPostingEntity>;

  @Column({ type: 'varchar', length: 120 })
  account: string;

  @Column({ name: 'control_account', type: 'varchar', length: 60 })
  controlAccount: string;

  @Column({ name: 'member_id', type: 'uuid', nullable: true })
  memberId: string | null;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'ledger_lines_member_fk' })
  member?: Relation<MemberEntity>;

  @Column({ type: 'numeric', precision: 14, scale: 2, default: '0' })
  debit: string;

  @Column({ type: 'numeric', precision: 14, scale: 2, default: '0' })
  credit: string;
}
