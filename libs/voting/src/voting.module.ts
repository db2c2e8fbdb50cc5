import { Module } from '@nestjs/common';
import { MembersModule } from '@commons/members';
import { BallotMixerService } from './ballot-mixer.service.js';
import { BallotsService } from './ballots.service.js';
import { OpenVoteBatcher } from './open-vote-batcher.js';
import { DelegationsResolver } from './delegations.resolver.js';
import { DelegationsService } from './delegations.service.js';
import { ProposalCloserService } from './proposal-closer.service.js';
import { ProposalShapesService } from './proposal-shapes.js';
import { ProposalsDirectoryService } from './proposals-directory.service.js';
import { ProposalsResolver } from './proposals.resolver.js';
import { ProposalsService } from './proposals.service.js';
import { SittingRollService } from './sitting-roll.service.js';
import { TallyEventsService } from './tally-events.service.js';
import { TallyService } from './tally.service.js';

@Module({
  imports: [MembersModule],
  providers: [
    ProposalsService,
    ProposalsDirectoryService,
    BallotsService,
    OpenVoteBatcher,
    ProposalShapesService,
    BallotMixerService,
    TallyService,
    TallyEventsService,
    ProposalCloserService,
    DelegationsService,
    SittingRollService,
    ProposalsResolver,
    DelegationsResolver,
  ],
  exports: [ProposalsService, ProposalsDirectoryService, SittingRollService],
})
export class VotingModule {}
