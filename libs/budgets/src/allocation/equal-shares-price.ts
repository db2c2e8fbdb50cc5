/**
 * Supporters of one project, pooled by balance and utility: `balances[i]` is a numerator over the
 * run's common denominator, held by `voters[i]` voters who each get `utilities[i]` from the project.
 */
export interface SupporterPool {
  readonly balances: readonly bigint[];
  readonly utilities: readonly number[];
  readonly voters: readonly number[];
}

/**
 * The price per unit of utility at which a project's supporters can pay `need` (its cost over the
 * common denominator): `remaining / utility` over that denominator. Voters whose balance is below
 * their price pay all they have; the others pay the price times their utility.
 */
export interface SupporterPrice {
  readonly remaining: bigint;
  readonly utility: bigint;
}

/** Solves sum(min(balance, price * utility)) = need exactly; null when the supporters cannot afford it. */
export function priceFor(need: bigint, pool: SupporterPool): SupporterPrice | null {
  const { balances, utilities, voters } = pool;
  const size = balances.length;
  let utility = 0;
  for (let i = 0; i < size; i++) utility += utilities[i] * voters[i];
  if (utility === 0) return null;

  // Cap, in passes, every voter whose balance is below their price: capping one only raises the
  // price of the others, so whoever is below it now is below it in the end. Usually one pass. If
  // everyone ends up capped, their money together is short of the cost: the project is unaffordable.
  let remaining = need;
  let left = BigInt(utility);
  const capped = new Uint8Array(size);
  const below = new Map<number, bigint>();
  for (;;) {
    // balance * left < remaining * u  <=>  balance < ceil(remaining * u / left): one division per utility.
    below.clear();
    let cappedMoney = 0n;
    let cappedUtility = 0;
    for (let i = 0; i < size; i++) {
      if (capped[i]) continue;
      const u = utilities[i];
      let threshold = below.get(u);
      if (threshold === undefined) below.set(u, (threshold = ceilDiv(remaining * BigInt(u), left)));
      if (balances[i] >= threshold) continue;
      capped[i] = 1;
      cappedMoney += balances[i] * BigInt(voters[i]);
      cappedUtility += u * voters[i];
    }
    if (cappedUtility === 0) return { remaining, utility: left };
    remaining -= cappedMoney;
    left -= BigInt(cappedUtility);
    if (left === 0n) return null;
  }
}

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return q * b === a ? q : q + 1n;
}
