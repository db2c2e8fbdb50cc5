import { HttpException, Logger } from '@nestjs/common';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError, ErrorCode } from '@commons/core';

const logger = new Logger('GraphQL');

/** Codes Apollo itself gives to requests it rejects before execution; they are the caller's to fix. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** PostgreSQL error classes that mean the database is unreachable or restarting. */
const UNAVAILABLE = /^(08|57P0[1-3]|53300)/;
const NETWORK_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);
/** TypeORM's own errors when the connection under a transaction died. */
const LOST_CONNECTION = new Set(['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError', 'ConnectionIsNotSetError']);

/** The HTTP status of a domain error on a plain HTTP route (the CSV exports, /health). */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.BadUserInput:
      return 400;
    case ErrorCode.Unauthenticated:
      return 401;
    case ErrorCode.Forbidden:
      return 403;
    case ErrorCode.NotFound:
      return 404;
    case ErrorCode.Conflict:
      return 409;
    case ErrorCode.TooManyRequests:
      return 429;
  }
}

function fromHttpStatus(status: number): string {
  if (status === 400) return ErrorCode.BadUserInput;
  if (status === 401) return ErrorCode.Unauthenticated;
  if (status === 403) return ErrorCode.Forbidden;
  if (status === 404) return ErrorCode.NotFound;
  if (status === 409) return ErrorCode.Conflict;
  if (status === 429) return 'TOO_MANY_REQUESTS';
  return 'INTERNAL_SERVER_ERROR';
}

function unavailable(error: unknown): boolean {
  if (LOST_CONNECTION.has((error as Error)?.name)) return true;
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== 'string')
    return /Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(String((error as Error)?.message));
  return UNAVAILABLE.test(code) || NETWORK_ERRORS.has(code);
}

/**
 * The one place where errors become GraphQL errors: domain errors keep their code and message, the
 * database being down is SERVICE_UNAVAILABLE, a serialisation failure is a CONFLICT to retry, and
 * anything else is logged and answered as a bare INTERNAL_SERVER_ERROR without internals.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

  // A domain error thrown by a resolver, or carried by a refusal made before execution (graphql-socket.ts).
  const domain = original instanceof GraphQLError && original.originalError instanceof DomainError ? original.originalError : original;
  if (domain instanceof DomainError) {
    return { ...base, message: domain.message, extensions: { code: domain.code, ...domain.details } };
  }
  if (original instanceof HttpException) {
    const code = fromHttpStatus(original.getStatus());
    return { ...base, message: original.message, extensions: { code } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
    return { ...base, extensions: { code } };
  }
  if (original instanceof GraphQLError && !formatted.path && (!original.originalError || original.originalError instanceof GraphQLError)) {
    // Rejected before execution, e.g. a variable that does not coerce to its type.
    return { ...base, extensions: { code: ErrorCode.BadUserInput } };
  }
  if (unavailable(original)) {
    return { ...base, message: 'The database is unavailable. Try again shortly.', extensions: { code: 'SERVICE_UNAVAILABLE' } };
  }
  const sqlState = (original as { code?: unknown })?.code;
  if (sqlState === '40001' || sqlState === '40P01') {
    return { ...base, message: 'A concurrent change got there first. Try again.', extensions: { code: ErrorCode.Conflict } };
  }
  // A backstop: input that slipped past validation and that PostgreSQL refused (the transaction rolled back).
  if (typeof sqlState === 'string' && /^2[23]/.test(sqlState)) {
    logger.warn(`Database refused input (${sqlState}): ${(original as Error).message}`);
    const conflict = sqlState === '23505';
    return {
      ...base,
      message: conflict
        ? 'This conflicts with something that already exists.'
        : 'A value is not valid here (for example a character or number the database cannot store).',
      extensions: { code: conflict ? ErrorCode.Conflict : ErrorCode.BadUserInput },
    };
  }
  logger.error(original instanceof Error ? (original.stack ?? original.message) : String(original));
  return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
