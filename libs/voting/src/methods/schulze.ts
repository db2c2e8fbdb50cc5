import { unitsToVotes, type PreparedBallots } from './ballots.js';
import { emptySeatsNote, listLabels } from './tie-break.js';
import type { DecisionOption, DecisionResult } from './types.js';

/**
 * SCHULZE (beat-path). preferences[i][j] is the weight ranking i above j; an unranked option counts
 * as ranked below every ranked one, tied with the other unranked ones. A defeat's strength is its
 * winning votes (d[i][j] when d[i][j] > d[j][i], else no link); strongest paths are the widest paths
 * over those links. Option i beats j when p[i][j] > p[j][i]; the ranking takes, layer by layer, the
 * options no remaining option beats, the earlier listed first within a layer. The top `seats` options anyone ranked win.
 * `results` holds first preferences.
 */
export function decideSchulze(options: readonly DecisionOption[], prepared: PreparedBallots, seats: number): DecisionResult {
  const count = options.length;
  const preferences = options.map(() => options.map(() => 0n));
  const firstPreferences = options.map(() => 0n);
  const ranked = options.map(() => false);
  const isRanked = new Uint8Array(count);
  for (const { choice, units } of prepared.ballots) {
    if (choice.length === 0) continue;
    firstPreferences[choice[0]] += units;
    isRanked.fill(0);
    for (const option of choice) {
      isRanked[option] = 1;
      ranked[option] = true;
    }
    for (let position = 0; position < choice.length; position++) {
      const row = preferences[choice[position]];
      for (let later = position + 1; later < choice.length; later++) row[choice[later]] += units;
      for (let other = 0; other < count; other++) if (!isRanked[other]) row[other] += units;
    }
  }

  const paths = strongestPaths(preferences);
  const { ranking, ties } = schulzeRanking(paths);
  const winners = ranking.filter((option) => ranked[option]).slice(0, seats);
  const notes = tieNotes(
    options,
    ties.map((tied) => tied.filter((option) => ranked[option])),
    new Set(winners),
  );
  if (winners.length === 0) notes.push('No option was ranked by anyone, so nothing is elected.');
  else if (winners.length < seats) {
    notes.push(emptySeatsNote(winners.length, seats, 'appear on any ballot'));
  }

  const toVotes = (units: bigint) => unitsToVotes(units, prepared.scale);
  return {
    results: options.map((option, index) => ({ optionId: option.id, votes: toVotes(firstPreferences[index]) })),
    winners: winners.map((index) => options[index].id),
    passed: winners.length > 0,
    notes,
    schulze: {
      ranking: ranking.map((index) => options[index].id),
      preferences: preferences.map((row) => row.map(toVotes)),
      strongestPaths: paths.map((row) => row.map(toVotes)),
    },
  };
}

/** Widest paths (Floyd-Warshall) over the winning-votes strengths of the pairwise defeats. */
function strongestPaths(preferences: readonly (readonly bigint[])[]): bigint[][] {
  const count = preferences.length;
  const paths = preferences.map((row, i) => row.map((votes, j) => (i !== j && votes > preferences[j][i] ? votes : 0n)));
  for (let via = 0; via < count; via++) {
    for (let from = 0; from < count; from++) {
      if (from === via) continue;
      for (let to = 0; to < count; to++) {
        if (to === from || to === via) continue;
        const through = paths[from][via] < paths[via][to] ? paths[from][via] : paths[via][to];
        if (through > paths[from][to]) paths[from][to] = through;
      }
    }
  }
  return paths;
}

/**
 * A full order in tied layers: first the options no other option beats (the potential winners; there
 * always is one, as the beat-path relation is transitive), then those no remaining option beats, and
 * so on. Within a layer no option beats another; the earlier listed goes first.
 */
function schulzeRanking(paths: readonly (readonly bigint[])[]): { ranking: number[]; ties: number[][] } {
  let remaining = paths.map((_, index) => index);
  const ranking: number[] = [];
  const ties: number[][] = [];
  while (remaining.length > 0) {
    const layer = remaining.filter((option) => remaining.every((other) => paths[other][option] <= paths[option][other]));
    // Cannot happen (beat-path defeats are transitive), but a bug must not loop forever.
    if (layer.length === 0) throw new Error('Schulze ranking found a cycle of beat-path defeats');
    if (layer.length > 1) ties.push(layer);
    ranking.push(...layer);
    remaining = remaining.filter((option) => !layer.includes(option));
  }
  return { ranking, ties };
}

function tieNotes(options: readonly DecisionOption[], ties: readonly number[][], winners: ReadonlySet<number>): string[] {
  const notes: string[] = [];
  for (const tied of ties) {
    const elected = tied.filter((option) => winners.has(option));
    // Only ties that decide who is elected are worth a member's attention.
    if (elected.length === 0 || elected.length === tied.length) continue;
    const relation = tied.length === 2 ? 'neither beats the other' : 'none beats another';
    notes.push(
      `${listLabels(options, tied)} are tied in the Schulze ranking (${relation} by beat-path strength); ` +
        `${listLabels(options, elected)} ${elected.length === 1 ? 'is' : 'are'} elected as listed earlier in the proposal.`,
    );
  }
  return notes;
}
