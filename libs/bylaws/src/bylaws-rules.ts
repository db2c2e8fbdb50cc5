import { Decimal } from 'decimal.js';
import { BadUserInputError } from '@commons/core';

/** The co-op's rules, as a version of the bylaws holds them. Shares are exact decimal strings. */
export interface BylawsRules {
  noticeDays: number;
  assemblyQuorum: string;
  maxProxiesPerMember: number;
  defaultQuorum: string;
  amendmentThreshold: string;
  minVotingHours: number;
  reserveMinimum: string;
  sharesToJoin: number;
  redemptionCapPercent: string;
}

export type BylawsField = keyof BylawsRules;

/** What a caller asks to change: the fields given; the others keep their value. */
export interface BylawsChangesInput {
  noticeDays?: number | null;
  assemblyQuorum?: number | null;
  maxProxiesPerMember?: number | null;
  defaultQuorum?: number | null;
  amendmentThreshold?: number | null;
  minVotingHours?: number | null;
  reserveMinimum?: string | null;
  sharesToJoin?: number | null;
  redemptionCapPercent?: string | null;
}

export type BylawsChanges = Partial<BylawsRules>;

/** Version 1 as created on first start (API.md's defaults). */
export const DEFAULT_BYLAWS: Readonly<BylawsRules> = Object.freeze({
  noticeDays: 14,
  assemblyQuorum: '0.2500',
  maxProxiesPerMember: 1,
  defaultQuorum: '0.0000',
  amendmentThreshold: '0.6667',
  minVotingHours: 72,
  reserveMinimum: '0.00',
  sharesToJoin: 0,
  redemptionCapPercent: '10.00',
});

export const BYLAWS_FIELDS: readonly BylawsField[] = [
  'noticeDays',
  'assemblyQuorum',
  'maxProxiesPerMember',
  'defaultQuorum',
  'amendmentThreshold',
  'minVotingHours',
  'reserveMinimum',
  'sharesToJoin',
  'redemptionCapPercent',
];

/** Upper bounds that keep the rules meaningful (a year of notice, a year of voting, a hundred proxies). */
const MAX_NOTICE_DAYS = 365;
const MAX_VOTING_HOURS = 8_760;
const MAX_PROXIES = 100;
const MAX_SHARES_TO_JOIN = 10_000;
const RESERVE_PATTERN = /^\d{1,3}(\.\d{1,2})?$/;

function share(value: number): string {
  return new Decimal(value).toDecimalPlaces(4, Decimal.ROUND_DOWN).toFixed(4);
}

function whole(field: BylawsField, value: number, max: number, unit: string, prefix: string): number {
  if (!Number.isInteger(value) || value < 0 || value > max)
    throw new BadUserInputError(`${field} must be a whole number of ${unit} from 0 to ${max}; got ${value}.`, `${prefix}${field}`);
  return value;
}

/**
 * Checks the fields a caller asks to change and returns them in stored form. BAD_USER_INPUT names the first
 * field at fault as `<prefix><field>` (e.g. `changes.assemblyQuorum`). Nothing to change is refused too.
 */
export function validateBylawsChanges(input: BylawsChangesInput, prefix = 'changes.'): BylawsChanges {
  const changes: BylawsChanges = {};
  for (const field of BYLAWS_FIELDS) {
    const value = input[field];
    if (value === undefined || value === null) continue;
    switch (field) {
      case 'noticeDays':
        changes.noticeDays = whole(field, value as number, MAX_NOTICE_DAYS, 'days', prefix);
        break;
      case 'minVotingHours':
        changes.minVotingHours = whole(field, value as number, MAX_VOTING_HOURS, 'hours', prefix);
        break;
      case 'maxProxiesPerMember':
        changes.maxProxiesPerMember = whole(field, value as number, MAX_PROXIES, 'proxies', prefix);
        break;
      case 'assemblyQuorum':
      case 'defaultQuorum': {
        const number = value as number;
        if (!Number.isFinite(number) || number < 0 || number > 1)
          throw new BadUserInputError(`${field} is a share of the roll from 0 to 1; got ${number}.`, `${prefix}${field}`);
        changes[field] = share(number);
        break;
      }
      case 'amendmentThreshold': {
        const number = value as number;
        // Kept to 4 places, rounded down, and still above one half: amending needs more than a simple majority.
        if (!Number.isFinite(number) || number > 1 || !new Decimal(share(number)).gt(0.5))
          throw new BadUserInputError(`amendmentThreshold must be above 0.5 and at most 1; got ${number}.`, `${prefix}${field}`);
        changes.amendmentThreshold = share(number);
        break;
      }
      case 'sharesToJoin':
        changes.sharesToJoin = whole(field, value as number, MAX_SHARES_TO_JOIN, 'shares', prefix);
        break;
      case 'reserveMinimum':
      case 'redemptionCapPercent': {
        const text = String(value).trim();
        if (!RESERVE_PATTERN.test(text) || new Decimal(text).gt(100))
          throw new BadUserInputError(`${field} is a percentage from 0 to 100 with at most 2 decimals; got ${text}.`, `${prefix}${field}`);
        changes[field] = new Decimal(text).toFixed(2);
        break;
      }
    }
  }
  if (Object.keys(changes).length === 0)
    throw new BadUserInputError('Name at least one rule to change.', prefix.replace(/\.$/, '') || 'changes');
  return changes;
}

/** The rules with the changes applied. */
export function applyBylawsChanges(rules: BylawsRules, changes: BylawsChanges): BylawsRules {
  return { ...rules, ...changes };
}

/** The changes as plain lines for the amendment's text: "noticeDays: 14 → 21". */
export function describeBylawsChanges(rules: BylawsRules, changes: BylawsChanges): string[] {
  return BYLAWS_FIELDS.filter((field) => changes[field] !== undefined).map((field) => `${field}: ${rules[field]} → ${changes[field]}`);
}
