import type { PreparedElection } from './prepared-election.js';

/** Per project, the ballot groups supporting it: what equal shares needs beyond GREEDY. */
export interface SupporterIndex {
  readonly supporters: readonly Int32Array[];
  /** Aligned with `supporters`: the points that group gave the project (1 for approvals). */
  readonly supporterUtilities: readonly Int32Array[];
  /** Aligned with `supporters`: the rank of that utility among the distinct ones (a compact key). */
  readonly supporterLevels: readonly Int32Array[];
  /** How many distinct utilities (points values) the ballots use. */
  readonly levelCount: number;
  /** Per project: the distinct points it got and how many voters gave each (approvals: 1, all of them). */
  readonly supportLevels: readonly SupportLevels[];
  /** Per project: the projects (itself included) that share a ballot with it. */
  readonly neighbours: readonly Int32Array[];
}

export interface SupportLevels {
  readonly utilities: readonly number[];
  readonly voters: readonly number[];
}

export type IndexedElection = PreparedElection & SupporterIndex;

/** Lists each project's supporting groups, once per election (every add1 run shares it). */
export function indexSupporters(election: PreparedElection): IndexedElection {
  const count = election.projects.length;
  const { groupProjects, groupUtilities, groupVoters } = election;
  const supporterCount = new Int32Array(count);
  for (const projects of groupProjects) for (const project of projects) supporterCount[project]++;
  const supporters = Array.from(supporterCount, (n) => new Int32Array(n));
  const supporterUtilities = Array.from(supporterCount, (n) => new Int32Array(n));
  const supporterLevels = Array.from(supporterCount, (n) => new Int32Array(n));
  const levelOf = new Map<number, number>();
  const filled = new Int32Array(count);
  groupProjects.forEach((projects, g) => {
    projects.forEach((project, k) => {
      const utility = groupUtilities[g][k];
      let level = levelOf.get(utility);
      if (level === undefined) levelOf.set(utility, (level = levelOf.size));
      supporters[project][filled[project]] = g;
      supporterLevels[project][filled[project]] = level;
      supporterUtilities[project][filled[project]++] = utility;
    });
  });
  return {
    ...election,
    supporters,
    supporterUtilities,
    supporterLevels,
    levelCount: Math.max(1, levelOf.size),
    supportLevels: supporters.map((groups, project) => levelsOf(groups, supporterUtilities[project], groupVoters)),
    neighbours: neighboursOf(supporters, groupProjects),
  };
}

function neighboursOf(supporters: readonly Int32Array[], groupProjects: readonly Int32Array[]): Int32Array[] {
  const lastSeen = new Int32Array(supporters.length).fill(-1);
  return supporters.map((groups, project) => {
    const found: number[] = [];
    for (const g of groups) {
      for (const other of groupProjects[g]) {
        if (lastSeen[other] === project) continue;
        lastSeen[other] = project;
        found.push(other);
      }
    }
    return Int32Array.from(found);
  });
}

function levelsOf(groups: Int32Array, utilities: Int32Array, groupVoters: readonly number[]): SupportLevels {
  const byUtility = new Map<number, number>();
  groups.forEach((group, k) => byUtility.set(utilities[k], (byUtility.get(utilities[k]) ?? 0) + groupVoters[group]));
  return { utilities: [...byUtility.keys()], voters: [...byUtility.values()] };
}
