export { AuditModule } from './audit.module.js';
export { AUDIT_ENTRY_COLUMNS, auditEntryValues, AuditService, type AuditRecord } from './audit.service.js';
export { AuditedMutationInterceptor, OwnUnitsOfWork } from './audited-mutation.interceptor.js';
export { AUDIT_SEALER_LOCK, AuditSealerService } from './audit-sealer.service.js';
export { AuditEntryEntity, AuditChainHeadEntity } from './entities/audit-entry.entity.js';
export { AuditEntryModel } from './models/audit-entry.model.js';
export {
  canonicalEntry,
  canonicalJson,
  type ChainedFields,
  chainedFields,
  GENESIS_HASH,
  keyedChainHash,
  plainChainHash,
} from './audit-hash.js';
