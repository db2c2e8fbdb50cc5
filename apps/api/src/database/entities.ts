import { AuditChainHeadEntity, AuditEntryEntity } from '@commons/audit';
import { MemberEntity, StakeholderClassEntity } from '@commons/members';

/** Every entity of every lib: one TypeORM data layer for the whole server. */
export const ENTITIES = [AuditEntryEntity, AuditChainHeadEntity, MemberEntity, StakeholderClassEntity];
