import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditedMutationInterceptor } from './audited-mutation.interceptor.js';
import { AuditLogService } from './audit-log.service.js';
import { AuditSealerService } from './audit-sealer.service.js';
import { AuditVerifierService } from './audit-verifier.service.js';
import { AuditResolver } from './audit.resolver.js';
import { AuditService } from './audit.service.js';

@Global()
@Module({
  providers: [
    { provide: APP_INTERCEPTOR, useClass: AuditedMutationInterceptor },
    AuditService,
    AuditSealerService,
    AuditVerifierService,
    AuditLogService,
    AuditResolver,
  ],
  exports: [AuditService, AuditSealerService],
})
export class AuditModule {}
