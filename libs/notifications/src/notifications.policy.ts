import { isAdmin, permission } from '@commons/auth';

/** Who may read and change what in notifications and webhooks. */
export const NotificationsPolicy = {
  /** The inbox and the preferences are each member's own: any signed-in member, about themself only. */
  ownInbox: permission((principal) => principal !== undefined, 'Sign in to read your notifications.'),
  /** Webhooks send the co-op's events out: admins only. */
  manageWebhooks: permission(isAdmin, 'Only admins manage webhooks.'),
};
