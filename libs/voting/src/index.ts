export { VotingModule } from './voting.module.js';
export {
  ProposalsService,
  type StepAudit,
  type ProposalClosedListener,
  type ProposalChangedListener,
  type ProposalBodyGuard,
  type CountOptions,
} from './proposals.service.js';
export { DecisionRules } from './decision-rules.js';
export { SittingRollService } from './sitting-roll.service.js';
export { ProposalsDirectoryService } from './proposals-directory.service.js';
export { VotingPolicy } from './voting.policy.js';
export { ProposalCloserService } from './proposal-closer.service.js';
export { ProposalEntity, ProposalStatus, Outcome, type StoredTally } from './entities/proposal.entity.js';
export { ProposalOptionEntity } from './entities/proposal-option.entity.js';
export { ProposalVoterEntity } from './entities/proposal-voter.entity.js';
export { BallotEntity, SecretBallotEntity, SecretBallotReceiptEntity } from './entities/ballot.entity.js';
export { SealedBallotEntity } from './entities/sealed-ballot.entity.js';
export { DelegationEntity } from './entities/delegation.entity.js';
export { ProposalModel, DecisionMethodEnum } from './models/proposal.model.js';
export { CreateProposalInput } from './dto/create-proposal.input.js';
export { BALLOT_MIXER_LOCK, MIX_BATCH } from './ballot-mixer.service.js';
