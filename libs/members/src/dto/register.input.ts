import { Field, InputType } from '@nestjs/graphql';
import { IsEmail, IsOptional, Length, Matches, MaxLength } from 'class-validator';

@InputType()
export class RegisterInput {
  @Field()
  @Length(1, 200)
  @Matches(/\S/, { message: 'name must not be blank' })
  name: string;

  @Field()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email: string;

  @Field({ description: 'At least 8 characters.' })
  @Length(8, 200, { message: 'password must be between 8 and 200 characters long' })
  password: string;

  @Field({ nullable: true, description: 'One of `stakeholderClasses`; WORKER by default.' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{0,39}$/, { message: 'stakeholderClass must be a code such as WORKER' })
  stakeholderClass?: string;
}
