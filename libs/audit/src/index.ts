export { AuditModule } from './audit.module.js';
export { AuditService, type AuditRecord } from './audit.service.js';
export { AuditedMutationInterceptor, OwnUnitsOfWork } from './audited-mutation.interceptor.js';
export { AUDIT_SEALER_LOCK, AuditSealerService } from './audit-sealer.service.js';
export { AuditEntryEntity, AuditChainHeadEntity } from './entities/audit-entry.entity.js';
export { AuditEntryModel } from './models/audit-entry.model.js';
export { canonicalJson, chainHash, GENESIS_HASH } from './audit-hash.js';
