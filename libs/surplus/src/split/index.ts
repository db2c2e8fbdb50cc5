export { largestRemainder, apportion } from './largest-remainder.js';
export {
  type AllocationPolicy,
  type PolicyField,
  type PolicyMinimums,
  type PolicyProblem,
  type PolicyRule,
  type PolicyBasisPoints,
  type SurplusShare,
  validatePolicy,
  checkPolicy,
  formatBasisPoints,
  SPANISH_LAW_27_1999_MINIMUMS,
  SUBCHAPTER_T_MINIMUMS,
  SURPLUS_SHARES,
} from './allocation-policy.js';
export { type SurplusSplit, splitSurplus } from './split-surplus.js';
export { type MemberPatronage, type PatronageRefund, patronageRefunds } from './patronage-refunds.js';
export { parseCents, formatCents, parsePercentBasisPoints, percentOfCents, HUNDRED_PERCENT_BASIS_POINTS } from './money.js';
export { InvalidAllocationPolicyError, InvalidPatronageError, NoPatronageRecordedError, NoSurplusError } from './surplus-errors.js';
