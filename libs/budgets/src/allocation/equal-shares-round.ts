import { Rational } from '@commons/core';
import { priceFor, type SupporterPool, type SupporterPrice } from './equal-shares-price.js';
import { gcd } from './money.js';
import type { IndexedElection } from './supporter-index.js';
import { ProjectHeap } from './project-heap.js';
import { WalletClasses } from './wallet-classes.js';

/** An exact fraction left unreduced: reducing 400-bit fractions on every purchase of every run costs more than the run. */
export interface Fraction {
  readonly num: bigint;
  readonly den: bigint;
}

/** One project bought by the Method of Equal Shares. */
export interface EqualSharesStep {
  readonly project: number;
  readonly rho: Fraction;
  readonly payers: number;
  readonly totalPaid: Fraction;
  readonly maxPayment: Fraction;
}

/** The outcome of one run of the Method of Equal Shares with a fixed initial share per voter. */
export interface EqualSharesRun {
  readonly steps: readonly EqualSharesStep[];
  /** Total cost of the funded projects, in units. */
  readonly cost: bigint;
  readonly isFunded: Uint8Array;
  /** What each voter of each ballot group has left. */
  readonly groupBalances: () => Rational[];
}

/**
 * Runs the Method of Equal Shares once, each voter starting with `share` units of money, exactly.
 * The project asking the least per unit of utility (rho) is bought first; prices only rise as
 * wallets empty, so a stale price is a lower bound and only the heap's top is ever refreshed.
 */
export function runEqualShares(election: IndexedElection, share: Rational): EqualSharesRun {
  return new EqualSharesRound(election, share).run();
}

class EqualSharesRound {
  private readonly wallets: WalletClasses;
  private readonly stride: number;
  private readonly dirty: Uint8Array;
  private readonly prices: (SupporterPrice | null)[];
  /** The common denominator each price was computed over (it grows as projects are bought). */
  private readonly priceDenominators: bigint[];
  private readonly rhoNum: bigint[];
  private readonly rhoDen: bigint[];
  private readonly steps: EqualSharesStep[] = [];

  constructor(
    private readonly election: IndexedElection,
    share: Rational,
  ) {
    const count = election.projects.length;
    this.wallets = new WalletClasses(share.num, share.den, election.groupVoters.length);
    this.stride = election.levelCount;
    this.dirty = new Uint8Array(count);
    this.prices = new Array<SupporterPrice | null>(count).fill(null);
    this.priceDenominators = new Array<bigint>(count).fill(1n);
    this.rhoNum = new Array<bigint>(count).fill(0n);
    this.rhoDen = new Array<bigint>(count).fill(1n);
  }

  run(): EqualSharesRun {
    const { election } = this;
    const heap = new ProjectHeap((a, b) => this.before(a, b));
    const share = this.wallets.balance(1);
    election.projects.forEach((project, q) => {
      if (project.support === 0) return;
      // Everyone holds the same share at first: pool by points alone, without visiting voters.
      const levels = election.supportLevels[q];
      if (this.setPrice(q, { balances: levels.utilities.map(() => share), ...levels })) heap.push(q);
    });

    const isFunded = new Uint8Array(election.projects.length);
    let cost = 0n;
    while (heap.size > 0) {
      const q = heap.peek();
      if (this.dirty[q]) {
        const pool = this.wallets.pool(
          election.supporters[q],
          election.supporterUtilities[q],
          election.supporterLevels[q],
          election.groupVoters,
          this.stride,
        );
        if (this.setPrice(q, pool)) heap.topChanged();
        else heap.pop();
        continue;
      }
      heap.pop();
      this.buy(q);
      isFunded[q] = 1;
      cost += election.projects[q].cost;
    }
    const { wallets } = this;
    return {
      steps: this.steps,
      cost,
      isFunded,
      groupBalances: () => Array.from(wallets.groupClass, (k) => Rational.of(wallets.balance(k), wallets.denominator)),
    };
  }

  /** Lower rho first; equal rho goes to the better tie rank (cheaper, more support, lower id). */
  private before(a: number, b: number): boolean {
    const left = this.rhoNum[a] * this.rhoDen[b];
    const right = this.rhoNum[b] * this.rhoDen[a];
    return left !== right ? left < right : this.election.tieRank[a] < this.election.tieRank[b];
  }

  private setPrice(q: number, pool: SupporterPool): SupporterPrice | null {
    const cost = this.election.projects[q].cost;
    const denominator = this.wallets.denominator;
    const price = priceFor(cost * denominator, pool);
    this.dirty[q] = 0;
    this.prices[q] = price;
    this.priceDenominators[q] = denominator;
    if (!price) return null;
    // rho = remaining / (denominator * utility) per unit of utility; cost utilities divide by the cost.
    const perUtility = this.election.kind === 'approval' ? cost : 1n;
    this.rhoNum[q] = cost === 0n ? 0n : price.remaining;
    this.rhoDen[q] = cost === 0n ? 1n : denominator * price.utility * perUtility;
    return price;
  }

  /** Charges the supporters of q at its current price and records the purchase. */
  private buy(q: number): void {
    const { election, wallets } = this;
    const cost = election.projects[q].cost;
    const rho = { num: this.rhoNum[q], den: this.rhoDen[q] };
    if (cost === 0n) {
      const zero = { num: 0n, den: 1n };
      this.steps.push({ project: q, rho, payers: 0, totalPaid: zero, maxPayment: zero });
      return;
    }
    // The price per unit of utility in lowest terms, then a common denominator that holds it.
    const price = this.prices[q] as SupporterPrice;
    const fullDen = this.priceDenominators[q] * price.utility;
    const common = gcd(price.remaining, fullDen);
    const priceDen = fullDen / common;
    wallets.grow(priceDen / gcd(wallets.denominator, priceDen));
    const unitPrice = (price.remaining / common) * (wallets.denominator / priceDen);

    const moves = wallets.charge(
      election.supporters[q],
      election.supporterUtilities[q],
      election.supporterLevels[q],
      election.groupVoters,
      this.stride,
      unitPrice,
    );
    // Everyone who shares a ballot with q's supporters may now face a higher price.
    for (const p of election.neighbours[q]) this.dirty[p] = 1;
    let payers = 0;
    let paid = 0n;
    let maxPayment = 0n;
    moves.payments.forEach((payment, i) => {
      payers += moves.voters[i];
      paid += payment * BigInt(moves.voters[i]);
      if (payment > maxPayment) maxPayment = payment;
    });
    if (paid !== cost * wallets.denominator) throw new Error(`equal shares collected ${paid}/${wallets.denominator} for a cost of ${cost}`);
    wallets.compactIfSparse();
    const denominator = wallets.denominator;
    this.steps.push({
      project: q,
      rho,
      payers,
      totalPaid: { num: paid, den: denominator },
      maxPayment: { num: maxPayment, den: denominator },
    });
  }
}
