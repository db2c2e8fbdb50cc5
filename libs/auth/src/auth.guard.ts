import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ForbiddenError, UnauthenticatedError } from '@commons/core';
import { IS_PUBLIC, REQUIRED_ROLES, requestOf } from './decorators.js';
import { actsAs, type Principal, type Role } from './principal.js';

/**
 * The global guard: every resolver and route needs a valid token unless marked @Public(), and the roles
 * named by @Roles() are checked against the member's current status. Deny by default.
 */
@Injectable()
export class CommonsAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
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
      await super.canActivate(context);
    } else if (!isPublic) {
      throw new UnauthenticatedError();
    }
    if (isPublic) return true;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && roles.length > 0) {
      const principal = request.user as Principal | undefined;
      if (!roles.some((role) => actsAs(principal, role))) {
        throw new ForbiddenError(`This needs the ${roles.join(' or ')} role.`);
      }
    }
    return true;
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    // `error` is set only when loading the member failed (e.g. the database is down): not the caller's fault.
    if (error) throw error;
    if (!user) throw new UnauthenticatedError('Your token is missing, invalid or expired. Sign in again.');
    return user;
  }
}
