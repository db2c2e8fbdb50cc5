import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, CurrentMember, type Principal } from '@commons/auth';
import type { Connection } from '@commons/core';
import { NotificationPreferencesInput } from './dto/notification-preferences.input.js';
import type { NotificationEntity } from './entities/notification.entity.js';
import { InboxService, type Preferences } from './inbox.service.js';
import { NotificationConnection, NotificationModel, NotificationPreferencesModel } from './models/notification.model.js';
import { NotificationsPolicy } from './notifications.policy.js';

/** The signed-in member's inbox and preferences: nobody reads or changes another's. */
@Resolver(() => NotificationModel)
export class NotificationsResolver {
  constructor(private readonly inbox: InboxService) {}

  @Query(() => NotificationConnection, { description: "The signed-in member's notifications, newest first." })
  @Allow(NotificationsPolicy.ownInbox)
  myNotifications(
    @CurrentMember() member: Principal,
    @Args('unreadOnly', { nullable: true }) unreadOnly?: boolean,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<Connection<NotificationEntity>> {
    return this.inbox.list(member.id, unreadOnly ?? false, first, after);
  }

  @Query(() => NotificationPreferencesModel, { description: 'Default: email true, digest NEVER, muted [].' })
  @Allow(NotificationsPolicy.ownInbox)
  myNotificationPreferences(@CurrentMember() member: Principal): Promise<Preferences> {
    return this.inbox.preferences(member.id);
  }

  @Mutation(() => NotificationPreferencesModel, { description: 'Changes the fields given; the others keep their value.' })
  @Allow(NotificationsPolicy.ownInbox)
  setNotificationPreferences(@CurrentMember() member: Principal, @Args('input') input: NotificationPreferencesInput): Promise<Preferences> {
    return this.inbox.setPreferences(member.id, input);
  }

  @Mutation(() => Int, { description: 'Marks your notifications read (none given: all); returns how many changed.' })
  @Allow(NotificationsPolicy.ownInbox)
  markNotificationsRead(
    @CurrentMember() member: Principal,
    @Args('ids', { type: () => [ID], nullable: true }) ids?: string[],
  ): Promise<number> {
    return this.inbox.markRead(member.id, ids);
  }
}
