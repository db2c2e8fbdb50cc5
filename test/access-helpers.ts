import type { GraphQLResponse, TestApp, TestMember } from '@commons/testing';

/** The callers every access matrix tries: anonymous, and a member of each standing and role. */
export type Caller = 'anonymous' | 'applicant' | 'member' | 'suspended' | 'admin' | 'auditor';
export const CALLERS: Caller[] = ['anonymous', 'applicant', 'member', 'suspended', 'admin', 'auditor'];
export type Expected = 'ok' | 'UNAUTHENTICATED' | 'FORBIDDEN';
/** Who may call an operation; every other signed-in caller gets FORBIDDEN, anonymous gets UNAUTHENTICATED. */
export type Allowed = Caller[] | 'everyone' | 'signed-in';

export function expected(allowed: Allowed, caller: Caller): Expected {
  if (allowed === 'everyone') return 'ok';
  if (caller === 'anonymous') return 'UNAUTHENTICATED';
  if (allowed === 'signed-in') return 'ok';
  return allowed.includes(caller) ? 'ok' : 'FORBIDDEN';
}

/** Every operation as every caller, with what they must get: `[name, caller, expected, operation]`. */
export function matrix<Operation extends { name: string; allowed: Allowed }>(operations: Operation[]) {
  return operations.flatMap((operation) =>
    CALLERS.map((caller) => [operation.name, caller, expected(operation.allowed, caller), operation] as const),
  );
}

/** A member for each signed-in caller (`admin` given, or a new one). */
export async function signedInCallers(t: TestApp, admin?: TestMember): Promise<Partial<Record<Caller, TestMember>>> {
  return {
    applicant: await t.member({ status: 'APPLICANT' as never }),
    member: await t.member(),
    suspended: await t.member({ status: 'SUSPENDED' as never }),
    admin: admin ?? (await t.admin()),
    auditor: await t.member({ roles: ['MEMBER', 'AUDITOR'] as never }),
  };
}

/** The token of each signed-in caller (see signedInCallers). */
export async function callerTokens(t: TestApp, admin?: TestMember): Promise<Partial<Record<Caller, string>>> {
  const callers = await signedInCallers(t, admin);
  return Object.fromEntries(Object.entries(callers).map(([caller, member]) => [caller, member.token]));
}

/**
 * Makes the call and checks the caller got `outcome`: no errors, or that error code with no data (a nullable
 * field null). A refused call must leave `state` (by default the whole database's snapshot) as it was.
 */
export async function expectCall(
  t: TestApp,
  outcome: Expected,
  call: () => Promise<GraphQLResponse>,
  state: () => Promise<unknown> = () => t.snapshot(),
): Promise<void> {
  const before = outcome === 'ok' ? null : await state();
  const response = await call();
  if (outcome === 'ok') {
    expect(response.errors).toBeUndefined();
    return;
  }
  expect(response.errors?.[0].extensions?.code).toBe(outcome);
  // Nothing comes back: no data, or the nullable field is null.
  expect(Object.values(response.data ?? {}).every((value) => value === null)).toBe(true);
  expect(await state()).toEqual(before);
}

/** An operation of a matrix whose calls take the app, the caller's token and what `setup` made. */
export interface Operation<Who extends Allowed = Allowed> {
  name: string;
  /** Who may call it; every other signed-in caller gets FORBIDDEN, anonymous gets UNAUTHENTICATED. */
  allowed: Who;
  /** Prepares what the call acts on, before the snapshot that a refused call must leave unchanged. */
  setup?: (t: TestApp) => Promise<string>;
  call(t: TestApp, token: string | undefined, target: string): Promise<GraphQLResponse>;
}

/**
 * A test for each operation as each caller (`app` gives the started app and the callers' tokens): the caller
 * gets what `allowed` says, and a refused call changes nothing.
 */
export function itCallsAsEveryone(operations: Operation[], app: () => { t: TestApp; tokens: Partial<Record<Caller, string>> }): void {
  it.each(matrix(operations))('%s as %s: %s', async (_name, caller, outcome, operation) => {
    const { t, tokens } = app();
    const target = (await operation.setup?.(t)) ?? '';
    await expectCall(t, outcome, () => operation.call(t, tokens[caller], target));
  });
}
