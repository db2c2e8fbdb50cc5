import { Module } from '@nestjs/common';
import { AccountsService } from './accounts.service.js';
import { AuditActorResolver } from './audit-actor.resolver.js';
import { LoginThrottleService, RateLimitService } from './login-throttle.service.js';
import { MembersDirectoryService } from './members-directory.service.js';
import { MembersResolver } from './members.resolver.js';
import { MembershipService } from './membership.service.js';

@Module({
  providers: [
    RateLimitService,
    LoginThrottleService,
    AccountsService,
    MembershipService,
    MembersDirectoryService,
    MembersResolver,
    AuditActorResolver,
  ],
  exports: [MembersDirectoryService, RateLimitService, MembershipService],
})
export class MembersModule {}
