import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsBoolean, IsEnum, IsOptional } from 'class-validator';
import { NotificationKind } from '../entities/notification.entity.js';
import { DigestFrequency } from '../entities/notification-preferences.entity.js';

@InputType('NotificationPreferencesInput')
export class NotificationPreferencesInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  email?: boolean;

  @Field(() => DigestFrequency, { nullable: true })
  @IsOptional()
  @IsEnum(DigestFrequency)
  digest?: DigestFrequency;

  @Field(() => [NotificationKind], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsEnum(NotificationKind, { each: true })
  muted?: NotificationKind[];
}
