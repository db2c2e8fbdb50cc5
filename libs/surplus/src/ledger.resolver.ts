import { Args, Context, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow, CurrentMember, permit, type Principal } from '@commons/auth';
import { type Connection, encodeCursor, pageSize, type RequestContext, requestLoader, toConnection } from '@commons/core';
import { type MemberEntity, MembersDirectoryService, memberLoader, MemberModel } from '@commons/members';
import type { FiscalPeriodEntity } from './entities/fiscal-period.entity.js';
import { periodLoader } from './fiscal-periods.resolver.js';
import { LedgerReportsService } from './ledger-reports.service.js';
import { FiscalPeriodModel } from './models/fiscal-period.model.js';
import {
  AccountBalanceModel,
  LedgerLineConnection,
  type LedgerLineModel,
  LedgerPostingConnection,
  LedgerPostingModel,
  SurplusFlowModel,
} from './models/ledger.model.js';
import { SurplusPolicy } from './surplus.policy.js';
import { SurplusDirectoryService } from './surplus-directory.service.js';

@Resolver(() => LedgerPostingModel)
export class LedgerResolver {
  constructor(
    private readonly reports: LedgerReportsService,
    private readonly directory: SurplusDirectoryService,
    private readonly members: MembersDirectoryService,
  ) {}

  @Query(() => [SurplusFlowModel], {
    description:
      "Where the period's result went, account to account, and what its commons share paid for later (commons -> budget:<id>, " +
      'oldest money first). Active members, admins and auditors.',
  })
  async surplusFlows(
    @CurrentMember() principal: Principal,
    @Args('periodId', { type: () => ID }) periodId: string,
  ): Promise<SurplusFlowModel[]> {
    permit(SurplusPolicy.readBooks, principal, undefined);
    const period = await this.directory.requirePeriod(periodId);
    return this.reports.flows(period.id);
  }

  @Query(() => [AccountBalanceModel], {
    description: "AUDITOR, ADMIN: each account's balance over the period's postings; debits equal credits.",
  })
  @Allow(SurplusPolicy.readLedger)
  async trialBalance(
    @Args('periodId', { type: () => ID }) periodId: string,
    @Args('rollUpMembers', {
      nullable: true,
      defaultValue: true,
      description: "false lists each member's sub-account (member_capital:<id>, cash_payable:<id>) instead of their total.",
    })
    rollUpMembers: boolean,
  ): Promise<AccountBalanceModel[]> {
    const period = await this.directory.requirePeriod(periodId);
    return this.reports.trialBalance(period.id, rollUpMembers);
  }

  @Query(() => LedgerPostingConnection, {
    description:
      'AUDITOR, ADMIN: postings in journal order, of one period or all, and only those touching `account` if given ' +
      "(a control account such as member_capital matches its members' sub-accounts).",
  })
  @Allow(SurplusPolicy.readLedger)
  async ledgerPostings(
    @Args('periodId', { type: () => ID, nullable: true }) periodId?: string,
    @Args('account', { nullable: true }) account?: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<Connection<LedgerPostingModel>> {
    const period = periodId ? await this.directory.requirePeriod(periodId) : null;
    return this.reports.postings(period?.id ?? null, account?.trim() || null, first, after);
  }

  @ResolveField('lines', () => LedgerLineConnection, {
    description: 'In order; a refund posting has two lines per member, so it is paged.',
  })
  lines(
    @Parent() posting: LedgerPostingModel,
    @Context() context: RequestContext,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<Connection<LedgerLineModel>> {
    if (after) return this.reports.lines(posting, first, after);
    // The first page of every posting on the page, in one query.
    const limit = pageSize(first);
    return requestLoader(context, `ledgerLines:${limit}`, (ids) => this.reports.firstLines(ids, limit))
      .load(posting.id)
      .then((rows) => toConnection(rows ?? [], limit, posting.lineCount, (line) => encodeCursor([line.lineNo])));
  }

  @ResolveField('period', () => FiscalPeriodModel, { nullable: true })
  period(@Parent() posting: LedgerPostingModel, @Context() context: RequestContext): Promise<FiscalPeriodEntity | null> | null {
    return posting.periodId ? periodLoader(context, this.directory).load(posting.periodId) : null;
  }

  @ResolveField('postedBy', () => MemberModel, { nullable: true, description: 'Who made it; null for the system.' })
  postedBy(@Parent() posting: LedgerPostingModel, @Context() context: RequestContext): Promise<MemberEntity | null> | null {
    return posting.postedBy ? memberLoader(context, this.members).load(posting.postedBy) : null;
  }

  @ResolveField('reverses', () => LedgerPostingModel, { nullable: true })
  reverses(@Parent() posting: LedgerPostingModel, @Context() context: RequestContext): Promise<LedgerPostingModel | null> | null {
    if (!posting.reversesId) return null;
    return requestLoader(context, 'ledgerPostings', (ids) => this.reports.postingsByIds(ids)).load(posting.reversesId);
  }
}
