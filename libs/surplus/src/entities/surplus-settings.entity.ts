import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation, UpdateDateColumn } from 'typeorm';
import { MemberEntity } from '@commons/members';

/**
 * The co-op's own floors on any surplus split (its statutes or law: e.g. Spain's Law 27/1999, education ≥ 5;
 * US Subchapter T, cash ≥ 20% of refunds). One row (id 1); a null column means no minimum. The reserve's
 * minimum is a rule of the bylaws (`reserveMinimum`), which the members amend.
 */
@Entity('surplus_settings')
@Check('surplus_settings_single_row', 'id = 1')
@Check(
  'surplus_settings_minimums_check',
  '(min_education IS NULL OR min_education BETWEEN 0 AND 100) ' +
    'AND (min_commons IS NULL OR min_commons BETWEEN 0 AND 100) AND (min_patronage IS NULL OR min_patronage BETWEEN 0 AND 100) ' +
    'AND (min_patronage_cash IS NULL OR min_patronage_cash BETWEEN 0 AND 100)',
)
export class SurplusSettingsEntity {
  @PrimaryColumn({ type: 'smallint' })
  id: number;

  @Column({ name: 'min_education', type: 'numeric', precision: 5, scale: 2, nullable: true })
  minEducation: string | null;

  @Column({ name: 'min_commons', type: 'numeric', precision: 5, scale: 2, nullable: true })
  minCommons: string | null;

  @Column({ name: 'min_patronage', type: 'numeric', precision: 5, scale: 2, nullable: true })
  minPatronage: string | null;

  @Column({ name: 'min_patronage_cash', type: 'numeric', precision: 5, scale: 2, nullable: true })
  minPatronageCash: string | null;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'updated_by', foreignKeyConstraintName: 'surplus_settings_updated_by_fk' })
  updater?: Relation<MemberEntity>;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
