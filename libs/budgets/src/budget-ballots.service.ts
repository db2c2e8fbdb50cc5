import { Injectable } from '@nestjs/common';
import { AuditService } from '@commons/audit';
import type { Principal } from '@commons/auth';
import { assertUuid, BadUserInputError, ConflictError, NotFoundError } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import { budgetBallotProblem } from './ballot-rules.js';
import type { BudgetBallotInput } from './dto/budget.input.js';
import { BudgetEntity, BudgetPhase } from './entities/budget.entity.js';

/** Members' budget ballots: one each, replaced by a new one until voting closes. */
@Injectable()
export class BudgetBallotsService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  async cast(voter: Principal, input: BudgetBallotInput): Promise<boolean> {
    const budgetId = assertUuid(input.budgetId, 'budgetId');
    const manager = this.work.manager;
    // FOR SHARE: ballots go side by side; closing the vote waits for them.
    const budget = await manager.getRepository(BudgetEntity).findOne({ where: { id: budgetId }, lock: { mode: 'pessimistic_read' } });
    if (!budget) throw new NotFoundError('Budget', budgetId);
    if (budget.phase !== BudgetPhase.VOTING) throw new ConflictError(`Ballots are cast during VOTING only; the budget is ${budget.phase}.`);
    const projects: Array<{ id: string; cost: string; number: number }> = await manager.query(
      `SELECT id, cost, number FROM budget_projects WHERE budget_id = $1 AND status = 'ACCEPTED'`,
      [budgetId],
    );
    const problem = budgetBallotProblem(budget, projects, input.projectIds, input.points);
    if (problem) throw new BadUserInputError(problem, 'projectIds');
    const numberOf = new Map(projects.map((project) => [project.id, project.number]));
    await manager.query(
      `INSERT INTO budget_ballots (budget_id, member_id, project_numbers, points, cast_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (budget_id, member_id) WHERE member_id IS NOT NULL
       DO UPDATE SET project_numbers = EXCLUDED.project_numbers, points = EXCLUDED.points, cast_at = EXCLUDED.cast_at`,
      [budgetId, voter.id, input.projectIds.map((id) => numberOf.get(id)), input.points?.length ? input.points : null],
    );
    this.audit.record({
      actorId: voter.id,
      action: 'budget.ballot_cast',
      entityType: 'Budget',
      entityId: budgetId,
      data: { projectIds: input.projectIds, points: input.points ?? null },
    });
    return true;
  }
}
