import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { UnitOfWork } from '@commons/db';
import { AuditService } from './audit.service.js';

const OWN_UNITS = 'commons:own-units-of-work';

/**
 * For the few mutations that must do slow work (password hashing) before their transaction, or commit a
 * step whatever the outcome (counting a sign-in attempt): they open their units of work themselves.
 */
export const OwnUnitsOfWork = () => SetMetadata(OWN_UNITS, true);

/**
 * Every mutation is one unit of work: its transaction is opened here, once, every service call inside
 * joins it, and it commits only with exactly one audit entry recorded. A refusal rolls everything back.
 */
@Injectable()
export class AuditedMutationInterceptor implements NestInterceptor {
  constructor(
    private readonly work: UnitOfWork,
    private readonly audit: AuditService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<GqlContextType>() !== 'graphql') return next.handle();
    const info = GqlExecutionContext.create(context).getInfo<GraphQLResolveInfo>();
    if (info.parentType.name !== 'Mutation' || this.reflector.get<boolean>(OWN_UNITS, context.getHandler())) return next.handle();
    return from(
      this.work.transaction(async () => {
        const result = await lastValueFrom(next.handle(), { defaultValue: undefined });
        if (!this.audit.recorded()) throw new Error(`The mutation ${info.fieldName} recorded no audit entry.`);
        return result;
      }),
    );
  }
}
