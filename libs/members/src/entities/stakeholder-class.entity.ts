import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A stakeholder class of a multi-stakeholder co-op (WORKER, CONSUMER, SUPPORTER by default). */
@Entity('stakeholder_classes')
export class StakeholderClassEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
