import { Rational } from '@commons/core';

/** One closed proposal, as the health measures read it. */
export interface DecisionRecord {
  proposalId: string;
  title: string;
  closedAt: Date;
  /** Members on the roll when it opened. */
  eligible: number;
  /** Votes each member who cast a ballot carried: 1 for themself, plus proxies held and delegations that reached them. */
  carried: Map<string, number>;
  /** Members counted whose vote someone else carried (delegators); proxy grantors are not named on the roll. */
  represented: string[];
}

/** The last posted surplus split, exact decimal strings. */
export interface PostedSplit {
  surplus: string;
  reserve: string;
  education: string;
  commons: string;
}

export interface HealthInput {
  from: Date;
  to: Date;
  /** Ids of the members ACTIVE at `to`. */
  active: ReadonlySet<string>;
  decisions: DecisionRecord[];
  split: PostedSplit | null;
}

export interface DecisionMeasure {
  proposalId: string;
  title: string;
  closedAt: Date;
  participation: number;
  largestVoterShare: number;
  votingWeightGini: number;
}

export interface GovernanceHealth {
  from: Date;
  to: Date;
  members: number;
  decisions: number;
  participation: number;
  reach: number;
  largestVoterShare: number;
  votingWeightGini: number;
  keptInCommon: number | null;
  alerts: string[];
  /** The same alerts as data, for a page to word in its own language. */
  alertDetails: HealthAlert[];
}

export enum HealthAlertKind {
  /** One member carried a large share of one decision's votes. */
  LARGEST_VOTER = 'LARGEST_VOTER',
  /** The mean Gini coefficient of voting weight is high. */
  CONCENTRATED_WEIGHT = 'CONCENTRATED_WEIGHT',
  /** Few of the active members took part at all. */
  LOW_REACH = 'LOW_REACH',
}

export interface HealthAlert {
  kind: HealthAlertKind;
  /** LARGEST_VOTER: that member's share; CONCENTRATED_WEIGHT: the mean Gini; LOW_REACH: the reach. */
  value: number;
  /** The decisions in the window. */
  decisions: number;
  /** LARGEST_VOTER only: the decision. */
  proposalId: string | null;
  title: string | null;
}

/** A single voter carrying at least this share of a decision's votes, for others as well as themself, raises an alert. */
export const LARGEST_SHARE_ALERT = Rational.of(1, 4);
/** At most this many LARGEST_VOTER alerts, the most recent: a list of every decision would drown the rest. */
export const MAX_LARGEST_VOTER_ALERTS = 20;
/** The mean Gini coefficient of voting weight at or above which an alert is raised. */
export const GINI_ALERT = Rational.of(1, 2);
/** Reach below this share of the active members raises an alert. */
export const REACH_ALERT = Rational.of(1, 2);

/**
 * The Gini coefficient of `weights`, exactly: the mean absolute difference between every two of them over
 * twice their mean. 0 when everyone weighs the same (or nobody weighs anything).
 */
export function gini(weights: readonly number[]): Rational {
  const n = weights.length;
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (n === 0 || total === 0) return Rational.ZERO;
  const sorted = [...weights].sort((a, b) => a - b);
  // sum over i<j of (x_j - x_i) = sum_k x_k * (2k - n + 1) for 0-based k on the sorted list
  let pairs = 0n;
  sorted.forEach((weight, k) => (pairs += BigInt(weight) * BigInt(2 * k - n + 1)));
  // G = sum_i sum_j |x_i - x_j| / (2 n^2 mean) = 2 * pairs / (2 n * total)
  return Rational.of(pairs, BigInt(n) * BigInt(total));
}

function percent(share: Rational): string {
  return `${share.mul(Rational.of(100)).add(Rational.of(1, 2)).floor()}%`;
}

function measure(decision: DecisionRecord): {
  participants: number;
  participation: Rational;
  largest: Rational;
  largestCarried: number;
  gini: Rational;
} {
  const carried = [...decision.carried.values()];
  const participants = carried.reduce((sum, votes) => sum + votes, 0);
  const largestCarried = carried.reduce((max, votes) => Math.max(max, votes), 0);
  // Everyone counted is in the population: the voters with what they carried, the represented with nothing.
  const population = [...carried, ...new Array<number>(Math.max(0, participants - carried.length)).fill(0)];
  return {
    participants,
    participation: decision.eligible > 0 ? Rational.of(Math.min(participants, decision.eligible), decision.eligible) : Rational.ZERO,
    largest: participants > 0 ? Rational.of(largestCarried, participants) : Rational.ZERO,
    largestCarried,
    gini: gini(population),
  };
}

/** Per decision, in the order closed: the points of the health series. */
export function decisionMeasures(decisions: readonly DecisionRecord[]): DecisionMeasure[] {
  return [...decisions]
    .sort((a, b) => a.closedAt.getTime() - b.closedAt.getTime())
    .map((decision) => {
      const m = measure(decision);
      return {
        proposalId: decision.proposalId,
        title: decision.title,
        closedAt: decision.closedAt,
        participation: m.participation.toNumber(),
        largestVoterShare: m.largest.toNumber(),
        votingWeightGini: m.gini.toNumber(),
      };
    });
}

/**
 * The governance health of a window, from its closed decisions: exact fractions throughout, turned into
 * floats only at the end. Means are over the decisions; the largest share is the window's largest.
 */
export function governanceHealth(input: HealthInput): GovernanceHealth {
  const alerts: string[] = [];
  const alertDetails: HealthAlert[] = [];
  let participation = Rational.ZERO;
  let giniSum = Rational.ZERO;
  let largest = Rational.ZERO;
  const tookPart = new Set<string>();
  const ordered = [...input.decisions].sort((a, b) => a.closedAt.getTime() - b.closedAt.getTime());
  for (const decision of ordered) {
    const m = measure(decision);
    participation = participation.add(m.participation);
    giniSum = giniSum.add(m.gini);
    largest = largest.max(m.largest);
    for (const id of decision.carried.keys()) tookPart.add(id);
    for (const id of decision.represented) tookPart.add(id);
    if (m.largestCarried > 1 && m.largest.gte(LARGEST_SHARE_ALERT)) {
      alerts.push(`One member cast ${percent(m.largest)} of the votes on '${decision.title}'.`);
      alertDetails.push({
        kind: HealthAlertKind.LARGEST_VOTER,
        value: m.largest.toNumber(),
        decisions: 1,
        proposalId: decision.proposalId,
        title: decision.title,
      });
    }
  }
  if (alertDetails.length > MAX_LARGEST_VOTER_ALERTS) {
    alerts.splice(0, alertDetails.length - MAX_LARGEST_VOTER_ALERTS);
    alertDetails.splice(0, alertDetails.length - MAX_LARGEST_VOTER_ALERTS);
  }
  const count = ordered.length;
  const meanGini = count > 0 ? giniSum.div(Rational.of(count)) : Rational.ZERO;
  const reached = [...tookPart].filter((id) => input.active.has(id)).length;
  const reach = input.active.size > 0 ? Rational.of(reached, input.active.size) : Rational.ZERO;
  if (count > 0 && meanGini.gte(GINI_ALERT)) {
    alerts.push(
      `Voting weight is concentrated: the Gini coefficient averages ${meanGini.toFixed(2)} over ${count} ${count === 1 ? 'decision' : 'decisions'}.`,
    );
    alertDetails.push({
      kind: HealthAlertKind.CONCENTRATED_WEIGHT,
      value: meanGini.toNumber(),
      decisions: count,
      proposalId: null,
      title: null,
    });
  }
  if (count > 0 && input.active.size > 0 && reach.lt(REACH_ALERT)) {
    alerts.push(
      `Only ${percent(reach)} of the active members took part in ${count === 1 ? 'the one decision' : `any of the ${count} decisions`}.`,
    );
    alertDetails.push({ kind: HealthAlertKind.LOW_REACH, value: reach.toNumber(), decisions: count, proposalId: null, title: null });
  }
  let keptInCommon: number | null = null;
  if (input.split) {
    const surplus = Rational.parse(input.split.surplus);
    if (surplus.gt(Rational.ZERO)) {
      const kept = Rational.parse(input.split.reserve).add(Rational.parse(input.split.education)).add(Rational.parse(input.split.commons));
      keptInCommon = kept.div(surplus).toNumber();
    }
  }
  return {
    from: input.from,
    to: input.to,
    members: input.active.size,
    decisions: count,
    participation: count > 0 ? participation.div(Rational.of(count)).toNumber() : 0,
    reach: reach.toNumber(),
    largestVoterShare: largest.toNumber(),
    votingWeightGini: meanGini.toNumber(),
    keptInCommon,
    alerts,
    alertDetails,
  };
}
