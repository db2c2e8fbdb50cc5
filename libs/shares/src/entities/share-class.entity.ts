import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A class of shares the co-op issues (e.g. A "Worker shares", B "Supporter shares"). Fixed once created. */
@Entity('share_classes')
@Index('share_classes_code_unique', ['code'], { unique: true })
@Check('share_classes_nominal_value_check', 'nominal_value > 0')
@Check(
  'share_classes_limits_check',
  'min_per_member >= 0 AND (max_per_member IS NULL OR (max_per_member >= 1 AND max_per_member >= min_per_member))',
)
export class ShareClassEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 20 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** The price of one share. */
  @Column({ name: 'nominal_value', type: 'numeric', precision: 14, scale: 2 })
  nominalValue: string;

  @Column({ name: 'min_per_member', type: 'int', default: 0 })
  minPerMember: number;

  @Column({ name: 'max_per_member', type: 'int', nullable: true })
  maxPerMember: number | null;

  @Column({ name: 'voting_rights', type: 'boolean', default: true })
  votingRights: boolean;

  @Column({ type: 'boolean', default: false })
  redeemable: boolean;

  /** Stakeholder classes whose members may hold it; empty for anyone. */
  @Column({ name: 'stakeholder_classes', type: 'varchar', array: true, default: () => `'{}'` })
  stakeholderClasses: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
