import { Args, Context, GraphQLISODateTime, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow, CurrentMember, permit, type Principal } from '@commons/auth';
import { type Connection, DecimalScalar, type RequestContext, requestLoader } from '@commons/core';
import { SurplusPolicyMinimumsInput } from './dto/allocation-policy.input.js';
import { EntryKind } from './entities/fiscal-entry.entity.js';
import { type FiscalPeriodEntity, PeriodStatus } from './entities/fiscal-period.entity.js';
import type { PatronageRecordEntity } from './entities/patronage-record.entity.js';
import type { SurplusDistributionEntity } from './entities/surplus-distribution.entity.js';
import { FiscalPeriodsService, type PatronageImport } from './fiscal-periods.service.js';
import { MAX_PATRONAGE_CSV_CHARS, MAX_PATRONAGE_CSV_LINES } from './patronage-csv.js';
import { FiscalPeriodConnection, FiscalPeriodModel } from './models/fiscal-period.model.js';
import { PatronageImportModel, PatronageRecordConnection } from './models/member-allocation.model.js';
import { SurplusDistributionModel, SurplusPolicyMinimumsModel } from './models/surplus-distribution.model.js';
import { centsOf } from './money-input.js';
import { formatCents, type PolicyMinimums } from './split/index.js';
import { SurplusPolicy } from './surplus.policy.js';
import { SurplusDirectoryService } from './surplus-directory.service.js';
import { SurplusSettingsService } from './surplus-settings.service.js';

/** Loads periods by id once per request. */
export function periodLoader(context: RequestContext, directory: SurplusDirectoryService) {
  return requestLoader(context, 'fiscalPeriods', (ids) => directory.periodsByIds(ids));
}

@Resolver(() => FiscalPeriodModel)
export class FiscalPeriodsResolver {
  constructor(
    private readonly periods: FiscalPeriodsService,
    private readonly directory: SurplusDirectoryService,
    private readonly settings: SurplusSettingsService,
  ) {}

  @Query(() => FiscalPeriodModel, { nullable: true, description: 'Active members, admins and auditors.' })
  fiscalPeriod(@CurrentMember() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<FiscalPeriodEntity | null> {
    permit(SurplusPolicy.readBooks, principal, undefined);
    return this.directory.findPeriod(id);
  }

  @Query(() => FiscalPeriodConnection, { description: 'Newest first. Active members, admins and auditors.' })
  fiscalPeriods(
    @CurrentMember() principal: Principal,
    @Args('status', { type: () => PeriodStatus, nullable: true }) status?: PeriodStatus,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<Connection<FiscalPeriodEntity>> {
    permit(SurplusPolicy.readBooks, principal, undefined);
    return this.directory.listPeriods(status, first, after);
  }

  @Query(() => PatronageRecordConnection, { description: 'AUDITOR, ADMIN: the patronage recorded for each member, by member id.' })
  @Allow(SurplusPolicy.readLedger)
  async patronageRecords(
    @Args('periodId', { type: () => ID }) periodId: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<Connection<PatronageRecordEntity>> {
    const period = await this.directory.requirePeriod(periodId);
    return this.directory.patronage(period.id, first, after);
  }

  @Query(() => SurplusPolicyMinimumsModel, {
    description: "The co-op's minimums on any surplus split. Active members, admins and auditors.",
  })
  surplusPolicyMinimums(@CurrentMember() principal: Principal): Promise<PolicyMinimums> {
    permit(SurplusPolicy.readBooks, principal, undefined);
    return this.settings.minimums();
  }

  @Mutation(() => FiscalPeriodModel, { description: 'ADMIN. Periods may not overlap (each runs from startsOn up to endsOn).' })
  @Allow(SurplusPolicy.keepBooks)
  openFiscalPeriod(
    @CurrentMember() actor: Principal,
    @Args('name') name: string,
    @Args('startsOn', { type: () => GraphQLISODateTime }) startsOn: Date,
    @Args('endsOn', { type: () => GraphQLISODateTime }) endsOn: Date,
  ): Promise<FiscalPeriodEntity> {
    return this.periods.open(actor, name, startsOn, endsOn);
  }

  @Mutation(() => FiscalPeriodModel, { description: 'ADMIN, OPEN period: records revenue or an expense and posts it to the ledger.' })
  @Allow(SurplusPolicy.keepBooks)
  recordEntry(
    @CurrentMember() actor: Principal,
    @Args('periodId', { type: () => ID }) periodId: string,
    @Args('kind', { type: () => EntryKind }) kind: EntryKind,
    @Args('amount', { type: () => DecimalScalar, description: 'More than 0, at most 2 decimals.' }) amount: string,
    @Args('memo') memo: string,
    @Args('occurredOn', { type: () => GraphQLISODateTime, nullable: true, description: 'When it happened; within the period.' })
    occurredOn?: Date | null,
  ): Promise<FiscalPeriodEntity> {
    return this.periods.recordEntry(actor, periodId, kind, amount, memo, occurredOn);
  }

  @Mutation(() => FiscalPeriodModel, {
    description:
      'ADMIN, OPEN period: corrects an entry by posting the reversal of its posting (the ledger is never changed); ' +
      'record the right amount afterwards. An entry can be reversed once.',
  })
  @Allow(SurplusPolicy.keepBooks)
  reverseEntry(
    @CurrentMember() actor: Principal,
    @Args('postingId', { type: () => ID, description: "The entry's ledger posting (see ledgerPostings)." }) postingId: string,
    @Args('memo', { description: 'Why it is corrected.' }) memo: string,
  ): Promise<FiscalPeriodEntity> {
    return this.periods.reverseEntry(actor, postingId, memo);
  }

  @Mutation(() => Boolean, {
    description:
      "ADMIN: a member's patronage for the period (hours, purchases…). Recording again replaces the amount. " +
      'Not while a distribution of the period is PROPOSED or APPROVED, nor once it is DISTRIBUTED.',
  })
  @Allow(SurplusPolicy.keepBooks)
  recordPatronage(
    @CurrentMember() actor: Principal,
    @Args('periodId', { type: () => ID }) periodId: string,
    @Args('memberId', { type: () => ID }) memberId: string,
    @Args('amount', { type: () => DecimalScalar, description: '0 or more, at most 2 decimals.' }) amount: string,
  ): Promise<boolean> {
    return this.periods.recordPatronage(actor, periodId, memberId, amount);
  }

  @Mutation(() => PatronageImportModel, {
    description:
      'ADMIN: patronage from a CSV, a line `email,amount` per member (an `email,amount` header line is optional), replacing what ' +
      'was recorded for them as recordPatronage does; members it leaves out keep theirs. All or nothing: BAD_USER_INPUT lists ' +
      'every bad line in `problems` ({ line, rule, message }: columns, email, amount, duplicate, unknown-email). At most ' +
      `${MAX_PATRONAGE_CSV_LINES} lines and ${MAX_PATRONAGE_CSV_CHARS} characters. Not while a distribution is PROPOSED or APPROVED, nor once DISTRIBUTED.`,
  })
  @Allow(SurplusPolicy.keepBooks)
  importPatronage(
    @CurrentMember() actor: Principal,
    @Args('periodId', { type: () => ID }) periodId: string,
    @Args('csv') csv: string,
  ): Promise<PatronageImport> {
    return this.periods.importPatronage(actor, periodId, csv);
  }

  @Mutation(() => FiscalPeriodModel, { description: 'ADMIN: OPEN -> CLOSED; revenue and expenses are closed into the surplus.' })
  @Allow(SurplusPolicy.keepBooks)
  closeFiscalPeriod(@CurrentMember() actor: Principal, @Args('id', { type: () => ID }) id: string): Promise<FiscalPeriodEntity> {
    return this.periods.close(actor, id);
  }

  @Mutation(() => SurplusPolicyMinimumsModel, { description: 'ADMIN: replaces the minimums proposals must meet.' })
  @Allow(SurplusPolicy.keepBooks)
  setSurplusPolicyMinimums(@CurrentMember() actor: Principal, @Args('input') input: SurplusPolicyMinimumsInput): Promise<PolicyMinimums> {
    return this.settings.setMinimums(actor, input);
  }

  @ResolveField('surplus', () => DecimalScalar, { description: 'Revenue less expenses; negative for a loss.' })
  surplus(@Parent() period: FiscalPeriodEntity): string {
    return formatCents(centsOf(period.revenue) - centsOf(period.expenses));
  }

  @ResolveField('distribution', () => SurplusDistributionModel, {
    nullable: true,
    description: 'The latest distribution: the one being voted on, approved or posted, else the last rejected.',
  })
  distribution(@Parent() period: FiscalPeriodEntity, @Context() context: RequestContext): Promise<SurplusDistributionEntity | null> {
    return requestLoader(context, 'latestDistributions', (ids) => this.directory.latestDistributions(ids)).load(period.id);
  }

  @ResolveField('distributions', () => [SurplusDistributionModel], { description: 'Every distribution proposed, oldest first.' })
  async distributions(@Parent() period: FiscalPeriodEntity, @Context() context: RequestContext): Promise<SurplusDistributionEntity[]> {
    return (await requestLoader(context, 'periodDistributions', (ids) => this.directory.distributionsOf(ids)).load(period.id)) ?? [];
  }
}
