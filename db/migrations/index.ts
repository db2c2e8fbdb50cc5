// Every migration, oldest first. `npm run db:generate -- Name` adds new ones here.
import { Foundation1795514558750 } from './1795514558750-Foundation.js';
import { Voting1795515868364 } from './1795515868364-Voting.js';
import { Budgets1795516578752 } from './1795516578752-Budgets.js';
import { LoginThrottle1795516769702 } from './1795516769702-LoginThrottle.js';
import { Surplus1795516880684 } from './1795516880684-Surplus.js';
import { BudgetCommonsPosting1795518574441 } from './1795518574441-BudgetCommonsPosting.js';
import { SealedBallots1795520480738 } from './1795520480738-SealedBallots.js';
import { RateLimits1796156909401 } from './1796156909401-RateLimits.js';
import { KeyedAuditChain1796157082308 } from './1796157082308-KeyedAuditChain.js';
import { SecretBallotReceipts1796157082309 } from './1796157082309-SecretBallotReceipts.js';
import { InvitedMembers1796158345445 } from './1796158345445-InvitedMembers.js';
import { BylawsAndAssemblies1796158686260 } from './1796158686260-BylawsAndAssemblies.js';
import { MemberChangeSignal1796159232497 } from './1796159232497-MemberChangeSignal.js';
import { Deliberation1796168860822 } from './1796168860822-Deliberation.js';
import { Notifications1796169340289 } from './1796169340289-Notifications.js';
import { ShareRegister1796169149240 } from './1796169149240-ShareRegister.js';
import { DeliberationNotifications1796170000000 } from './1796170000000-DeliberationNotifications.js';
import { NotificationsByMail1796170100000 } from './1796170100000-NotificationsByMail.js';

export const MIGRATIONS = [
  Foundation1795514558750,
  Voting1795515868364,
  Budgets1795516578752,
  LoginThrottle1795516769702,
  Surplus1795516880684,
  BudgetCommonsPosting1795518574441,
  SealedBallots1795520480738,
  RateLimits1796156909401,
  KeyedAuditChain1796157082308,
  SecretBallotReceipts1796157082309,
  InvitedMembers1796158345445,
  BylawsAndAssemblies1796158686260,
  MemberChangeSignal1796159232497,
  Deliberation1796168860822,
  Notifications1796169340289,
  ShareRegister1796169149240,
  DeliberationNotifications1796170000000,
  NotificationsByMail1796170100000,
];
