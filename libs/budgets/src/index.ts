export { BudgetsModule } from './budgets.module.js';
export { BudgetsService } from './budgets.service.js';
export { BudgetEntity, BudgetPhase, BallotRule, AllocationMethod } from './entities/budget.entity.js';
export { BudgetProjectEntity, ProjectStatus } from './entities/budget-project.entity.js';
export { BudgetBallotEntity } from './entities/budget-ballot.entity.js';
