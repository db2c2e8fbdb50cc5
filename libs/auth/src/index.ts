export * from './principal.js';
export * from './decorators.js';
export { AuthModule } from './auth.module.js';
export { type Invitation, TokenService } from './token.service.js';
