import { Field, InputType } from '@nestjs/graphql';
import { Length } from 'class-validator';

@InputType()
export class CreateStakeholderClassInput {
  @Field({ description: 'Upper-case code, e.g. PRODUCER.' })
  @Length(1, 40)
  code: string;

  @Field()
  @Length(1, 200)
  name: string;
}
