import { BadUserInputError } from '@commons/core';
import { formatCents, parseCents } from '@commons/surplus';

/** The largest amount the books hold (numeric(14,2)), in cents. */
export const MAX_CENTS = 99_999_999_999_999n;
/** Most shares one operation moves; a class's minimum and maximum stay within it too. */
export const MAX_QUANTITY = 1_000_000;

const CODE_PATTERN = /^[A-Z][A-Z0-9_]{0,19}$/;

export interface ShareClassRules {
  code: string;
  name: string;
  nominalValue: string;
  minPerMember: number;
  maxPerMember: number | null;
  votingRights: boolean;
  redeemable: boolean;
  stakeholderClasses: string[];
}

export interface ShareClassInputLike {
  code: string;
  name: string;
  nominalValue: string;
  minPerMember?: number | null;
  maxPerMember?: number | null;
  votingRights?: boolean | null;
  redeemable?: boolean | null;
  stakeholderClasses?: string[] | null;
}

/** An amount from the API ("25.00") as cents, or BAD_USER_INPUT naming `field`: positive, at most 2 decimals. */
export function positiveCents(amount: string, field: string): bigint {
  let cents: bigint;
  try {
    cents = parseCents(amount.trim());
  } catch {
    throw new BadUserInputError(`${field} must be an amount with at most 2 decimals, e.g. "25.00"; got "${amount}".`, field);
  }
  if (cents <= 0n) throw new BadUserInputError(`${field} must be more than 0.`, field);
  if (cents > MAX_CENTS) throw new BadUserInputError(`${field} must be at most ${formatCents(MAX_CENTS)}.`, field);
  return cents;
}

function count(value: number, field: string, least: number): number {
  if (!Number.isInteger(value) || value < least || value > MAX_QUANTITY)
    throw new BadUserInputError(`${field} must be a whole number from ${least} to ${MAX_QUANTITY}; got ${value}.`, field);
  return value;
}

/** A class as given by an admin, checked and in stored form; `input.` prefixes the field named in errors. */
export function validateShareClass(input: ShareClassInputLike): ShareClassRules {
  const code = input.code.trim().toUpperCase();
  if (!CODE_PATTERN.test(code))
    throw new BadUserInputError('code must be 1 to 20 letters, digits or underscores, starting with a letter.', 'input.code');
  const name = input.name.trim();
  if (name.length === 0 || name.length > 200) throw new BadUserInputError('name must be 1 to 200 characters.', 'input.name');
  const nominal = positiveCents(input.nominalValue, 'input.nominalValue');
  const minPerMember = count(input.minPerMember ?? 0, 'input.minPerMember', 0);
  const maxPerMember =
    input.maxPerMember === null || input.maxPerMember === undefined ? null : count(input.maxPerMember, 'input.maxPerMember', 1);
  if (maxPerMember !== null && maxPerMember < minPerMember)
    throw new BadUserInputError(`maxPerMember (${maxPerMember}) is below minPerMember (${minPerMember}).`, 'input.maxPerMember');
  if (BigInt(maxPerMember ?? MAX_QUANTITY) * nominal > MAX_CENTS)
    throw new BadUserInputError(
      'A holding of this class could exceed what the books hold; lower the nominal value or the maximum.',
      'input.nominalValue',
    );
  const stakeholderClasses = [...new Set((input.stakeholderClasses ?? []).map((code) => code.trim().toUpperCase()))].sort();
  return {
    code,
    name,
    nominalValue: formatCents(nominal),
    minPerMember,
    maxPerMember,
    votingRights: input.votingRights ?? true,
    redeemable: input.redeemable ?? false,
    stakeholderClasses,
  };
}

/** A quantity of shares asked for: 1 to MAX_QUANTITY. */
export function validateQuantity(quantity: number): number {
  return count(quantity, 'quantity', 1);
}

/** Whether a member of `stakeholderClass` may hold shares of the class (an empty list lets anyone). */
export function mayHold(shareClass: Pick<ShareClassRules, 'stakeholderClasses'>, stakeholderClass: string): boolean {
  return shareClass.stakeholderClasses.length === 0 || shareClass.stakeholderClasses.includes(stakeholderClass);
}

/** quantity × nominal value, as a Decimal string. */
export function amountOf(quantity: number, nominalValue: string): string {
  return formatCents(BigInt(quantity) * parseCents(nominalValue));
}

/**
 * The most that may be redeemed in a fiscal year: `percent` of `basisCents` (the paid-in capital before
 * that year's redemptions), rounded down to the cent so the cap is never exceeded.
 */
export function redemptionCapCents(basisCents: bigint, percent: string): bigint {
  const basisPoints = parseCents(percent);
  return (basisCents * basisPoints) / 10_000n;
}

/**
 * Which queued redemptions the cap lets through now, in request order: each is taken while it fits, and the
 * first that does not fit stops the queue (nobody overtakes an earlier request).
 */
export function releasable(queue: ReadonlyArray<{ id: string; amountCents: bigint }>, usedCents: bigint, capCents: bigint): string[] {
  const released: string[] = [];
  let used = usedCents;
  for (const redemption of queue) {
    if (used + redemption.amountCents > capCents) break;
    used += redemption.amountCents;
    released.push(redemption.id);
  }
  return released;
}
