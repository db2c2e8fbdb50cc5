import { ForbiddenError } from '@commons/core';
import type { Permission } from './policy.js';
import type { Principal } from './principal.js';
import type { PrincipalsService } from './principals.service.js';

/** The last event of a subscription its subscriber may no longer follow. */
export class Revoked {
  constructor(readonly reason: string) {}
}

/**
 * A subscription's `resolve` for a stream from `whilePermitted`: a revoked stream's last event is an error,
 * FORBIDDEN with the permission's reason, so the client reads why it stopped.
 */
export function resolvePermitted<Event>(event: Event | Revoked): Event {
  if (event instanceof Revoked) throw new ForbiddenError(event.reason);
  return event;
}

/**
 * Subscribes `principal` (FORBIDDEN unless `granted` allows them `subject`) and passes the events on while they
 * may still follow them: their standing is loaded and `granted` asked again at each event. Once it no longer
 * allows (e.g. the member was suspended), the source is closed and the stream ends with one Revoked event.
 */
export function whilePermitted<Subject>(
  principals: PrincipalsService,
  principal: Principal,
  granted: Permission<Subject>,
  subject: Subject,
  subscribe: () => AsyncIterableIterator<unknown>,
): AsyncIterableIterator<unknown> {
  if (!granted.allows(principal, subject)) throw new ForbiddenError(granted.reason);
  const source = subscribe();
  const memberId = principal.id;
  let revoked = false;
  return {
    async next() {
      if (revoked) return { done: true, value: undefined };
      const event = await source.next();
      if (event.done) return event;
      const now = await principals.load(memberId);
      if (!granted.allows(now ?? undefined, subject)) {
        revoked = true;
        await source.return?.();
        return { done: false, value: new Revoked(granted.reason) };
      }
      return event;
    },
    return: () => source.return?.() ?? Promise.resolve({ done: true, value: undefined }),
    throw: (error?: unknown) => source.throw?.(error) ?? Promise.reject(error),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
