import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@commons/audit';
import { ACCOUNTS, LedgerService, formatCents, parseCents } from '@commons/surplus';
import type { Principal } from '@commons/auth';
import { assertUuid, BadUserInputError, ConflictError, NotFoundError } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import { BudgetAllocationService } from './budget-allocation.service.js';
import type { CreateBudgetInput, SubmitProjectInput } from './dto/budget.input.js';
import { BallotRule, BudgetEntity, BudgetPhase, PHASE_ORDER } from './entities/budget.entity.js';
import { BudgetProjectEntity, ProjectStatus } from './entities/budget-project.entity.js';
import { moneyInput } from './money.js';

/** The participatory-budget cycle: create, move through the phases, submit and review projects. */
@Injectable()
export class BudgetsService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly audit: AuditService,
    private readonly allocation: BudgetAllocationService,
    private readonly ledger: LedgerService,
  ) {}

  async create(actor: Principal, input: CreateBudgetInput): Promise<BudgetEntity> {
    const amount = moneyInput(input.amount, 'amount');
    if (input.ballotRule === BallotRule.CUMULATIVE && !input.points)
      throw new BadUserInputError('CUMULATIVE budgets need points (how many each voter may give).', 'points');
    if (input.ballotRule !== BallotRule.CUMULATIVE && input.points)
      throw new BadUserInputError('points is for CUMULATIVE budgets only.', 'points');
    if (input.fundFromCommons && amount === '0.00')
      throw new BadUserInputError('A budget funded from the commons needs an amount above zero.', 'amount');
    if (input.minProjects !== undefined && input.maxProjects !== undefined && input.minProjects > input.maxProjects) {
      throw new BadUserInputError('minProjects must not be more than maxProjects.', 'minProjects');
    }
    const manager = this.work.manager;
    const repository = manager.getRepository(BudgetEntity);
    const budget = await repository.save(
      repository.create({
        title: input.title.trim(),
        description: input.description ?? null,
        amount,
        currency: input.currency ?? 'EUR',
        ballotRule: input.ballotRule,
        allocationMethod: input.allocationMethod,
        minProjects: input.minProjects ?? null,
        maxProjects: input.maxProjects ?? null,
        points: input.points ?? null,
        createdBy: actor.id,
      }),
    );
    if (input.fundFromCommons) budget.commonsPostingId = await this.drawFromCommons(manager, budget);
    if (budget.commonsPostingId) await repository.save(budget);
    this.audit.record({
      actorId: actor.id,
      action: 'budget.created',
      entityType: 'Budget',
      entityId: budget.id,
      data: {
        title: budget.title,
        amount,
        currency: budget.currency,
        ballotRule: budget.ballotRule,
        allocationMethod: budget.allocationMethod,
      },
    });
    return budget;
  }

  /** Forward only; moving to CLOSED computes the result in the same transaction. */
  async setPhase(actor: Principal, id: string, phase: BudgetPhase): Promise<BudgetEntity> {
    const budgetId = assertUuid(id, 'id');
    const manager = this.work.manager;
    const budget = await this.lockBudget(manager, budgetId);
    if (PHASE_ORDER.indexOf(phase) <= PHASE_ORDER.indexOf(budget.phase)) {
      throw new ConflictError(`Budgets only move forward: it is ${budget.phase}, so it cannot become ${phase}.`);
    }
    const from = budget.phase;
    budget.phase = phase;
    let summary: Record<string, unknown> = {};
    if (phase === BudgetPhase.CLOSED) {
      budget.result = await this.allocation.allocate(manager, budget);
      budget.closedAt = new Date();
      summary = {
        funded: budget.result.funded,
        spent: budget.result.spent,
        leftover: budget.result.leftover,
        voters: budget.result.voters,
      };
    }
    await manager.getRepository(BudgetEntity).save(budget);
    this.audit.record({
      actorId: actor.id,
      action: 'budget.phase_changed',
      entityType: 'Budget',
      entityId: budget.id,
      data: { from, to: phase, ...summary },
    });
    return budget;
  }

  async submitProject(proposer: Principal, input: SubmitProjectInput): Promise<BudgetProjectEntity> {
    const budgetId = assertUuid(input.budgetId, 'budgetId');
    const cost = moneyInput(input.cost, 'cost');
    const manager = this.work.manager;
    // The budget row lock also numbers projects without gaps or duplicates.
    const budget = await this.lockBudget(manager, budgetId);
    if (budget.phase !== BudgetPhase.SUBMISSION)
      throw new ConflictError(`Projects can be submitted during SUBMISSION only; the budget is ${budget.phase}.`);
    const [{ next }] = await manager.query('SELECT coalesce(max(number), 0) + 1 AS next FROM budget_projects WHERE budget_id = $1', [
      budgetId,
    ]);
    const repository = manager.getRepository(BudgetProjectEntity);
    const project = await repository.save(
      repository.create({
        budgetId,
        number: next,
        title: input.title.trim(),
        description: input.description ?? null,
        cost,
        proposerId: proposer.id,
      }),
    );
    this.audit.record({
      actorId: proposer.id,
      action: 'budget.project_submitted',
      entityType: 'BudgetProject',
      entityId: project.id,
      data: { budgetId, title: project.title, cost },
    });
    return project;
  }

  async reviewProject(actor: Principal, id: string, accept: boolean, reason: string | undefined): Promise<BudgetProjectEntity> {
    const projectId = assertUuid(id, 'id');
    const trimmed = reason?.trim() || null;
    if (!accept && !trimmed) throw new BadUserInputError('Give the proposer a reason when rejecting a project.', 'reason');
    if (trimmed && trimmed.length > 5_000) throw new BadUserInputError('reason must be at most 5000 characters long.', 'reason');
    const manager = this.work.manager;
    const project = await manager.getRepository(BudgetProjectEntity).findOneBy({ id: projectId });
    if (!project) throw new NotFoundError('Project', projectId);
    const budget = await this.lockBudget(manager, project.budgetId);
    if (budget.phase !== BudgetPhase.REVIEW)
      throw new ConflictError(`Projects are reviewed during REVIEW only; the budget is ${budget.phase}.`);
    project.status = accept ? ProjectStatus.ACCEPTED : ProjectStatus.REJECTED;
    project.reviewReason = trimmed;
    await manager.getRepository(BudgetProjectEntity).save(project);
    this.audit.record({
      actorId: actor.id,
      action: accept ? 'budget.project_accepted' : 'budget.project_rejected',
      entityType: 'BudgetProject',
      entityId: project.id,
      data: { budgetId: budget.id, reason: trimmed },
    });
    return project;
  }

  /** Posts `Dr commons / Cr budget:<id>` for the budget's amount, if the commons fund holds that much. */
  private async drawFromCommons(manager: EntityManager, budget: BudgetEntity): Promise<string> {
    const amount = parseCents(budget.amount);
    await this.ledger.lockAccount(manager, ACCOUNTS.commons);
    const available = await this.ledger.commonsBalance(manager);
    if (available < amount) {
      throw new ConflictError(`The commons fund holds ${formatCents(available)}; this budget needs ${formatCents(amount)}.`);
    }
    const posting = await this.ledger.post(
      manager,
      {
        memo: `Participatory budget "${budget.title}" funded from the commons`,
        lines: [
          { account: ACCOUNTS.commons, debit: amount, credit: 0n },
          { account: `budget:${budget.id}`, debit: 0n, credit: amount },
        ],
      },
      { periodId: null, kind: 'budget', actorId: budget.createdBy },
    );
    return posting.id;
  }

  async lockBudget(manager: EntityManager, budgetId: string): Promise<BudgetEntity> {
    const budget = await manager.getRepository(BudgetEntity).findOne({ where: { id: budgetId }, lock: { mode: 'pessimistic_write' } });
    if (!budget) throw new NotFoundError('Budget', budgetId);
    return budget;
  }
}
