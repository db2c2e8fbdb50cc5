import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '@commons/core';
import { httpStatusFor } from '../graphql/format-error.js';

/**
 * Domain errors on plain HTTP routes (e.g. CSV exports, where the guard refuses a missing token) get their
 * status and code, as on GraphQL: `{ "code": "UNAUTHENTICATED", "message": … }` with 401. GraphQL errors are
 * left to `formatGraphQLError`.
 */
@Catch(DomainError)
export class DomainErrorHttpFilter implements ExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const response = host.switchToHttp().getResponse<Response>();
    response.status(httpStatusFor(error.code)).json({ code: error.code, message: error.message, ...error.details });
  }
}
