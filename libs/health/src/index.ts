export { GovernanceHealthModule } from './health.module.js';
export {
  decisionMeasures,
  gini,
  governanceHealth,
  MAX_LARGEST_VOTER_ALERTS,
  type DecisionRecord,
  type GovernanceHealth,
} from './governance-health.js';
