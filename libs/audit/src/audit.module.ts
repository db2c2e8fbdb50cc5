import { Global, Module } from '@nestjs/common';
import { AuditLogService } from './audit-log.service.js';
import { AuditSealerService } from './audit-sealer.service.js';
import { AuditVerifierService } from './audit-verifier.service.js';
import { AuditResolver } from './audit.resolver.js';
import { AuditService } from './audit.service.js';

@Global()
@Module({
  providers: [AuditService, AuditSealerService, AuditVerifierService, AuditLogService, AuditResolver],
  exports: [AuditService, AuditSealerService],
})
export class AuditModule {}
