import { Module } from '@nestjs/common';
import { MembersModule } from '@commons/members';
import { SurplusModule } from '@commons/surplus';
import { BudgetAllocationService } from './budget-allocation.service.js';
import { BudgetBallotsService } from './budget-ballots.service.js';
import { BudgetsDirectoryService } from './budgets-directory.service.js';
import { BudgetProjectsResolver, BudgetsResolver, CommonsFundingBudgetResolver } from './budgets.resolver.js';
import { BudgetsService } from './budgets.service.js';
import { PabulibService } from './pabulib.service.js';

@Module({
  imports: [MembersModule, SurplusModule],
  providers: [
    BudgetsService,
    BudgetBallotsService,
    BudgetAllocationService,
    BudgetsDirectoryService,
    PabulibService,
    BudgetsResolver,
    BudgetProjectsResolver,
    CommonsFundingBudgetResolver,
  ],
  exports: [BudgetsService, BudgetsDirectoryService],
})
export class BudgetsModule {}
