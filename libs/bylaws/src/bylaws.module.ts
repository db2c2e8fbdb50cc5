import { Global, Module } from '@nestjs/common';
import { DecisionRules, VotingModule } from '@commons/voting';
import { BylawsAmendmentsService } from './bylaws-amendments.service.js';
import { BylawsResolver } from './bylaws.resolver.js';
import { BylawsService } from './bylaws.service.js';

/**
 * The rules as data, for every lib: voting reads them through its own `DecisionRules`, which this module
 * provides; surplus and assemblies read `BylawsService`. Global, so that voting needs no import of a lib
 * above it.
 */
@Global()
@Module({
  providers: [BylawsService, { provide: DecisionRules, useExisting: BylawsService }],
  exports: [BylawsService, DecisionRules],
})
export class BylawsRulesModule {}

/** Reading the bylaws, founding adjustments and amendments (proposals, so above voting). */
@Module({
  imports: [BylawsRulesModule, VotingModule],
  providers: [BylawsAmendmentsService, BylawsResolver],
})
export class BylawsModule {}
