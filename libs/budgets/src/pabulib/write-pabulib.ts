import type { PabulibElection, PabulibProject, PabulibVote } from './pabulib-election.js';
import { joinRecord } from './pabulib-fields.js';

/**
 * Writes an election as a Pabulib `.pb` file that `parsePabulib` reads back to the same election.
 * META keeps its order; `budget` and `vote_type` follow the election's own fields.
 */
export function writePabulib(election: PabulibElection): string {
  const meta: Record<string, string> = { ...election.meta };
  // Keep META's own spelling when it agrees, so a parsed file round-trips byte for byte.
  if (meta.budget?.trim() !== election.budget) meta.budget = election.budget;
  if (meta.vote_type?.trim() !== election.voteType) meta.vote_type = election.voteType;
  const out: string[] = ['META', 'key;value'];
  for (const [key, value] of Object.entries(meta)) out.push(joinRecord([key, value]));

  const projectColumns = withColumns(election.projectColumns, ['project_id', 'cost']);
  const projectCells = projectColumns.map((column): ((project: PabulibProject) => string) => {
    const name = column.trim();
    if (name === 'project_id') return (project) => project.id;
    if (name === 'cost') return (project) => project.cost;
    return (project) => project.columns[column] ?? '';
  });
  out.push('PROJECTS', joinRecord(projectColumns));
  for (const project of election.projects) out.push(joinRecord(projectCells.map((cell) => cell(project))));

  const cumulative = election.voteType === 'cumulative';
  const voteColumns = withColumns(election.voteColumns, cumulative ? ['voter_id', 'vote', 'points'] : ['voter_id', 'vote']);
  const voteCells = voteColumns.map((column): ((vote: PabulibVote) => string) => {
    const name = column.trim();
    if (name === 'voter_id') return (vote) => vote.voterId;
    if (name === 'vote') return (vote) => vote.projectIds.join(',');
    if (name === 'points' && cumulative) return (vote) => (vote.points ?? []).join(',');
    return (vote) => vote.columns[column] ?? '';
  });
  out.push('VOTES', joinRecord(voteColumns));
  for (const vote of election.votes) out.push(joinRecord(voteCells.map((cell) => cell(vote))));
  return `${out.join('\n')}\n`;
}

/** The columns, with any required one that is missing added at the front. */
function withColumns(columns: readonly string[], required: readonly string[]): readonly string[] {
  const missing = required.filter((name) => !columns.some((column) => column.trim() === name));
  return missing.length === 0 ? columns : [...missing, ...columns];
}
