import { Injectable } from '@nestjs/common';
import { AuditService } from '@commons/audit';
import { BadUserInputError, type Connection, decodeCursor, encodeCursor, isUuid, pageSize, toConnection } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import { type NotificationEntity, NotificationKind } from './entities/notification.entity.js';
import { DigestFrequency, NotificationPreferencesEntity } from './entities/notification-preferences.entity.js';
import type { NotificationPreferencesInput } from './dto/notification-preferences.input.js';

export interface Preferences {
  email: boolean;
  digest: DigestFrequency;
  muted: NotificationKind[];
}

export const DEFAULT_PREFERENCES: Preferences = { email: true, digest: DigestFrequency.NEVER, muted: [] };

/** A member's inbox and choices: each member reads and changes only their own. */
@Injectable()
export class InboxService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  async list(memberId: string, unreadOnly: boolean, first?: number, after?: string): Promise<Connection<NotificationEntity>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, 2);
    const params: unknown[] = [memberId, unreadOnly];
    let page = '';
    if (cursor) {
      params.push(cursor[0], cursor[1]);
      page = 'AND (created_at, id) < ($3::timestamptz, $4::uuid)';
    }
    const rows: Array<Record<string, unknown>> = await this.work.manager.query(
      `SELECT id, kind, subject, body, link, created_at, read_at FROM notifications
        WHERE member_id = $1 AND (NOT $2 OR read_at IS NULL) ${page}
        ORDER BY created_at DESC, id DESC LIMIT ${limit + 1}`,
      params,
    );
    const [{ total }] = await this.work.manager.query(
      'SELECT count(*)::int AS total FROM notifications WHERE member_id = $1 AND (NOT $2 OR read_at IS NULL)',
      [memberId, unreadOnly],
    );
    const nodes = rows.map(
      (row) =>
        ({
          id: row.id,
          kind: row.kind,
          subject: row.subject,
          body: row.body,
          link: row.link,
          createdAt: row.created_at,
          readAt: row.read_at,
        }) as NotificationEntity,
    );
    return toConnection(nodes, limit, total, (node) => encodeCursor([node.createdAt.toISOString(), node.id]));
  }

  async preferences(memberId: string): Promise<Preferences> {
    const row = await this.work.manager.getRepository(NotificationPreferencesEntity).findOneBy({ memberId });
    return row ? { email: row.email, digest: row.digest, muted: row.muted } : { ...DEFAULT_PREFERENCES };
  }

  /** Changes the fields given; the others keep their value. */
  async setPreferences(memberId: string, input: NotificationPreferencesInput): Promise<Preferences> {
    const current = await this.preferences(memberId);
    const next: Preferences = {
      email: input.email ?? current.email,
      digest: input.digest ?? current.digest,
      muted: input.muted ? [...new Set(input.muted)].sort() : current.muted,
    };
    await this.save(memberId, next);
    this.audit.record({
      actorId: memberId,
      action: 'notifications.preferences_set',
      entityType: 'Member',
      entityId: memberId,
      data: { ...next },
    });
    return next;
  }

  /** Mutes one kind (the unsubscribe link); returns whether it was muted already. */
  async mute(memberId: string, kind: NotificationKind): Promise<boolean> {
    const current = await this.preferences(memberId);
    const already = current.muted.includes(kind);
    if (!already) await this.save(memberId, { ...current, muted: [...current.muted, kind].sort() });
    this.audit.record({
      actorId: memberId,
      action: 'notifications.unsubscribed',
      entityType: 'Member',
      entityId: memberId,
      data: { kind },
    });
    return already;
  }

  /** Marks the given notifications (all, without ids) of the member read; returns how many changed. */
  async markRead(memberId: string, ids: string[] | null | undefined): Promise<number> {
    if (ids) {
      if (ids.length > 1000) throw new BadUserInputError('ids may name at most 1000 notifications.', 'ids');
      if (!ids.every(isUuid)) throw new BadUserInputError('ids must be notification ids (UUIDs).', 'ids');
    }
    const [rows, changed] = await this.work.manager.query(
      `UPDATE notifications SET read_at = now()
        WHERE member_id = $1 AND read_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[])) RETURNING 1`,
      [memberId, ids ?? null],
    );
    void rows;
    this.audit.record({
      actorId: memberId,
      action: 'notifications.read',
      entityType: 'Member',
      entityId: memberId,
      data: { count: changed },
    });
    return changed as number;
  }

  private async save(memberId: string, preferences: Preferences): Promise<void> {
    await this.work.manager.query(
      `INSERT INTO notification_preferences (member_id, email, digest, muted) VALUES ($1, $2, $3, $4)
       ON CONFLICT (member_id) DO UPDATE SET email = EXCLUDED.email, digest = EXCLUDED.digest, muted = EXCLUDED.muted`,
      [memberId, preferences.email, preferences.digest, preferences.muted],
    );
  }
}
