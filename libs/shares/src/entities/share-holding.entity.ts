import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { MemberEntity } from '@commons/members';
import { ShareClassEntity } from './share-class.entity.js';

/** How many shares of a class a member holds now: what the settled entries of the register add up to. */
@Entity('share_holdings')
@Index('share_holdings_class', ['shareClassId'])
@Check('share_holdings_quantity_check', 'quantity >= 0')
export class ShareHoldingEntity {
  @PrimaryColumn({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @PrimaryColumn({ name: 'share_class_id', type: 'uuid' })
  shareClassId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'share_holdings_member_fk' })
  member?: Relation<MemberEntity>;

  @ManyToOne(() => ShareClassEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'share_class_id', foreignKeyConstraintName: 'share_holdings_share_class_fk' })
  shareClass?: Relation<ShareClassEntity>;

  @Column({ type: 'int', default: 0 })
  quantity: number;
}
