import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { connectionType } from '@commons/core';
import { MemberModel } from '@commons/members';
import { ProposalModel } from '@commons/voting';
import { AssemblyKind, AssemblyStatus } from '../entities/assembly.entity.js';
import { AttendanceMode } from '../entities/attendance.entity.js';

registerEnumType(AssemblyKind, { name: 'AssemblyKind' });
registerEnumType(AssemblyStatus, { name: 'AssemblyStatus', description: 'CONVENED -> IN_SESSION -> CLOSED; CANCELLED before it opens.' });
registerEnumType(AttendanceMode, { name: 'AttendanceMode' });

@ObjectType('AgendaItem')
export class AgendaItemModel {
  @Field(() => Int)
  position: number;

  @Field()
  title: string;

  @Field(() => ProposalModel, { nullable: true })
  proposal?: unknown;
}

@ObjectType('Proxy')
export class ProxyModel {
  @Field(() => ID)
  id: string;

  @Field(() => MemberModel)
  grantor?: unknown;

  @Field(() => MemberModel)
  holder?: unknown;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;
}

@ObjectType('Minutes')
export class MinutesModel {
  @Field({ description: 'Markdown: attendance, quorum, each agenda item with its method, counts and outcome.' })
  text: string;

  @Field({ description: 'sha256 of text, hex; recorded in the audit entry of the close (assembly.closed).' })
  hash: string;
}

@ObjectType('Attendee', { description: "A member on a sitting's roll, and whether, how and when they checked in." })
export class AttendeeModel {
  @Field(() => MemberModel)
  member?: unknown;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When they checked in; null while absent.' })
  checkedInAt: Date | null;

  @Field(() => AttendanceMode, { nullable: true })
  mode: AttendanceMode | null;
}

export const AttendeeConnection = connectionType(AttendeeModel, 'Attendee');

@ObjectType('Assembly', { description: 'A general assembly: convened with an agenda, sat, closed with its minutes.' })
export class AssemblyModel {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field(() => AssemblyKind)
  kind: AssemblyKind;

  @Field(() => AssemblyStatus)
  status: AssemblyStatus;

  @Field(() => GraphQLISODateTime)
  convenedAt: Date;

  @Field(() => GraphQLISODateTime)
  startsAt: Date;

  @Field(() => String, { nullable: true })
  location: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  openedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  closedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was cancelled.' })
  cancelReason: string | null;

  @Field({
    description: 'The bylaws\' assemblyQuorum in force at convening: the share of the roll to be present or represented ("0.5000").',
  })
  quorum: string;

  @Field(() => Int, {
    description: 'The bylaws version whose assembly rules (quorum, proxies) this sitting follows: the one in force at convening.',
  })
  bylawsVersion: number;
}

export const AssemblyConnection = connectionType(AssemblyModel, 'Assembly');
