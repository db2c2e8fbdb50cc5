import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The register's last entry number, in one row (id 1). A settlement locks it FOR UPDATE and takes the next
 * number in its own transaction, so numbers follow commits with no gaps (a sequence would leave gaps on
 * rollback).
 */
@Entity('share_register_counter')
@Check('share_register_counter_single_row', 'id = 1')
@Check('share_register_counter_last_check', 'last_number >= 0')
export class ShareRegisterCounterEntity {
  @PrimaryColumn({ type: 'int' })
  id: number;

  @Column({ name: 'last_number', type: 'int', default: 0 })
  lastNumber: number;
}
