import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, CurrentMember, type Principal } from '@commons/auth';
import type { Connection } from '@commons/core';
import type { WebhookDeliveryEntity } from '../entities/webhook-delivery.entity.js';
import type { WebhookEntity } from '../entities/webhook.entity.js';
import { WebhookDeliveryConnection, WebhookModel, WebhookWithSecretModel } from '../models/webhook.model.js';
import { NotificationsPolicy } from '../notifications.policy.js';
import { WebhooksService } from './webhooks.service.js';

@Resolver(() => WebhookModel)
export class WebhooksResolver {
  constructor(private readonly service: WebhooksService) {}

  @Query(() => [WebhookModel], { description: 'ADMIN.' })
  @Allow(NotificationsPolicy.manageWebhooks)
  webhooks(): Promise<WebhookEntity[]> {
    return this.service.list();
  }

  @Query(() => WebhookDeliveryConnection, { description: 'ADMIN. Newest first.' })
  @Allow(NotificationsPolicy.manageWebhooks)
  webhookDeliveries(
    @Args('webhookId', { type: () => ID }) webhookId: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<Connection<WebhookDeliveryEntity>> {
    return this.service.deliveries(webhookId, first, after);
  }

  @Mutation(() => WebhookWithSecretModel, {
    description:
      'ADMIN. A URL whose host is, or resolves to, a non-public address is BAD_USER_INPUT (field url) unless in WEBHOOK_ALLOWED_HOSTS.',
  })
  @Allow(NotificationsPolicy.manageWebhooks)
  createWebhook(
    @CurrentMember() actor: Principal,
    @Args('url') url: string,
    @Args('events', { type: () => [String] }) events: string[],
  ): Promise<{ webhook: WebhookEntity; secret: string }> {
    return this.service.create(actor, url, events);
  }

  @Mutation(() => Boolean, { description: 'ADMIN. Its pending deliveries are dropped.' })
  @Allow(NotificationsPolicy.manageWebhooks)
  deleteWebhook(@CurrentMember() actor: Principal, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.service.delete(actor, id);
  }
}
