import { Field, GraphQLISODateTime, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsOptional, Length, Matches, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { AssemblyKind } from '../entities/assembly.entity.js';

@InputType()
export class AgendaItemInput {
  @Field()
  @Length(1, 300)
  @Matches(/\S/, { message: 'title must not be blank' })
  title: string;

  @Field(() => ID, { nullable: true, description: 'A DRAFT proposal without closesAt, voted on during the sitting.' })
  @IsOptional()
  proposalId?: string | null;
}

@InputType()
export class ConveneAssemblyInput {
  @Field()
  @Length(1, 300)
  @Matches(/\S/, { message: 'title must not be blank' })
  title: string;

  @Field(() => AssemblyKind)
  kind: AssemblyKind;

  @Field(() => GraphQLISODateTime, { description: "At least the bylaws' noticeDays ahead." })
  startsAt: Date;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 300)
  location?: string | null;

  @Field(() => [AgendaItemInput], { description: 'In order; 1 to 50 items.' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AgendaItemInput)
  agenda: AgendaItemInput[];
}
