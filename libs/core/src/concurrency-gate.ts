import { TooManyRequestsError } from './errors.js';

/**
 * At most `limit` of one kind of costly work at a time in this process (e.g. CSV exports, which each hold
 * a database connection while a client reads); past it, TOO_MANY_REQUESTS rather than a queue.
 */
export class ConcurrencyGate {
  private running = 0;

  constructor(
    private readonly limit: number,
    private readonly what: string,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) {
      throw new TooManyRequestsError(`Too many ${this.what} at once (at most ${this.limit}); try again in a few seconds.`, 5);
    }
    this.running += 1;
    try {
      return await work();
    } finally {
      this.running -= 1;
    }
  }
}
