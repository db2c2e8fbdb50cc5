import { Module } from '@nestjs/common';
import { EventFanout } from './event-fanout.service.js';
import { InboxService } from './inbox.service.js';
import { JobQueue } from './job-queue.service.js';
import { MailerService } from './mail/mailer.service.js';
import { NotificationsResolver } from './notifications.resolver.js';
import { NotificationsWorker } from './notifications-worker.service.js';
import { RemindersService } from './reminders.service.js';
import { WebhookDeliveryService } from './webhooks/webhook-delivery.service.js';
import { WebhooksResolver } from './webhooks/webhooks.resolver.js';
import { WebhooksService } from './webhooks/webhooks.service.js';
import { UnsubscribeController } from './unsubscribe.controller.js';

/**
 * Notifications, reminders, digests and webhooks. It reads the audit log as the domain's stream of events
 * (and the tables it needs to word a message); no other lib imports it.
 */
@Module({
  providers: [
    JobQueue,
    EventFanout,
    NotificationsWorker,
    InboxService,
    MailerService,
    RemindersService,
    WebhooksService,
    WebhookDeliveryService,
    NotificationsResolver,
    WebhooksResolver,
  ],
  controllers: [UnsubscribeController],
  exports: [NotificationsWorker, MailerService],
})
export class NotificationsModule {}
