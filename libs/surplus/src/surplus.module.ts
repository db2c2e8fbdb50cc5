import { Module } from '@nestjs/common';
import { MembersModule } from '@commons/members';
import { VotingModule } from '@commons/voting';
import { CommonsFundingResolver } from './commons-funding.resolver.js';
import { FiscalPeriodsResolver } from './fiscal-periods.resolver.js';
import { FiscalPeriodsService } from './fiscal-periods.service.js';
import { LedgerReportsService } from './ledger-reports.service.js';
import { LedgerResolver } from './ledger.resolver.js';
import { LedgerService } from './ledger.service.js';
import { MemberAllocationsResolver, PatronageRecordsResolver } from './member-allocations.resolver.js';
import { SurplusDirectoryService } from './surplus-directory.service.js';
import { SurplusDistributionsResolver } from './surplus-distributions.resolver.js';
import { SurplusDistributionsService } from './surplus-distributions.service.js';
import { SurplusExecutionService } from './surplus-execution.service.js';
import { SurplusExportsController } from './surplus-exports.controller.js';
import { SurplusSettingsService } from './surplus-settings.service.js';

@Module({
  imports: [MembersModule, VotingModule],
  providers: [
    LedgerService,
    LedgerReportsService,
    FiscalPeriodsService,
    SurplusDirectoryService,
    SurplusSettingsService,
    SurplusDistributionsService,
    SurplusExecutionService,
    FiscalPeriodsResolver,
    SurplusDistributionsResolver,
    LedgerResolver,
    CommonsFundingResolver,
    MemberAllocationsResolver,
    PatronageRecordsResolver,
  ],
  controllers: [SurplusExportsController],
  exports: [LedgerService, LedgerReportsService, SurplusDirectoryService],
})
export class SurplusModule {}
