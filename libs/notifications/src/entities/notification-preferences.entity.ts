import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { MemberEntity } from '@commons/members';
import type { NotificationKind } from './notification.entity.js';

export enum DigestFrequency {
  NEVER = 'NEVER',
  DAILY = 'DAILY',
  WEEKLY = 'WEEKLY',
}

/** A member's choices; a member without a row has the defaults (email on, no digest, nothing muted). */
@Entity('notification_preferences')
@Check('notification_preferences_digest_check', `digest IN ('NEVER', 'DAILY', 'WEEKLY')`)
export class NotificationPreferencesEntity {
  @PrimaryColumn({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @OneToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'notification_preferences_member_fk' })
  member?: Relation<MemberEntity>;

  @Column({ type: 'boolean', default: true })
  email: boolean;

  @Column({ type: 'varchar', length: 8, default: DigestFrequency.NEVER })
  digest: DigestFrequency;

  @Column({ type: 'varchar', length: 24, array: true, default: () => `'{}'` })
  muted: NotificationKind[];
}
