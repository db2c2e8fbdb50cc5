import { type AllocationPolicy, type PolicyMinimums, type SurplusShare, checkPolicy, SURPLUS_SHARES } from './allocation-policy.js';
import { apportion } from './largest-remainder.js';
import { InvalidAllocationPolicyError, NoSurplusError } from './surplus-errors.js';

/** A surplus split into its four shares, in integer cents; they add up exactly to the surplus. */
export type SurplusSplit = Record<SurplusShare, bigint>;

/**
 * Splits a year's surplus by the policy's four percentages, by largest remainder so the shares add up to the
 * surplus to the cent. A cent that two shares could equally claim goes to the larger percentage, then in the
 * order reserve, education, commons, patronage (so ties favour the indivisible reserve).
 *
 * Throws InvalidAllocationPolicyError (BAD_USER_INPUT) for a policy `validatePolicy` rejects, and
 * NoSurplusError (CONFLICT) when the surplus is zero or a loss.
 */
export function splitSurplus(surplusCents: bigint, policy: AllocationPolicy, minimums?: PolicyMinimums): SurplusSplit {
  const checked = checkPolicy(policy, minimums);
  if (checked.basisPoints === undefined) throw new InvalidAllocationPolicyError(checked.problems);
  if (surplusCents <= 0n) throw new NoSurplusError(surplusCents);
  const basisPoints = checked.basisPoints;
  const shares = apportion(
    surplusCents,
    SURPLUS_SHARES.map((share) => basisPoints[share]),
  );
  return { reserve: shares[0], education: shares[1], commons: shares[2], patronage: shares[3] };
}
