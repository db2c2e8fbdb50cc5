export * from './principal.js';
export * from './decorators.js';
export { AuthModule } from './auth.module.js';
export { type Invitation, TokenService } from './token.service.js';
export * from './policy.js';
export { MEMBER_CHANGED_CHANNEL, PrincipalsService } from './principals.service.js';
export { resolvePermitted, Revoked, whilePermitted } from './permitted-subscription.js';
