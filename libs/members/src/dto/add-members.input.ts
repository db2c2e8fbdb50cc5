import { Field, GraphQLISODateTime, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsEmail, IsOptional, Length, Matches, MaxLength, ValidateNested } from 'class-validator';

/** The most members one `addMembers` call takes: its answer (an invitation each) fits in the complexity limit. */
export const ADD_MEMBERS_MAX = 1_500;

@InputType()
export class NewMemberInput {
  @Field()
  @Length(1, 200)
  @Matches(/\S/, { message: 'name must not be blank' })
  name: string;

  @Field()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email: string;

  @Field({ nullable: true, description: 'One of `stakeholderClasses`; WORKER by default.' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{0,39}$/, { message: 'stakeholderClass must be a code such as WORKER' })
  stakeholderClass?: string;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When they joined the co-op (kept from the old register); now by default.',
  })
  @IsOptional()
  joinedAt?: Date;
}

@InputType()
export class AddMembersInput {
  @Field(() => [NewMemberInput], { description: `At most ${ADD_MEMBERS_MAX} at a time.` })
  @ArrayMinSize(1)
  @ArrayMaxSize(ADD_MEMBERS_MAX)
  @ValidateNested({ each: true })
  @Type(() => NewMemberInput)
  members: NewMemberInput[];
}
