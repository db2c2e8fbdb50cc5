export { BylawsModule, BylawsRulesModule } from './bylaws.module.js';
export { BylawsService } from './bylaws.service.js';
export { BylawsEntity } from './entities/bylaws.entity.js';
export { BylawsAmendmentEntity } from './entities/bylaws-amendment.entity.js';
export { DEFAULT_BYLAWS, type BylawsRules, type BylawsChanges } from './bylaws-rules.js';
