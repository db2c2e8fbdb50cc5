import { Field, ID, InputType } from '@nestjs/graphql';
import { IsUUID, Length } from 'class-validator';
import { DecimalScalar } from '@commons/core';

@InputType()
export class AdjustShareCapitalInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'memberId must be a UUID' })
  memberId: string;

  @Field(() => DecimalScalar, { description: "Added to the member's share capital; negative to redeem shares." })
  amount: string;

  @Field({ description: 'Why, for the books (e.g. "initial share purchase").' })
  @Length(1, 500)
  memo: string;
}

@InputType()
export class CreateStakeholderClassInput {
  @Field({ description: 'Upper-case code, e.g. PRODUCER.' })
  @Length(1, 40)
  code: string;

  @Field()
  @Length(1, 200)
  name: string;
}
