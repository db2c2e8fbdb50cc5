import { createHmac, timingSafeEqual } from 'node:crypto';
import { NOTIFICATION_KINDS, type NotificationKind } from './entities/notification.entity.js';

export interface Unsubscribe {
  memberId: string;
  kind: NotificationKind;
}

function mac(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(`unsubscribe:${payload}`).digest('base64url');
}

/** A token that mutes one kind for one member, without signing in: `<member>.<kind>.<HMAC>`. It does not expire. */
export function unsubscribeToken(secret: string, { memberId, kind }: Unsubscribe): string {
  const payload = `${memberId}.${kind}`;
  return `${payload}.${mac(secret, payload)}`;
}

/** What a token says, if it is one this server signed; null otherwise. */
export function readUnsubscribeToken(secret: string, token: string): Unsubscribe | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [memberId, kind, given] = parts;
  if (!/^[0-9a-f-]{36}$/i.test(memberId) || !NOTIFICATION_KINDS.includes(kind as NotificationKind)) return null;
  const expected = Buffer.from(mac(secret, `${memberId}.${kind}`));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  return { memberId: memberId.toLowerCase(), kind: kind as NotificationKind };
}
