import { Rational } from '@commons/core';
import type { AllocationInput } from './allocation-input.js';
import type { EqualSharesFunding, EqualSharesResult } from './allocation-result.js';
import { type EqualSharesRun, type Fraction, runEqualShares } from './equal-shares-round.js';
import { fillGreedily } from './greedy.js';
import { formatUnits } from './money.js';
import { type PreparedElection, prepareElection } from './prepared-election.js';
import { indexSupporters } from './supporter-index.js';

/**
 * `add1`: API.md's completion (Pabulib rule `equalshares/add1`), which raises the share while the
 * outcome fits. `add1-exhaustive-stop`: the variant in equalshares.net's sample code, which also stops
 * at the first outcome that leaves no supported project fitting (Wieliczka 2023 was not computed so).
 * `none`: the plain method.
 */
export type EqualSharesCompletion = 'add1' | 'add1-exhaustive-stop' | 'none';

export interface EqualSharesOptions {
  readonly completion?: EqualSharesCompletion;
  /**
   * Most runs add1 may make before giving up with a RangeError. Real elections need hundreds, but
   * a project costing far more than its supporters' shares can need up to cost / voters' count raises
   * (one run each), so a service facing untrusted files may want a bound. Unbounded by default.
   */
  readonly maxRuns?: number;
}

/**
 * The Method of Equal Shares (Peters & Skowron) with cost utilities for approval ballots and points
 * as utilities for cumulative ones, computed exactly.
 *
 * With `add1` (the default): after the run with the budget split equally, run again with each voter's
 * share raised to the next whole unit of currency (floor(budget / voters) + 1, + 2, ...) while the
 * outcome still costs at most the budget, and keep the last such outcome; stop early once an outcome
 * funds every supported project, as no raise can add to it. Then fund what still fits greedily.
 */
export function allocateEqualShares(input: AllocationInput, options: EqualSharesOptions = {}): EqualSharesResult {
  const election = indexSupporters(prepareElection(input));
  const completion = options.completion ?? 'add1';
  if (election.voters === 0) return explain(election, emptyRun(election), Rational.ZERO, 0, 0, []);

  let share = Rational.of(election.budget, election.voters);
  let kept = runEqualShares(election, share);
  let raises = 0;
  let runs = 1;
  if (completion !== 'none') {
    const unit = 10n ** BigInt(election.places);
    let whole = (election.budget / BigInt(election.voters) / unit) * unit;
    let raise = 0;
    const stopWhenExhaustive = completion === 'add1-exhaustive-stop';
    const maxRuns = options.maxRuns ?? Infinity;
    while (!(stopWhenExhaustive ? isExhaustive(election, kept) : fundsAllSupported(election, kept))) {
      if (runs >= maxRuns) throw new RangeError(`equal shares needs more than ${maxRuns} runs to complete`);
      whole += unit;
      raise++;
      runs++;
      const next = runEqualShares(election, Rational.of(whole));
      if (next.cost > election.budget) break;
      kept = next;
      share = Rational.of(whole);
      raises = raise;
    }
  }
  const fill = completion !== 'none' ? fillGreedily(election, kept.isFunded, election.budget - kept.cost).funded : [];
  return explain(election, kept, share, raises, runs, fill);
}

/** No unfunded supported project fits in what the outcome leaves. */
function isExhaustive(election: PreparedElection, run: EqualSharesRun): boolean {
  const left = election.budget - run.cost;
  return election.projects.every((project, q) => run.isFunded[q] || project.support === 0 || project.cost > left);
}

function fundsAllSupported(election: PreparedElection, run: EqualSharesRun): boolean {
  return election.projects.every((project, q) => run.isFunded[q] || project.support === 0);
}

function emptyRun(election: PreparedElection): EqualSharesRun {
  return { steps: [], cost: 0n, isFunded: new Uint8Array(election.projects.length), groupBalances: () => [] };
}

function explain(
  election: PreparedElection,
  run: EqualSharesRun,
  share: Rational,
  raises: number,
  runs: number,
  fill: readonly number[],
): EqualSharesResult {
  // The run counts money in units of 10^-places; the result speaks currency.
  const unit = 10n ** BigInt(election.places);
  const currency = (units: Fraction): Rational => Rational.of(units.num, units.den * unit);
  const fundings: EqualSharesFunding[] = run.steps.map((step) => {
    const project = election.projects[step.project];
    return {
      projectId: project.id,
      fundedBy: 'equal-shares',
      cost: project.costText,
      support: project.support,
      totalPaid: currency(step.totalPaid).toFixed(election.places),
      payers: step.payers,
      // With cost utilities rho is money per money, a pure number; with points it is money per point.
      rho: election.kind === 'approval' ? Rational.of(step.rho.num, step.rho.den) : currency(step.rho),
      maxPayment: currency(step.maxPayment),
    };
  });
  for (const q of fill) {
    const project = election.projects[q];
    fundings.push({ projectId: project.id, fundedBy: 'greedy-fill', cost: project.costText, support: project.support });
  }
  const spent = [...run.steps.map((step) => step.project), ...fill].reduce((sum, q) => sum + election.projects[q].cost, 0n);
  return {
    method: 'EQUAL_SHARES',
    funded: fundings.map((funding) => funding.projectId),
    spent: formatUnits(spent, election.places),
    leftover: formatUnits(election.budget - spent, election.places),
    voters: election.voters,
    fundings,
    perVoterBudget: currency(share),
    raises,
    runs,
  };
}
