import { Inject, Injectable, Logger } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import type { NotificationKind } from '../entities/notification.entity.js';
import { DigestFrequency } from '../entities/notification-preferences.entity.js';
import { JobQueue, QUEUES } from '../job-queue.service.js';
import { NotificationsWorker } from '../notifications-worker.service.js';
import { unsubscribeToken } from '../unsubscribe-token.js';
import { composeMail, type MailItem } from './mail-content.js';

/**
 * Sends the queued emails through nodemailer: to SMTP_URL, or to the log when none is set. A mail row is
 * marked sent once the SMTP server accepted it, so a job run again after a crash skips it; the narrow window
 * between the server's acceptance and that mark can send one twice, with the same Message-ID (the mail's id).
 */
@Injectable()
export class MailerService {
  private readonly logger = new Logger('Mail');
  private readonly transport: Transporter;
  private readonly domain: string;

  constructor(
    private readonly work: UnitOfWork,
    private readonly queue: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    worker: NotificationsWorker,
  ) {
    this.transport = config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : nodemailer.createTransport({ jsonTransport: true });
    this.domain = new URL(config.publicUrl).hostname || 'commons.invalid';
    worker.handle(QUEUES.mail, (data) => this.send(String(data.mailId)));
    worker.handle(QUEUES.dailyDigest, () => this.queueDigests(DigestFrequency.DAILY));
    worker.handle(QUEUES.weeklyDigest, () => this.queueDigests(DigestFrequency.WEEKLY));
  }

  unsubscribeUrl(memberId: string, kind: NotificationKind): string {
    const token = unsubscribeToken(this.config.notificationsSecret, { memberId, kind });
    return `${this.config.publicUrl}/notifications/unsubscribe?token=${encodeURIComponent(token)}`;
  }

  /** Sends one queued mail, unless it went out already. */
  async send(mailId: string): Promise<void> {
    const manager = this.work.manager;
    const [mail] = await manager.query(
      `SELECT m.id, m.sent_at, m.digest, p.digest AS frequency, member.id AS member_id, member.name, member.email
         FROM mails m JOIN members member ON member.id = m.member_id
         LEFT JOIN notification_preferences p ON p.member_id = m.member_id WHERE m.id = $1`,
      [mailId],
    );
    if (!mail || mail.sent_at) return;
    const items: MailItem[] = await manager.query(
      'SELECT kind, subject, body, link FROM notifications WHERE mail_id = $1 ORDER BY created_at, id',
      [mailId],
    );
    if (items.length === 0) return;
    const content = composeMail({
      recipientName: mail.name,
      items,
      digest: mail.digest ? (mail.frequency === 'WEEKLY' ? 'WEEKLY' : 'DAILY') : null,
      unsubscribeUrl: (kind) => this.unsubscribeUrl(mail.member_id, kind),
      settingsUrl: `${this.config.publicUrl}/settings/notifications`,
    });
    const unsubscribe = this.unsubscribeUrl(mail.member_id, items[0].kind);
    try {
      const info = await this.transport.sendMail({
        from: this.config.mailFrom,
        to: { name: mail.name, address: mail.email },
        subject: content.subject,
        text: content.text,
        html: content.html,
        messageId: `<${mail.id}@${this.domain}>`,
        headers: {
          'List-Unsubscribe': `<${unsubscribe}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          'X-Commons-Mail': mail.id,
        },
      });
      if (!this.config.smtpUrl) this.logger.log(`Mail to ${mail.email} (no SMTP_URL set): ${content.subject}\n${content.text}`);
      void info;
    } catch (error) {
      await this.work.transaction((tx) => tx.query('UPDATE mails SET attempts = attempts + 1 WHERE id = $1', [mailId]));
      throw error;
    }
    await this.work.transaction((tx) => tx.query('UPDATE mails SET sent_at = now(), attempts = attempts + 1 WHERE id = $1', [mailId]));
  }

  /**
   * One digest mail per member who takes `frequency` and has notifications waiting (the daily run also takes
   * what waits for members who have since gone back to single emails).
   */
  async queueDigests(frequency: DigestFrequency): Promise<number> {
    return this.work.transaction(async (manager) => {
      const frequencies = frequency === DigestFrequency.DAILY ? ['DAILY', 'NEVER'] : ['WEEKLY'];
      // Locked row by row (FOR UPDATE does not mix with GROUP BY), so two processes never digest the same notification.
      const waiting: Array<{ member_id: string; ids: string[] }> = await manager.query(
        `WITH locked AS (
           SELECT n.id, n.member_id, n.created_at FROM notifications n LEFT JOIN notification_preferences p ON p.member_id = n.member_id
            WHERE n.mail_pending AND coalesce(p.digest, 'NEVER') = ANY($1::varchar[]) FOR UPDATE OF n SKIP LOCKED)
         SELECT member_id, array_agg(id ORDER BY created_at, id) AS ids FROM locked GROUP BY member_id`,
        [frequencies],
      );
      const jobs: Array<{ name: typeof QUEUES.mail; data: { mailId: string } }> = [];
      for (const member of waiting) {
        const [{ id }] = await manager.query(`INSERT INTO mails (member_id, digest) VALUES ($1, true) RETURNING id`, [member.member_id]);
        await manager.query('UPDATE notifications SET mail_id = $1, mail_pending = false WHERE id = ANY($2::uuid[])', [id, member.ids]);
        jobs.push({ name: QUEUES.mail, data: { mailId: id } });
      }
      await this.queue.insert(manager, jobs);
      return waiting.length;
    });
  }
}
