export { DeliberationModule } from './deliberation.module.js';
export { DeliberationPolicy } from './deliberation.policy.js';
export { CommentEntity } from './entities/comment.entity.js';
export { CommentReactionEntity } from './entities/comment-reaction.entity.js';
export { ProposalRevisionEntity } from './entities/proposal-revision.entity.js';
export { AmendmentEntity, AmendmentStatus } from './entities/amendment.entity.js';
export { REACTION_EMOJI } from './reactions.js';
