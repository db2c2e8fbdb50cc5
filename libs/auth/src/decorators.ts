import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import type { Principal, Role } from './principal.js';

export const IS_PUBLIC = 'commons:public';
export const REQUIRED_ROLES = 'commons:roles';
export const CHECKS_STANDING = 'commons:checks-standing';

/** Anyone may call this, signed in or not (the member is still loaded when a token is sent). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The caller must act in one of these roles (see `actsAs`). Without it, any signed-in member may call. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/**
 * For a mutation that checks the caller's standing in the database itself, in the statement that makes
 * the change (a vote): the guard then takes the member's standing from the per-process cache instead of
 * loading it fresh, and asks the database only when the cache would refuse.
 */
export const ChecksStandingItself = () => SetMetadata(CHECKS_STANDING, true);

export function requestOf(context: ExecutionContext): Request {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: Request }>().req;
  }
  return context.switchToHttp().getRequest<Request>();
}

/** The signed-in member (undefined on a @Public() call without a token). */
export const CurrentMember = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal | undefined => requestOf(context).user as Principal | undefined,
);
