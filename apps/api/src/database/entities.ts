import { AuditChainHeadEntity, AuditEntryEntity } from '@commons/audit';
import { BudgetBallotEntity, BudgetEntity, BudgetProjectEntity } from '@commons/budgets';
import { RateLimitEntity, MemberEntity, StakeholderClassEntity } from '@commons/members';
import {
  BallotEntity,
  DelegationEntity,
  ProposalEntity,
  ProposalOptionEntity,
  ProposalVoterEntity,
  SealedBallotEntity,
  SecretBallotEntity,
} from '@commons/voting';
import {
  FiscalEntryEntity,
  FiscalPeriodEntity,
  LedgerLineEntity,
  LedgerPostingEntity,
  MemberAllocationEntity,
  PatronageRecordEntity,
  SurplusDistributionEntity,
  SurplusSettingsEntity,
} from '@commons/surplus';

/** Every entity of every lib: one TypeORM data layer for the whole server. */
export const ENTITIES = [
  AuditEntryEntity,
  AuditChainHeadEntity,
  MemberEntity,
  StakeholderClassEntity,
  RateLimitEntity,
  ProposalEntity,
  ProposalOptionEntity,
  ProposalVoterEntity,
  BallotEntity,
  SecretBallotEntity,
  SealedBallotEntity,
  DelegationEntity,
  BudgetEntity,
  BudgetProjectEntity,
  BudgetBallotEntity,
  FiscalPeriodEntity,
  FiscalEntryEntity,
  PatronageRecordEntity,
  SurplusDistributionEntity,
  LedgerPostingEntity,
  LedgerLineEntity,
  MemberAllocationEntity,
  SurplusSettingsEntity,
];
