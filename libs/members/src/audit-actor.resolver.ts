import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AuditEntryModel } from '@commons/audit';
import type { RequestContext } from '@commons/core';
import type { MemberEntity } from './entities/member.entity.js';
import { MembersDirectoryService } from './members-directory.service.js';
import { memberLoader } from './members.resolver.js';
import { MemberModel } from './models/member.model.js';

@Resolver(() => AuditEntryModel)
export class AuditActorResolver {
  constructor(private readonly directory: MembersDirectoryService) {}

  @ResolveField('actor', () => MemberModel, { nullable: true, description: 'Who did it; null for the system.' })
  actor(@Parent() entry: AuditEntryModel, @Context() context: RequestContext): Promise<MemberEntity | null> | null {
    return entry.actorId ? memberLoader(context, this.directory).load(entry.actorId) : null;
  }
}
