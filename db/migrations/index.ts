// Every migration, oldest first. `npm run db:generate -- Name` adds new ones here.
import { Foundation1795514558750 } from './1795514558750-Foundation.js';
import { Voting1795515868364 } from './1795515868364-Voting.js';
import { Budgets1795516578752 } from './1795516578752-Budgets.js';
import { LoginThrottle1795516769702 } from './1795516769702-LoginThrottle.js';
import { Surplus1795516880684 } from './1795516880684-Surplus.js';
import { BudgetCommonsPosting1795518574441 } from './1795518574441-BudgetCommonsPosting.js';
import { SealedBallots1795520480738 } from './1795520480738-SealedBallots.js';
import { RateLimits1796156909401 } from './1796156909401-RateLimits.js';
import { InvitedMembers1796158345445 } from './1796158345445-InvitedMembers.js';
import { MemberChangeSignal1796159232497 } from './1796159232497-MemberChangeSignal.js';

export const MIGRATIONS = [
  Foundation1795514558750,
  Voting1795515868364,
  Budgets1795516578752,
  LoginThrottle1795516769702,
  Surplus1795516880684,
  BudgetCommonsPosting1795518574441,
  SealedBallots1795520480738,
  RateLimits1796156909401,
  InvitedMembers1796158345445,
  MemberChangeSignal1796159232497,
];
