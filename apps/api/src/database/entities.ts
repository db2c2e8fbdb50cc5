import { AgendaItemEntity, AssemblyEntity, AttendanceEntity, ProxyEntity } from '@commons/assemblies';
import { AuditChainHeadEntity, AuditEntryEntity } from '@commons/audit';
import { BylawsAmendmentEntity, BylawsEntity } from '@commons/bylaws';
import { AmendmentEntity, CommentEntity, CommentReactionEntity, ProposalRevisionEntity } from '@commons/deliberation';
import { BudgetBallotEntity, BudgetEntity, BudgetProjectEntity } from '@commons/budgets';
import { RateLimitEntity, MemberEntity, StakeholderClassEntity } from '@commons/members';
import {
  ClosingSoonReminderEntity,
  MailEntity,
  NotificationCursorEntity,
  NotificationEntity,
  NotificationPreferencesEntity,
  WebhookDeliveryEntity,
  WebhookEntity,
} from '@commons/notifications';
import {
  BallotEntity,
  DelegationEntity,
  ProposalEntity,
  ProposalOptionEntity,
  ProposalVoterEntity,
  SealedBallotEntity,
  SecretBallotEntity,
  SecretBallotReceiptEntity,
} from '@commons/voting';
import { ShareClassEntity, ShareHoldingEntity, ShareOperationEntity, ShareRegisterCounterEntity } from '@commons/shares';
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
  SecretBallotReceiptEntity,
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
  BylawsEntity,
  BylawsAmendmentEntity,
  AssemblyEntity,
  AgendaItemEntity,
  AttendanceEntity,
  ProxyEntity,
  CommentEntity,
  CommentReactionEntity,
  ProposalRevisionEntity,
  AmendmentEntity,
  NotificationEntity,
  NotificationPreferencesEntity,
  MailEntity,
  NotificationCursorEntity,
  ClosingSoonReminderEntity,
  WebhookEntity,
  WebhookDeliveryEntity,
  ShareClassEntity,
  ShareOperationEntity,
  ShareHoldingEntity,
  ShareRegisterCounterEntity,
];
