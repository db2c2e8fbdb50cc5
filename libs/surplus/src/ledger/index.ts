export {
  ACCOUNTS,
  type ControlAccount,
  memberCapitalAccount,
  cashPayableAccount,
  shareCapitalAccount,
  controlAccountOf,
  memberIdOf,
  compareAccounts,
  chartRank,
} from './accounts.js';
export {
  type Posting,
  type PostingLine,
  InvalidPostingError,
  debit,
  credit,
  postingProblems,
  assertBalanced,
  reversingPosting,
} from './posting.js';
export { type EntryKind, entryPosting, closePeriodPostings, distributionPostings } from './period-postings.js';
export { type AccountBalance, type LedgerReportOptions, trialBalance, trialBalanceTotals } from './trial-balance.js';
export { type SurplusFlow, surplusFlows } from './surplus-flows.js';
export { type CommonsDraw, type CommonsMovement, traceCommons } from './commons-trace.js';
