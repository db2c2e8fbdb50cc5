import type { PreparedElection } from './prepared-election.js';

/** Per project, the ballot groups supporting it: what equal shares needs beyond GREEDY. */
export interface SupporterIndex {
  readonly supporters: readonly Int32Array[];
  /** Aligned with `supporters`: the points that group gave the project (1 for approvals). */
  readonly supporterUtilities: readonly Int32Array[];
  readonly maxUtility: number;
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
  const filled = new Int32Array(count);
  let maxUtility = 1;
  groupProjects.forEach((projects, g) => {
    projects.forEach((project, k) => {
      supporters[project][filled[project]] = g;
      supporterUtilities[project][filled[project]++] = groupUtilities[g][k];
      maxUtility = Math.max(maxUtility, groupUtilities[g][k]);
    });
  });
  return {
    ...election,
    supporters,
    supporterUtilities,
    maxUtility,
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
