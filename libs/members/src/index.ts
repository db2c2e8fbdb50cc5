export { MembersModule } from './members.module.js';
export { MembersDirectoryService } from './members-directory.service.js';
export { memberLoader } from './members.resolver.js';
export { MembersPolicy } from './members.policy.js';
export { MemberEntity } from './entities/member.entity.js';
export { StakeholderClassEntity } from './entities/stakeholder-class.entity.js';
export { MemberModel, MemberConnection } from './models/member.model.js';
export { RateLimitEntity } from './entities/rate-limit.entity.js';
