import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { connectionType } from '@commons/core';
import { NotificationKind } from '../entities/notification.entity.js';
import { DigestFrequency } from '../entities/notification-preferences.entity.js';

registerEnumType(NotificationKind, { name: 'NotificationKind' });
registerEnumType(DigestFrequency, { name: 'DigestFrequency' });

@ObjectType('Notification')
export class NotificationModel {
  @Field(() => ID)
  id: string;

  @Field(() => NotificationKind)
  kind: NotificationKind;

  @Field()
  subject: string;

  @Field()
  body: string;

  @Field(() => String, { nullable: true, description: 'Where it leads in the web app (PUBLIC_URL).' })
  link: string | null;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  readAt: Date | null;
}

export const NotificationConnection = connectionType(NotificationModel, 'Notification');

@ObjectType('NotificationPreferences')
export class NotificationPreferencesModel {
  @Field({ description: 'Emails at all (the inbox keeps everything).' })
  email: boolean;

  @Field(() => DigestFrequency, { description: 'One email a day or a week instead of one per notification.' })
  digest: DigestFrequency;

  @Field(() => [NotificationKind], { description: 'Kinds never emailed (they still reach the inbox).' })
  muted: NotificationKind[];
}
