import { TestApp, type TestMember } from '@commons/testing';

export const CLASS_FIELDS = 'id code name nominalValue minPerMember maxPerMember votingRights redeemable stakeholderClasses';
export const OPERATION_FIELDS =
  'id number kind status quantity amount requestedAt decidedAt settledAt reason member { id } counterpart { id } shareClass { code }';

export const CREATE_CLASS = `mutation($input: ShareClassInput!) { createShareClass(input: $input) { ${CLASS_FIELDS} } }`;
export const REQUEST_SHARES = `mutation($classId: ID!, $quantity: Int!) { requestShares(shareClassId: $classId, quantity: $quantity) { ${OPERATION_FIELDS} } }`;
export const REQUEST_TRANSFER = `mutation($to: ID!, $classId: ID!, $quantity: Int!) {
  requestShareTransfer(toMemberId: $to, shareClassId: $classId, quantity: $quantity) { ${OPERATION_FIELDS} } }`;
export const REQUEST_REDEMPTION = `mutation($classId: ID!, $quantity: Int!) { requestRedemption(shareClassId: $classId, quantity: $quantity) { ${OPERATION_FIELDS} } }`;
export const DECIDE = `mutation($id: ID!, $approve: Boolean!, $reason: String) {
  decideShareOperation(id: $id, approve: $approve, reason: $reason) { ${OPERATION_FIELDS} } }`;
export const SETTLE = `mutation($id: ID!, $on: DateTime!) { settleShareOperation(id: $id, settledOn: $on) { ${OPERATION_FIELDS} } }`;
export const CANCEL = `mutation($id: ID!) { cancelShareOperation(id: $id) { ${OPERATION_FIELDS} } }`;
export const REGISTER = `query($memberId: ID, $status: ShareOperationStatus, $first: Int, $after: String) {
  shareRegister(memberId: $memberId, status: $status, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${OPERATION_FIELDS} } } } }`;
export const HOLDINGS = `query($id: ID!) { member(id: $id) { id shareCapital holdings { shareClass { code } quantity amount } } }`;
export const TRIAL_BALANCE = `query($periodId: ID!, $rollUpMembers: Boolean) {
  trialBalance(periodId: $periodId, rollUpMembers: $rollUpMembers) { account debit credit } }`;
export const OPEN_PERIOD = `mutation($name: String!, $startsOn: DateTime!, $endsOn: DateTime!) {
  openFiscalPeriod(name: $name, startsOn: $startsOn, endsOn: $endsOn) { id } }`;

/**
 * Gives the enclosing describe its own test app (`env` as TestApp.start takes it) with the bylaws founded with
 * `bylaws`: started before its tests, handed to `use` (the spec keeps its app and admin), stopped after them.
 */
export function withSharesApp(
  bylaws: Record<string, unknown>,
  use: (app: { t: TestApp; admin: TestMember }) => void,
  env: Record<string, string> = {},
): void {
  let started: TestApp | undefined;
  beforeAll(async () => {
    started = await TestApp.start(env);
    const admin = await started.admin();
    await started.foundBylaws(bylaws);
    use({ t: started, admin });
  });
  afterAll(async () => {
    await started?.stop();
  });
}

/** An operation as the helpers return it. */
export interface OperationResult {
  id: string;
  number: number | null;
  status: string;
  reason: string | null;
  [field: string]: unknown;
}

let classCounter = 0;

/** A share class with a fresh code; `input` overrides the defaults (25.00 each, no limits, votes, not redeemable). */
export async function shareClass(
  t: TestApp,
  admin: TestMember,
  input: Record<string, unknown> = {},
): Promise<{ id: string; code: string }> {
  classCounter += 1;
  const code = `C${classCounter}${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
  const { createShareClass } = await t.ok(
    CREATE_CLASS,
    { input: { code, name: `Class ${code}`, nominalValue: '25.00', ...input } },
    admin.token,
  );
  return createShareClass;
}

/** A settled subscription: requested by the member, approved and settled by the admin; returns the operation. */
export async function subscribed(
  t: TestApp,
  admin: TestMember,
  member: TestMember,
  classId: string,
  quantity: number,
  settledOn = new Date().toISOString(),
): Promise<OperationResult> {
  const { requestShares } = await t.ok(REQUEST_SHARES, { classId, quantity }, member.token);
  await t.ok(DECIDE, { id: requestShares.id, approve: true }, admin.token);
  return (await t.ok(SETTLE, { id: requestShares.id, on: settledOn }, admin.token)).settleShareOperation;
}

/** An admin's approval; a redemption past the cap comes back QUEUED. */
export async function approved(t: TestApp, admin: TestMember, id: string): Promise<OperationResult> {
  return (await t.ok(DECIDE, { id, approve: true }, admin.token)).decideShareOperation;
}

/** The error code (and field) of a call that must fail. */
export async function refusal(
  t: TestApp,
  query: string,
  variables: Record<string, unknown>,
  token: string,
): Promise<{ code: unknown; field?: unknown; message: string }> {
  const response = await t.gql(query, variables, token);
  const error = response.errors?.[0];
  if (!error) throw new Error(`Expected a refusal, got ${JSON.stringify(response.data)}`);
  return { code: error.extensions?.code, ...(error.extensions?.field ? { field: error.extensions.field } : {}), message: error.message };
}

let year = 2000;

/** An OPEN fiscal period of a past calendar year no other period of the spec uses. */
export async function pastPeriod(t: TestApp, admin: TestMember): Promise<{ id: string; inside: string }> {
  year += 1;
  const { openFiscalPeriod } = await t.ok(
    OPEN_PERIOD,
    { name: `FY${year}`, startsOn: `${year}-01-01T00:00:00.000Z`, endsOn: `${year + 1}-01-01T00:00:00.000Z` },
    admin.token,
  );
  return { id: openFiscalPeriod.id, inside: `${year}-06-30T00:00:00.000Z` };
}
