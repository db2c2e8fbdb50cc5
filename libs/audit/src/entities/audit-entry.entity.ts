import { Check, Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One line of the audit log. Written unsealed (no seq, no hash) inside the transaction of the change it
 * records; the sealer then numbers and chains entries in commit order (see audit-sealer.service.ts).
 */
@Entity('audit_entries')
@Index('audit_entries_unsealed', ['id'], { where: 'seq IS NULL' })
@Index('audit_entries_action', ['action', 'id'])
@Index('audit_entries_actor', ['actorId', 'id'])
@Index('audit_entries_entity', ['entityId', 'id'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint', nullable: true, unique: true })
  seq: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 80 })
  action: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 80 })
  entityType: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 200, nullable: true })
  entityId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  data: unknown;

  @Column({ name: 'prev_hash', type: 'char', length: 64, nullable: true })
  prevHash: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  hash: string | null;
}

/** The head of the sealed chain, so that removing the newest entries is detected too (and logged at each seal). */
@Entity('audit_chain_head')
@Check('audit_chain_head_single_row', 'id = 1')
export class AuditChainHeadEntity {
  @PrimaryColumn({ type: 'smallint' })
  id: number;

  @Column({ name: 'last_seq', type: 'bigint' })
  lastSeq: string;

  @Column({ name: 'last_hash', type: 'char', length: 64 })
  lastHash: string;
}
