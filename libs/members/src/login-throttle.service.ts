import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, DomainError, ErrorCode } from '@commons/core';
import { UnitOfWork } from '@commons/db';

/** Too many attempts: the caller should wait. Not one of the input errors, so it has a code of its own. */
export class TooManyAttemptsError extends DomainError {
  constructor(what: string, retryAfterSeconds: number) {
    super(ErrorCode.TooManyRequests, `Too many ${what}. Try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`, {
      retryAfter: retryAfterSeconds,
    });
  }
}

export interface RateBucket {
  key: string;
  limit: number;
  windowSeconds: number;
}

interface CountedRow {
  key: string;
  count: number;
  remaining: number;
}

/**
 * Fixed-window counters shared by every API process (sign-in attempts, registrations). An attempt is
 * counted before any work is done for it, by one atomic upsert per bucket, so parallel attempts cannot
 * all slip under the limit.
 */
@Injectable()
export class RateLimitService {
  constructor(private readonly work: UnitOfWork) {}

  /** Counts one attempt in every bucket; throws TooManyAttemptsError when any bucket is then over its limit. */
  async take(buckets: RateBucket[], what: string): Promise<void> {
    const rows: CountedRow[] = await this.work.manager.query(
      `INSERT INTO rate_limits AS bucket (key, count, window_started_at, window_seconds)
       SELECT key, 1, now(), seconds FROM unnest($1::varchar[], $2::int[]) AS taken(key, seconds)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN bucket.window_started_at > now() - make_interval(secs => EXCLUDED.window_seconds) THEN bucket.count + 1 ELSE 1 END,
         window_started_at = CASE WHEN bucket.window_started_at > now() - make_interval(secs => EXCLUDED.window_seconds)
                                  THEN bucket.window_started_at ELSE now() END,
         window_seconds = EXCLUDED.window_seconds
       RETURNING key, count, ceil(extract(epoch FROM window_started_at + make_interval(secs => window_seconds) - now()))::int AS remaining`,
      [buckets.map((bucket) => bucket.key), buckets.map((bucket) => bucket.windowSeconds)],
    );
    for (const row of rows) {
      const bucket = buckets.find((candidate) => candidate.key === row.key);
      if (bucket && row.count > bucket.limit) throw new TooManyAttemptsError(what, Math.max(row.remaining, 1));
    }
  }

  /** Forgets attempts: the buckets named in `clear` start again, and one attempt is given back to `giveBack`. */
  async forgive(clear: string[], giveBack: string[] = []): Promise<void> {
    const manager = this.work.manager;
    if (clear.length > 0) await manager.query('DELETE FROM rate_limits WHERE key = ANY($1::varchar[])', [clear]);
    if (giveBack.length > 0) {
      await manager.query('UPDATE rate_limits SET count = greatest(count - 1, 0) WHERE key = ANY($1::varchar[])', [giveBack]);
    }
  }
}

/**
 * Limits password guessing per account (LOGIN_LIMIT, few: guessing one password) and per client address
 * (LOGIN_LIMIT_ADDRESS, more: shared networks).
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly limits: RateLimitService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts this attempt first; refuses when the account or the address has used up its attempts. */
  countAttempt(email: string, address: string | undefined): Promise<void> {
    const { loginLimit, loginLimitAddress } = this.config;
    const buckets: RateBucket[] = [{ key: `account:${email}`, limit: loginLimit.count, windowSeconds: loginLimit.windowSeconds }];
    if (address)
      buckets.push({ key: `address:${address}`, limit: loginLimitAddress.count, windowSeconds: loginLimitAddress.windowSeconds });
    return this.limits.take(buckets, 'sign-in attempts');
  }

  /** A successful sign-in clears the account's count and does not count against the address. */
  recordSuccess(email: string, address: string | undefined): Promise<void> {
    return this.limits.forgive([`account:${email}`], address ? [`address:${address}`] : []);
  }
}
