import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Failed sign-ins per account and per address, in a fixed window; shared by every API process. */
@Entity('login_throttle')
export class LoginThrottleEntity {
  /** `account:<email>` or `address:<ip>`. */
  @PrimaryColumn({ type: 'varchar', length: 400 })
  key: string;

  @Column({ type: 'int' })
  failures: number;

  @Column({ name: 'window_started_at', type: 'timestamptz' })
  windowStartedAt: Date;
}
