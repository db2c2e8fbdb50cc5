import { HUNDRED_PERCENT_BASIS_POINTS, parsePercentBasisPoints } from './money.js';

/** How the members split a year's surplus, in percentages written as decimal strings ("30", "12.5"). */
export interface AllocationPolicy {
  /** Indivisible reserve: never paid out to members, not even on dissolution. */
  reserve: string;
  /** Education and training fund. */
  education: string;
  /** Reinvested in the commons, e.g. funding a participatory budget. */
  commons: string;
  /** Refunded to members in proportion to their patronage. */
  patronage: string;
  /** Share of each member's refund paid in cash; the rest is retained in their capital account. */
  patronageCash: string;
}

export type PolicyField = keyof AllocationPolicy;

/** Lower bounds a co-op's statutes or law impose, as percentages ("20"). */
export type PolicyMinimums = Partial<Record<PolicyField, string>>;

/** Which rule a policy breaks: not a number, finer than 0.01, outside 0..100, below a minimum, or not adding up to 100. */
export type PolicyRule = 'decimal' | 'decimals' | 'range' | 'minimum' | 'total';

/** One thing wrong with a policy, in words an admin can act on. `total` is the sum of the four shares. */
export interface PolicyProblem {
  field: PolicyField | 'total';
  rule: PolicyRule;
  message: string;
}

/** A valid policy in basis points (hundredths of a percent), so sums are exact integers. */
export type PolicyBasisPoints = Record<PolicyField, bigint>;

/** Spain, Law 27/1999 art. 58.1: at least 20% to the compulsory reserve fund and 5% to the education fund. */
export const SPANISH_LAW_27_1999_MINIMUMS: Readonly<PolicyMinimums> = Object.freeze({ reserve: '20', education: '5' });

/** US Subchapter T (IRC §1388(c)): a qualified written notice of allocation needs at least 20% of the refund in cash. */
export const SUBCHAPTER_T_MINIMUMS: Readonly<PolicyMinimums> = Object.freeze({ patronageCash: '20' });

/** The four shares of the surplus, in the order they are split (and the order that wins a tied cent). */
export const SURPLUS_SHARES = ['reserve', 'education', 'commons', 'patronage'] as const;

export type SurplusShare = (typeof SURPLUS_SHARES)[number];

const POLICY_FIELDS: readonly PolicyField[] = [...SURPLUS_SHARES, 'patronageCash'];

/**
 * Checks a policy: every field a percentage from 0 to 100 with at most 2 decimals, reserve + education +
 * commons + patronage exactly 100, and each field at or above the co-op's `minimums` if given.
 * Returns every problem found (empty when the policy is valid); the API reports them as BAD_USER_INPUT.
 * Throws a RangeError if a minimum itself is not a percentage (a configuration error, not the user's).
 */
export function validatePolicy(policy: AllocationPolicy, minimums: PolicyMinimums = {}): PolicyProblem[] {
  return checkPolicy(policy, minimums).problems;
}

/** The policy in basis points, or the problems that make it invalid. */
export function checkPolicy(
  policy: AllocationPolicy,
  minimums: PolicyMinimums = {},
): { basisPoints: PolicyBasisPoints; problems: [] } | { basisPoints: undefined; problems: PolicyProblem[] } {
  const problems: PolicyProblem[] = [];
  const parsed: Partial<PolicyBasisPoints> = {};
  for (const field of POLICY_FIELDS) {
    const value = checkPolicyPercent(field, policy[field], problems);
    if (value === undefined) continue;
    parsed[field] = value;
    const minimum = minimumBasisPoints(field, minimums[field]);
    if (minimum !== undefined && value < minimum) {
      problems.push({
        field,
        rule: 'minimum',
        message: `${field} must be at least ${formatBasisPoints(minimum)}% (this co-op's minimum); it is ${formatBasisPoints(value)}%.`,
      });
    }
  }
  if (SURPLUS_SHARES.every((field) => parsed[field] !== undefined)) {
    const total = SURPLUS_SHARES.reduce((sum, field) => sum + (parsed[field] ?? 0n), 0n);
    if (total !== HUNDRED_PERCENT_BASIS_POINTS) {
      problems.push({
        field: 'total',
        rule: 'total',
        message: `reserve, education, commons and patronage must add up to exactly 100%; they add up to ${formatBasisPoints(total)}%.`,
      });
    }
  }
  if (problems.length > 0) return { basisPoints: undefined, problems };
  return { basisPoints: parsed as PolicyBasisPoints, problems: [] };
}

/** Parses one policy percentage (0..100, at most 2 decimals), adding to `problems` why it is unusable if it is. */
export function checkPolicyPercent(field: PolicyField, text: unknown, problems: PolicyProblem[]): bigint | undefined {
  if (typeof text !== 'string' || !/^-?\d+(\.\d+)?$/.test(text)) {
    const shown = typeof text === 'string' ? `"${text}"` : 'nothing';
    problems.push({
      field,
      rule: 'decimal',
      message: `${field} must be a percentage written as a number such as "30" or "12.5"; got ${shown}.`,
    });
    return undefined;
  }
  if (text.startsWith('-')) {
    problems.push({ field, rule: 'range', message: `${field} must be between 0 and 100; got ${text}.` });
    return undefined;
  }
  const value = parsePercentBasisPoints(text);
  if (value === undefined) {
    problems.push({ field, rule: 'decimals', message: `${field} may have at most 2 decimals; got ${text}.` });
    return undefined;
  }
  if (value > HUNDRED_PERCENT_BASIS_POINTS) {
    problems.push({ field, rule: 'range', message: `${field} must be between 0 and 100; got ${text}.` });
    return undefined;
  }
  return value;
}

function minimumBasisPoints(field: PolicyField, text: string | undefined): bigint | undefined {
  if (text === undefined) return undefined;
  const value = parsePercentBasisPoints(text);
  if (value === undefined || value > HUNDRED_PERCENT_BASIS_POINTS) {
    throw new RangeError(`The configured minimum for ${field} is not a percentage from 0 to 100 with at most 2 decimals: "${text}"`);
  }
  return value;
}

/** 9999n → "99.99", 3000n → "30", 1250n → "12.5". */
export function formatBasisPoints(basisPoints: bigint): string {
  const whole = basisPoints / 100n;
  const fraction = (basisPoints % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}
