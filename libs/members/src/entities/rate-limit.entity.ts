import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Attempts per key in a fixed window (sign-ins per account and address, registrations); shared by every API process. */
@Entity('rate_limits')
export class RateLimitEntity {
  /** `account:<email>`, `address:<ip>`, `register:address:<ip>`, `register:all`… */
  @PrimaryColumn({ type: 'varchar', length: 400 })
  key: string;

  @Column({ type: 'int' })
  count: number;

  @Column({ name: 'window_started_at', type: 'timestamptz' })
  windowStartedAt: Date;

  @Column({ name: 'window_seconds', type: 'int' })
  windowSeconds: number;
}
