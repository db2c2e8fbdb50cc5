export type { PabulibElection, PabulibProject, PabulibVote, PabulibVoteType } from './pabulib-election.js';
export { PabulibError } from './pabulib-error.js';
export { parsePabulib } from './parse-pabulib.js';
export { writePabulib } from './write-pabulib.js';
export { pabulibAllocationInput, pabulibMethod, pabulibSelected } from './pabulib-allocation.js';
