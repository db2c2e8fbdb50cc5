import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { AuthGuard } from '@nestjs/passport';
import type { GraphQLResolveInfo } from 'graphql';
import { ForbiddenError, UnauthenticatedError } from '@commons/core';
import { CHECKS_STANDING, IS_PUBLIC, REQUIRED_ROLES, requestOf } from './decorators.js';
import { ALLOWED_BY, type Permission, permit } from './policy.js';
import { actsAs, type Principal, type Role } from './principal.js';
import { PrincipalsService } from './principals.service.js';
import { STANDING_CHECKED_BY_STATEMENT } from './jwt.strategy.js';

function changes(context: ExecutionContext): boolean {
  if (context.getType<GqlContextType>() !== 'graphql') return true;
  return GqlExecutionContext.create(context).getInfo<GraphQLResolveInfo>().operation.operation === 'mutation';
}

/**
 * The global guard: every resolver and route needs a valid token unless marked @Public(), and the roles
 * named by @Roles() are checked against the member's current status. Deny by default.
 */
@Injectable()
export class CommonsAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly principals: PrincipalsService,
  ) {
    super();
  }

  override getRequest(context: ExecutionContext) {
    return requestOf(context);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets);
    const request = requestOf(context);
    const hasToken = typeof request.headers.authorization === 'string' && request.headers.authorization !== '';

    if (hasToken) {
      const checksStanding = this.reflector.getAllAndOverride<boolean>(CHECKS_STANDING, targets) && changes(context);
      const flagged = request as { [STANDING_CHECKED_BY_STATEMENT]?: boolean };
      flagged[STANDING_CHECKED_BY_STATEMENT] = Boolean(checksStanding);
      try {
        await super.canActivate(context);
      } finally {
        delete flagged[STANDING_CHECKED_BY_STATEMENT];
      }
      // Reads may use the per-process cache of standing; a change (and a route's work) asks the database,
      // so a suspension counts at once even when another process made it; unless the change checks the
      // standing in its own statement (@ChecksStandingItself), when only a refusal is asked again.
      if (request.user && changes(context)) {
        if (!this.reflector.getAllAndOverride<boolean>(CHECKS_STANDING, targets) || !this.passes(request.user as Principal, targets))
          await this.refresh(request);
      }
    } else if (!isPublic) {
      throw new UnauthenticatedError();
    }
    if (isPublic) return true;

    const principal = request.user as Principal | undefined;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && roles.length > 0 && !roles.some((role) => actsAs(principal, role))) {
      throw new ForbiddenError(`This needs the ${roles.join(' or ')} role.`);
    }
    const allowedBy = this.reflector.getAllAndOverride<Permission | undefined>(ALLOWED_BY, targets);
    if (allowedBy) permit(allowedBy, principal, undefined);
    return true;
  }

  private async refresh(request: { user?: unknown }): Promise<void> {
    const fresh = await this.principals.load((request.user as Principal).id, true);
    if (!fresh) throw new UnauthenticatedError('Your token is missing, invalid or expired. Sign in again.');
    request.user = fresh;
  }

  /** Whether the guard's own checks (roles, @Allow) let this principal through. */
  private passes(principal: Principal, targets: Parameters<Reflector['getAllAndOverride']>[1]): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && roles.length > 0 && !roles.some((role) => actsAs(principal, role))) return false;
    const allowedBy = this.reflector.getAllAndOverride<Permission | undefined>(ALLOWED_BY, targets);
    return !allowedBy || allowedBy.allows(principal, undefined);
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    // `error` is set only when loading the member failed (e.g. the database is down): not the caller's fault.
    if (error) throw error;
    if (!user) throw new UnauthenticatedError('Your token is missing, invalid or expired. Sign in again.');
    return user;
  }
}
