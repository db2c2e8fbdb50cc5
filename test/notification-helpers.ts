import { NotificationsWorker } from '@commons/notifications';
import type { TestApp, TestMember } from '@commons/testing';

export const INBOX = `query($unreadOnly: Boolean, $first: Int, $after: String) {
  myNotifications(unreadOnly: $unreadOnly, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id kind subject body link createdAt readAt } }
  } }`;
export const MARK_READ = `mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }`;
export const PREFERENCES = `{ myNotificationPreferences { email digest muted } }`;
export const SET_PREFERENCES = `mutation($input: NotificationPreferencesInput!) { setNotificationPreferences(input: $input) { email digest muted } }`;

export interface InboxItem {
  id: string;
  kind: string;
  subject: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

/** Lets the notifications worker catch up with everything committed so far (fan-out and due jobs). */
export function settle(t: TestApp): Promise<void> {
  return t.app.get(NotificationsWorker).drain();
}

/** The member's inbox, newest first, after the worker has caught up. */
export async function inbox(t: TestApp, member: TestMember, unreadOnly = false): Promise<InboxItem[]> {
  await settle(t);
  const { myNotifications } = await t.ok(INBOX, { unreadOnly, first: 100 }, member.token);
  return myNotifications.edges.map((edge: { node: InboxItem }) => edge.node);
}
