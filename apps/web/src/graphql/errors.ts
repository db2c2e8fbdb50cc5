import type { CombinedError } from 'urql';

export interface ApiProblem {
  /** The API's extensions.code, or NETWORK when the server could not be reached. */
  code: string;
  field?: string;
  message?: string;
  retryAfter?: number;
}

const KNOWN = ['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'TOO_MANY_REQUESTS', 'SERVICE_UNAVAILABLE'];

/** What went wrong, in the API's terms. */
export function problemOf(error: CombinedError): ApiProblem {
  const first = error.graphQLErrors[0];
  if (!first) return { code: 'NETWORK' };
  const extensions = first.extensions as { code?: string; field?: string; retryAfter?: number };
  const code = extensions.code && KNOWN.includes(extensions.code) ? extensions.code : 'UNKNOWN';
  return { code, field: extensions.field, message: first.message, retryAfter: extensions.retryAfter };
}
