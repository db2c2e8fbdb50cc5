import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '@commons/core';

const WINDOW_SECONDS = 15 * 60;
/** Failed sign-ins allowed per window: few per account (guessing one password), more per address (shared networks). */
const ACCOUNT_LIMIT = 5;
const ADDRESS_LIMIT = 30;

/** Too many failed sign-ins: the caller should wait. Not one of the input errors, so it has a code of its own. */
export class TooManyAttemptsError extends DomainError {
  constructor(retryAfterSeconds: number) {
    super(ErrorCode.TooManyRequests, `Too many failed sign-ins. Try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`, {
      retryAfter: retryAfterSeconds,
    });
  }
}

/** Limits password guessing per account and per client address, across API processes. */
@Injectable()
export class LoginThrottleService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Refuses before any password is checked when either key is over its limit. */
  async assertAllowed(email: string, address: string | undefined): Promise<void> {
    const rows: Array<{ key: string; failures: number; remaining: number }> = await this.dataSource.query(
      `SELECT key, failures, ceil(extract(epoch FROM window_started_at + make_interval(secs => $3) - now()))::int AS remaining
         FROM login_throttle WHERE key = ANY($1::varchar[]) AND window_started_at > now() - make_interval(secs => $3) AND failures >= $2`,
      [this.keys(email, address), Math.min(ACCOUNT_LIMIT, ADDRESS_LIMIT), WINDOW_SECONDS],
    );
    for (const row of rows) {
      const limit = row.key.startsWith('account:') ? ACCOUNT_LIMIT : ADDRESS_LIMIT;
      if (row.failures >= limit) throw new TooManyAttemptsError(Math.max(row.remaining, 1));
    }
  }

  async recordFailure(email: string, address: string | undefined): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO login_throttle (key, failures, window_started_at) SELECT key, 1, now() FROM unnest($1::varchar[]) AS key
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN login_throttle.window_started_at > now() - make_interval(secs => $2) THEN login_throttle.failures + 1 ELSE 1 END,
         window_started_at = CASE WHEN login_throttle.window_started_at > now() - make_interval(secs => $2) THEN login_throttle.window_started_at ELSE now() END`,
      [this.keys(email, address), WINDOW_SECONDS],
    );
  }

  /** A successful sign-in clears the account's failures (inside the sign-in's transaction). */
  async recordSuccess(manager: EntityManager, email: string): Promise<void> {
    await manager.query('DELETE FROM login_throttle WHERE key = $1', [`account:${email}`]);
  }

  private keys(email: string, address: string | undefined): string[] {
    return address ? [`account:${email}`, `address:${address}`] : [`account:${email}`];
  }
}
