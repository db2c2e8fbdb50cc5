import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import { EventFanout } from './event-fanout.service.js';
import { QUEUES } from './job-queue.service.js';
import { closingSoon } from './notification-messages.js';
import { NotificationsWorker } from './notifications-worker.service.js';

/** Members on the roll, ACTIVE, who may vote and have not (the reminder names no one's vote). */
const NOT_VOTED = `SELECT v.member_id FROM proposal_voters v JOIN members m ON m.id = v.member_id AND m.status = 'ACTIVE'
  WHERE v.proposal_id = $1 AND v.may_vote AND NOT v.has_voted`;

/**
 * CLOSING_SOON: once per proposal, CLOSING_SOON_BEFORE before its closesAt, to the members on its roll who have
 * not voted. Runs every minute on a pg-boss schedule; the reminder row claims the proposal, so two processes
 * (or a run again after a crash) remind once.
 */
@Injectable()
export class RemindersService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly fanout: EventFanout,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    worker: NotificationsWorker,
  ) {
    worker.handle(QUEUES.closingSoon, () => this.remindClosingSoon());
  }

  /** Returns how many proposals it reminded of. */
  async remindClosingSoon(): Promise<number> {
    const due: Array<{ id: string; title: string; closes_at: Date }> = await this.work.manager.query(
      `SELECT p.id, p.title, p.closes_at FROM proposals p
        WHERE p.status = 'OPEN' AND NOT p.at_sitting AND p.closes_at > now() AND p.closes_at <= now() + make_interval(secs => $1)
          AND NOT EXISTS (SELECT 1 FROM closing_soon_reminders r WHERE r.proposal_id = p.id)
        ORDER BY p.closes_at LIMIT 100`,
      [this.config.closingSoonBeforeSeconds],
    );
    let reminded = 0;
    for (const proposal of due) {
      await this.work.transaction(async (manager) => {
        const [claimed] = await manager.query(
          `INSERT INTO closing_soon_reminders (proposal_id, reminded_at, reminded) VALUES ($1, now(), 0) ON CONFLICT DO NOTHING RETURNING 1`,
          [proposal.id],
        );
        if (!claimed) return;
        const count = await this.fanout.notify(
          manager,
          closingSoon({ id: proposal.id, title: proposal.title, closesAt: proposal.closes_at }),
          `closing:${proposal.id}`,
          NOT_VOTED,
          [proposal.id],
        );
        await manager.query('UPDATE closing_soon_reminders SET reminded = $2 WHERE proposal_id = $1', [proposal.id, count]);
        reminded += 1;
      });
    }
    return reminded;
  }
}
