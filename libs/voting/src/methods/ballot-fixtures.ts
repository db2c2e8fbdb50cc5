import { Rational } from '@commons/core';
import type { DecisionOption, OptionVotes, WeightedBallot } from './types.js';

/** Test fixtures: options whose ids differ from their labels, so code must not confuse the two. */
export function optionsLabelled(labels: readonly string[]): DecisionOption[] {
  return labels.map((label) => ({ id: `id-${label.toLowerCase()}`, label }));
}

export function idOf(options: readonly DecisionOption[], label: string): string {
  const option = options.find((candidate) => candidate.label === label);
  if (!option) throw new Error(`No option labelled ${label}`);
  return option.id;
}

export function labelOf(options: readonly DecisionOption[], id: string): string {
  const option = options.find((candidate) => candidate.id === id);
  if (!option) throw new Error(`No option with id ${id}`);
  return option.label;
}

export function labelsOf(options: readonly DecisionOption[], ids: readonly string[]): string[] {
  return ids.map((id) => labelOf(options, id));
}

/** One (possibly aggregated) ballot choosing the labelled options in order. */
export function ballotFor(
  options: readonly DecisionOption[],
  labels: readonly string[],
  weight: Rational | number = 1,
  scores?: number[],
): WeightedBallot {
  return {
    optionIds: labels.map((label) => idOf(options, label)),
    scores,
    weight: typeof weight === 'number' ? Rational.of(weight) : weight,
  };
}

/** Ballots from rows like [5, 'ACBED'] when every label is one letter. */
export function letterRankings(options: readonly DecisionOption[], rows: readonly [number, string][]): WeightedBallot[] {
  return rows.map(([count, ranking]) => ballotFor(options, [...ranking], count));
}

/** Votes keyed by label, as exact fraction strings ("12", "31/2"), for readable assertions. */
export function votesByLabel(options: readonly DecisionOption[], entries: readonly OptionVotes[]): Record<string, string> {
  return Object.fromEntries(entries.map((entry) => [labelOf(options, entry.optionId), entry.votes.toString()]));
}

export function matrixToStrings(matrix: readonly (readonly Rational[])[]): string[][] {
  return matrix.map((row) => row.map((value) => value.toString()));
}
