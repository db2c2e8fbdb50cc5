import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { connectionType } from '@commons/core';
import { DeliveryStatus } from '../entities/webhook-delivery.entity.js';

registerEnumType(DeliveryStatus, { name: 'DeliveryStatus' });

@ObjectType('Webhook')
export class WebhookModel {
  @Field(() => ID)
  id: string;

  @Field()
  url: string;

  @Field(() => [String], { description: 'Audit actions (proposal.closed, member.admitted, …), or "*" for all.' })
  events: string[];

  @Field()
  active: boolean;

  @Field()
  createdAt: Date;
}

@ObjectType('WebhookWithSecret')
export class WebhookWithSecretModel {
  @Field(() => WebhookModel)
  webhook: WebhookModel;

  @Field({ description: 'Signs every delivery (X-Commons-Signature); shown this once.' })
  secret: string;
}

@ObjectType('WebhookDelivery')
export class WebhookDeliveryModel {
  @Field(() => ID, { description: 'X-Commons-Delivery: the same on every retry.' })
  id: string;

  @Field()
  event: string;

  @Field(() => DeliveryStatus)
  status: DeliveryStatus;

  @Field(() => Int)
  attempts: number;

  @Field(() => Int, { nullable: true })
  responseStatus: number | null;

  @Field(() => Date, { nullable: true })
  lastAttemptAt: Date | null;
}

export const WebhookDeliveryConnection = connectionType(WebhookDeliveryModel, 'WebhookDelivery');
