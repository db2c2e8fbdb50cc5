import type { SupporterPool } from './equal-shares-price.js';

/** Payments of one charge: `voters[i]` voters each paid `payments[i]` (over the common denominator). */
export interface WalletMoves {
  readonly payments: bigint[];
  readonly voters: number[];
}

/**
 * Voters' remaining money during one run of equal shares. Ballot groups with the same history
 * share a wallet class; balances are BigInt numerators over one common denominator. When the
 * denominator grows, a class is rescaled only when next read (most are never read again).
 */
export class WalletClasses {
  /** Current common denominator. */
  denominator: bigint;
  /** Class of each ballot group; class 0 is the empty wallet. */
  readonly groupClass: Int32Array;
  private numerators: bigint[];
  private epochs: number[];
  /** growth[e]: what a numerator of epoch e must be multiplied by to reach the current denominator. */
  private readonly growth: bigint[] = [1n];
  private liveAtCompaction = 2;
  private slotStamp = new Int32Array(0);
  private slotOf = new Int32Array(0);
  private stamp = 0;

  constructor(shareNumerator: bigint, shareDenominator: bigint, groups: number) {
    this.denominator = shareDenominator;
    this.numerators = [0n, shareNumerator];
    this.epochs = [0, 0];
    this.groupClass = new Int32Array(groups).fill(1);
  }

  /** Balance of class k over the current denominator. */
  balance(k: number): bigint {
    const epoch = this.epochs[k];
    const current = this.growth.length - 1;
    if (epoch !== current) {
      this.numerators[k] *= this.growth[epoch];
      this.epochs[k] = current;
    }
    return this.numerators[k];
  }

  /** A new class holding `numerator` over the current denominator. */
  add(numerator: bigint): number {
    this.epochs.push(this.growth.length - 1);
    return this.numerators.push(numerator) - 1;
  }

  /** Multiplies the common denominator by `factor`. */
  grow(factor: bigint): void {
    if (factor === 1n) return;
    for (let e = 0; e < this.growth.length; e++) this.growth[e] *= factor;
    this.growth.push(1n);
    this.denominator *= factor;
  }

  /** Supporters with money left, pooled by class and points (`levels`: points as compact keys below `stride`). */
  pool(groups: Int32Array, utilities: Int32Array, levels: Int32Array, groupVoters: readonly number[], stride: number): SupporterPool {
    const stamp = this.nextStamp(stride);
    const pool = { balances: [] as bigint[], utilities: [] as number[], voters: [] as number[] };
    for (let i = 0; i < groups.length; i++) {
      const k = this.groupClass[groups[i]];
      if (k === 0) continue;
      const key = k * stride + levels[i];
      if (this.slotStamp[key] !== stamp) {
        this.slotStamp[key] = stamp;
        this.slotOf[key] = pool.balances.push(this.balance(k)) - 1;
        pool.utilities.push(utilities[i]);
        pool.voters.push(0);
      }
      pool.voters[this.slotOf[key]] += groupVoters[groups[i]];
    }
    return pool;
  }

  /**
   * Charges supporters `unitPrice` per point of utility, or all they have if less: each (class,
   * points) pair moves to a new class. Returns what every such move takes from each of its voters.
   */
  charge(
    groups: Int32Array,
    utilities: Int32Array,
    levels: Int32Array,
    groupVoters: readonly number[],
    stride: number,
    unitPrice: bigint,
  ): WalletMoves {
    const stamp = this.nextStamp(stride);
    const moves: WalletMoves = { payments: [], voters: [] };
    const targets: number[] = [];
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i];
      const k = this.groupClass[g];
      if (k === 0) continue;
      const key = k * stride + levels[i];
      if (this.slotStamp[key] !== stamp) {
        this.slotStamp[key] = stamp;
        const balance = this.balance(k);
        const due = unitPrice * BigInt(utilities[i]);
        const paid = balance <= due;
        this.slotOf[key] = moves.payments.push(paid ? balance : due) - 1;
        targets.push(paid ? 0 : this.add(balance - due));
        moves.voters.push(0);
      }
      const move = this.slotOf[key];
      moves.voters[move] += groupVoters[g];
      this.groupClass[g] = targets[move];
    }
    return moves;
  }

  private nextStamp(stride: number): number {
    const keys = this.numerators.length * stride;
    if (this.slotStamp.length < keys) {
      this.slotStamp = new Int32Array(keys * 2);
      this.slotOf = new Int32Array(keys * 2);
      this.stamp = 0;
    }
    return ++this.stamp;
  }

  /** Drops classes no group holds any more, once they outnumber the live ones. */
  compactIfSparse(): void {
    if (this.numerators.length <= 2 * this.liveAtCompaction + 64) return;
    const renumber = new Int32Array(this.numerators.length).fill(-1);
    renumber[0] = 0;
    const numerators: bigint[] = [0n];
    for (let g = 0; g < this.groupClass.length; g++) {
      const k = this.groupClass[g];
      if (renumber[k] < 0) renumber[k] = numerators.push(this.balance(k)) - 1;
      this.groupClass[g] = renumber[k];
    }
    this.numerators = numerators;
    this.epochs = numerators.map(() => this.growth.length - 1);
    this.liveAtCompaction = numerators.length;
  }
}
