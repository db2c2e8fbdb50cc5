import { Module } from '@nestjs/common';
import { MembersModule } from '@commons/members';
import { SurplusModule } from '@commons/surplus';
import { MemberSharesResolver } from './member-shares.resolver.js';
import { MembershipSharesService } from './membership-shares.service.js';
import { RedemptionCapService } from './redemption-cap.service.js';
import { ShareCertificatesService } from './share-certificates.service.js';
import { ShareClassesService } from './share-classes.service.js';
import { ShareExportsController } from './share-exports.controller.js';
import { ShareExportsService } from './share-exports.service.js';
import { ShareRegisterService } from './share-register.service.js';
import { ShareRequestsService } from './share-requests.service.js';
import { ShareSettlementService } from './share-settlement.service.js';
import { SharesResolver } from './shares.resolver.js';

/** The share register: classes, subscriptions, transfers and redemptions, numbered and posted to the ledger. */
@Module({
  imports: [MembersModule, SurplusModule],
  providers: [
    ShareRegisterService,
    ShareClassesService,
    RedemptionCapService,
    ShareRequestsService,
    ShareSettlementService,
    SharesResolver,
    MemberSharesResolver,
    MembershipSharesService,
    ShareExportsService,
    ShareCertificatesService,
  ],
  controllers: [ShareExportsController],
  exports: [ShareRegisterService],
})
export class SharesModule {}
