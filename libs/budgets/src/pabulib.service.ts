import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@commons/audit';
import type { Principal } from '@commons/auth';
import { assertUuid, BadUserInputError, NotFoundError } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import { PabulibError, parsePabulib, pabulibMethod, writePabulib, type PabulibElection } from './pabulib/index.js';
import { BudgetAllocationService } from './budget-allocation.service.js';
import { AllocationMethod, BallotRule, BudgetEntity, BudgetPhase } from './entities/budget.entity.js';
import { BudgetProjectEntity, ProjectStatus } from './entities/budget-project.entity.js';

const INSERT_CHUNK = 10_000;

/** Imports real elections from Pabulib `.pb` files as CLOSED budgets, and exports budgets back. */
@Injectable()
export class PabulibService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly audit: AuditService,
    private readonly allocation: BudgetAllocationService,
  ) {}

  async import(actor: Principal, content: string, method: AllocationMethod | undefined): Promise<BudgetEntity> {
    let election: PabulibElection;
    try {
      election = parsePabulib(content);
    } catch (error) {
      if (error instanceof PabulibError) {
        const problem = new BadUserInputError(`Line ${error.line}: ${error.message.replace(/^Line \d+: /, '')}`, 'content');
        (problem.details as Record<string, unknown>).line = error.line;
        throw problem;
      }
      throw error;
    }
    const allocationMethod = method ?? (pabulibMethod(election) as AllocationMethod | undefined);
    if (!allocationMethod) {
      throw new BadUserInputError(
        `The file's rule "${election.meta.rule ?? ''}" is not GREEDY or EQUAL_SHARES; choose a method.`,
        'method',
      );
    }
    const manager = this.work.manager;
    const repository = manager.getRepository(BudgetEntity);
    const meta = election.meta;
    const title = [meta.description, meta.country, meta.unit, meta.subunit].find((text) => text && text.trim()) ?? 'Imported election';
    const budget = await repository.save(
      repository.create({
        title: title.slice(0, 300),
        description: meta.description ?? null,
        amount: election.budget,
        currency: /^[A-Z]{3}$/.test(meta.currency ?? '') ? meta.currency : 'EUR',
        phase: BudgetPhase.CLOSED,
        ballotRule: election.voteType === 'cumulative' ? BallotRule.CUMULATIVE : BallotRule.APPROVAL,
        allocationMethod,
        minProjects: wholeOrNull(meta.min_length),
        maxProjects: wholeOrNull(meta.max_length),
        points: election.voteType === 'cumulative' ? (wholeOrNull(meta.max_sum_points) ?? 1_000_000) : null,
        createdBy: actor.id,
        pabulib: { meta: { ...meta }, projectColumns: [...election.projectColumns], voteColumns: [...election.voteColumns] },
        closedAt: new Date(),
      }),
    );
    const numberOf = await this.insertProjects(manager, budget.id, election);
    await this.insertBallots(manager, budget.id, election, numberOf);
    budget.result = await this.allocation.allocate(manager, budget);
    await repository.save(budget);
    this.audit.record({
      actorId: actor.id,
      action: 'budget.imported',
      entityType: 'Budget',
      entityId: budget.id,
      data: {
        projects: election.projects.length,
        voters: election.votes.length,
        allocationMethod,
        funded: budget.result.funded.length,
        spent: budget.result.spent,
      },
    });
    return budget;
  }

  /** Writes the file in one transaction with its audit entry (a consistent snapshot of the budget). */
  async export(actor: Principal, budgetId: string): Promise<string> {
    const id = assertUuid(budgetId, 'budgetId');
    const manager = this.work.manager;
    const file = await this.write(manager, id);
    this.audit.record({
      actorId: actor.id,
      action: 'budget.exported',
      entityType: 'Budget',
      entityId: id,
      data: { bytes: file.length },
    });
    return file;
  }

  private async write(manager: EntityManager, id: string): Promise<string> {
    const budget = await manager.getRepository(BudgetEntity).findOneBy({ id });
    if (!budget) throw new NotFoundError('Budget', id);
    const projects = await manager.getRepository(BudgetProjectEntity).find({ where: { budgetId: id }, order: { number: 'ASC' } });
    const onBallot = projects.filter((project) => project.status !== ProjectStatus.SUBMITTED && project.status !== ProjectStatus.REJECTED);
    const idOf = new Map(onBallot.map((project) => [project.number, project.externalId ?? String(project.number)]));
    const ballots: Array<{
      n: string;
      external_voter_id: string | null;
      project_numbers: number[];
      points: number[] | null;
      columns: Record<string, string> | null;
    }> = await manager.query(
      'SELECT id AS n, external_voter_id, project_numbers, points, columns FROM budget_ballots WHERE budget_id = $1 ORDER BY id',
      [id],
    );
    const imported = budget.pabulib;
    const cumulative = budget.ballotRule === BallotRule.CUMULATIVE;
    const meta: Record<string, string> = imported
      ? { ...imported.meta }
      : {
          description: budget.title,
          country: '',
          unit: '',
          instance: budget.createdAt.toISOString().slice(0, 10),
          num_projects: '',
          num_votes: '',
          budget: '',
          vote_type: '',
          rule: '',
        };
    Object.assign(meta, {
      budget: budget.amount.replace(/\.00$/, ''),
      vote_type: cumulative ? 'cumulative' : 'approval',
      num_projects: String(onBallot.length),
      num_votes: String(ballots.length),
      rule: meta.rule || (budget.allocationMethod === AllocationMethod.EQUAL_SHARES ? 'equalshares/add1' : 'greedy'),
    });
    if (cumulative && budget.points && !meta.max_sum_points) meta.max_sum_points = String(budget.points);
    const funded = new Set(budget.result?.funded ?? []);
    const election: PabulibElection = {
      meta,
      budget: meta.budget,
      voteType: cumulative ? 'cumulative' : 'approval',
      projectColumns: imported?.projectColumns ?? ['project_id', 'cost', 'name', 'votes', 'selected'],
      projects: onBallot.map((project) => ({
        id: project.externalId ?? String(project.number),
        cost: project.cost.replace(/\.00$/, ''),
        columns: project.columns ?? { name: project.title, votes: project.support ?? '0', selected: funded.has(project.id) ? '1' : '0' },
      })),
      voteColumns: imported?.voteColumns ?? (cumulative ? ['voter_id', 'vote', 'points'] : ['voter_id', 'vote']),
      votes: ballots.map((ballot, index) => {
        const kept = ballot.project_numbers.map((number, position) => ({ number, position })).filter(({ number }) => idOf.has(number));
        return {
          // Members are exported as anonymous voters 1, 2, 3…
          voterId: ballot.external_voter_id ?? String(index + 1),
          projectIds: kept.map(({ number }) => idOf.get(number)!),
          ...(ballot.points ? { points: kept.map(({ position }) => ballot.points![position]) } : {}),
          columns: ballot.columns ?? {},
        };
      }),
    };
    return writePabulib(election);
  }

  private async insertProjects(manager: EntityManager, budgetId: string, election: PabulibElection): Promise<Map<string, number>> {
    const numberOf = new Map<string, number>();
    const rows = election.projects.map((project, index) => {
      numberOf.set(project.id, index + 1);
      const title = project.columns.name?.trim() || `Project ${project.id}`;
      return {
        budgetId,
        number: index + 1,
        externalId: project.id,
        title: title.slice(0, 500),
        cost: project.cost,
        status: ProjectStatus.ACCEPTED,
        columns: { ...project.columns },
      };
    });
    for (let start = 0; start < rows.length; start += 1_000) {
      await manager.getRepository(BudgetProjectEntity).insert(rows.slice(start, start + 1_000));
    }
    return numberOf;
  }

  /** Voters in chunks of 10,000 rows through unnest: 150,000 voters in a few round trips. */
  private async insertBallots(
    manager: EntityManager,
    budgetId: string,
    election: PabulibElection,
    numberOf: Map<string, number>,
  ): Promise<void> {
    for (let start = 0; start < election.votes.length; start += INSERT_CHUNK) {
      const chunk = election.votes.slice(start, start + INSERT_CHUNK);
      await manager.query(
        `INSERT INTO budget_ballots (budget_id, external_voter_id, project_numbers, points, columns)
         SELECT $1, voter, array(SELECT jsonb_array_elements_text(numbers)::int), CASE WHEN points = 'null' THEN NULL ELSE array(SELECT jsonb_array_elements_text(points)::int) END, columns
           FROM unnest($2::text[], $3::jsonb[], $4::jsonb[], $5::jsonb[]) AS vote(voter, numbers, points, columns)`,
        [
          budgetId,
          chunk.map((vote) => vote.voterId),
          chunk.map((vote) => JSON.stringify(vote.projectIds.map((id) => numberOf.get(id)))),
          chunk.map((vote) => JSON.stringify(vote.points ?? null)),
          chunk.map((vote) => JSON.stringify(vote.columns)),
        ],
      );
    }
  }
}

function wholeOrNull(text: string | undefined): number | null {
  return text && /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;
}
