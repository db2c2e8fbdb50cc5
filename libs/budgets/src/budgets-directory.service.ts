import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { type Connection, decodeCursor, encodeCursor, isUuid, pageSize, toConnection } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import { BudgetEntity } from './entities/budget.entity.js';
import { BudgetProjectEntity } from './entities/budget-project.entity.js';

/** Reading budgets and their projects. */
@Injectable()
export class BudgetsDirectoryService {
  constructor(private readonly work: UnitOfWork) {}

  find(id: string): Promise<BudgetEntity | null> {
    return isUuid(id) ? this.work.manager.getRepository(BudgetEntity).findOneBy({ id }) : Promise.resolve(null);
  }

  async byIds(ids: readonly string[]): Promise<Map<string, BudgetEntity>> {
    const budgets = await this.work.manager.getRepository(BudgetEntity).findBy({ id: In(ids.filter(isUuid)) });
    return new Map(budgets.map((budget) => [budget.id, budget]));
  }

  /** Newest first. */
  async list(first: number | undefined, after: string | undefined): Promise<Connection<BudgetEntity>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, 2);
    const query = this.work.manager.getRepository(BudgetEntity).createQueryBuilder('budget');
    const totalCount = await query.getCount();
    if (cursor)
      query.where('(budget.created_at, budget.id) < (:createdAt, :id)', { createdAt: new Date(cursor[0]), id: String(cursor[1]) });
    const rows = await query
      .orderBy('budget.created_at', 'DESC')
      .addOrderBy('budget.id', 'DESC')
      .limit(limit + 1)
      .getMany();
    return toConnection(rows, limit, totalCount, (budget) => encodeCursor([budget.createdAt.toISOString(), budget.id]));
  }

  async projectsByBudget(ids: readonly string[]): Promise<Map<string, BudgetProjectEntity[]>> {
    const projects = await this.work.manager
      .getRepository(BudgetProjectEntity)
      .find({ where: { budgetId: In([...ids]) }, order: { number: 'ASC' } });
    const byBudget = new Map<string, BudgetProjectEntity[]>();
    for (const project of projects) {
      const list = byBudget.get(project.budgetId);
      if (list) list.push(project);
      else byBudget.set(project.budgetId, [project]);
    }
    return byBudget;
  }
}
