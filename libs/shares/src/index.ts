export { SharesModule } from './shares.module.js';
export { SharesPolicy } from './shares.policy.js';
export { ShareRegisterService } from './share-register.service.js';
export { ShareClassEntity } from './entities/share-class.entity.js';
export { ShareOperationEntity, ShareOperationKind, ShareOperationStatus } from './entities/share-operation.entity.js';
export { ShareHoldingEntity } from './entities/share-holding.entity.js';
export { ShareRegisterCounterEntity } from './entities/share-register-counter.entity.js';
