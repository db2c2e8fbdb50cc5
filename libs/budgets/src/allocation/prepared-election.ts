import type { AllocationInput, BallotKind } from './allocation-input.js';
import { decimalPlaces, toUnits } from './money.js';
import { compareForGreedy, compareForTies, type RankedProject } from './project-order.js';

/** A project with its money in units and its support (approvals, or points). */
export interface PreparedProject extends RankedProject {
  readonly costText: string;
}

/** The input indexed for the rules: projects by position, identical ballots grouped with a voter count. */
export interface PreparedElection {
  readonly kind: BallotKind;
  /** Money is counted in units of 10^-places. */
  readonly places: number;
  readonly budget: bigint;
  readonly voters: number;
  readonly projects: readonly PreparedProject[];
  /** Position of each project in tie-break order (lower wins a tie). */
  readonly tieRank: Int32Array;
  /** Project indices in GREEDY order. */
  readonly greedyOrder: Int32Array;
  readonly groupVoters: readonly number[];
  readonly groupProjects: readonly Int32Array[];
  /** Points per project of a group (1 for approval ballots). */
  readonly groupUtilities: readonly Int32Array[];
}

/** Checks the input and groups identical ballots. Throws RangeError on an invalid input. */
export function prepareElection(input: AllocationInput): PreparedElection {
  const places = Math.max(
    decimalPlaces(input.budget, 'budget'),
    ...input.projects.map((p) => decimalPlaces(p.cost, `cost of project ${p.id}`)),
  );
  const index = new Map<string, number>();
  input.projects.forEach((project, position) => {
    if (index.has(project.id)) throw new RangeError(`project ${project.id} is listed twice`);
    index.set(project.id, position);
  });

  const groups = groupBallots(input, index);
  const count = input.projects.length;
  const support = new Array<number>(count).fill(0);
  let voters = 0;
  for (const group of groups) {
    voters += group.voters;
    group.projects.forEach((project, k) => (support[project] += group.voters * group.utilities[k]));
  }
  // Sums of points stay exact as numbers while the totals do.
  if (!Number.isSafeInteger(voters) || support.some((points) => !Number.isSafeInteger(points))) {
    throw new RangeError('too many voters or points to count exactly');
  }

  const projects: PreparedProject[] = input.projects.map((project, position) => ({
    id: project.id,
    cost: toUnits(project.cost, places),
    costText: project.cost,
    support: support[position],
  }));
  const byTies = projects.map((_, position) => position).sort((a, b) => compareForTies(projects[a], projects[b]));
  const tieRank = new Int32Array(count);
  byTies.forEach((project, rank) => (tieRank[project] = rank));
  const greedyOrder = Int32Array.from(projects.map((_, position) => position).sort((a, b) => compareForGreedy(projects[a], projects[b])));

  return {
    kind: input.ballotKind,
    places,
    budget: toUnits(input.budget, places),
    voters,
    projects,
    tieRank,
    greedyOrder,
    groupVoters: groups.map((group) => group.voters),
    groupProjects: groups.map((group) => group.projects),
    groupUtilities: groups.map((group) => group.utilities),
  };
}

/** Points are kept in 32-bit arrays. */
const MAX_POINTS = 0x7fffffff;

interface BallotGroup {
  voters: number;
  readonly projects: Int32Array;
  readonly utilities: Int32Array;
}

function groupBallots(input: AllocationInput, index: ReadonlyMap<string, number>): BallotGroup[] {
  const cumulative = input.ballotKind === 'cumulative';
  const byKey = new Map<string, BallotGroup>();
  for (const ballot of input.ballots) {
    const voters = ballot.voters ?? 1;
    if (!Number.isSafeInteger(voters) || voters < 0) throw new RangeError(`a ballot's voter count ${voters} is not a whole number`);
    if (voters === 0) continue;
    if (cumulative && ballot.points?.length !== ballot.projectIds.length) {
      throw new RangeError('a cumulative ballot needs one points value per project');
    }
    const entries: [number, number][] = [];
    const seen = new Set<number>();
    ballot.projectIds.forEach((id, k) => {
      const project = index.get(id);
      if (project === undefined) throw new RangeError(`a ballot names unknown project ${id}`);
      if (seen.has(project)) throw new RangeError(`a ballot names project ${id} twice`);
      seen.add(project);
      const points = cumulative ? (ballot.points as readonly number[])[k] : 1;
      if (!Number.isInteger(points) || points < 0 || points > MAX_POINTS)
        throw new RangeError(`points ${points} for project ${id} are not a whole number up to ${MAX_POINTS}`);
      // Zero points is no support at all.
      if (points > 0) entries.push([project, points]);
    });
    entries.sort((a, b) => a[0] - b[0]);
    const key = entries.map(([project, points]) => (cumulative ? `${project}:${points}` : `${project}`)).join(',');
    const group = byKey.get(key);
    if (group) {
      group.voters += voters;
    } else {
      byKey.set(key, {
        voters,
        projects: Int32Array.from(entries, ([project]) => project),
        utilities: Int32Array.from(entries, ([, points]) => points),
      });
    }
  }
  return [...byKey.values()];
}
