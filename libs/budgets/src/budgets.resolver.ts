import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow, CurrentMember, type Principal } from '@commons/auth';
import { type Connection, type RequestContext, requestLoader } from '@commons/core';
import { CommonsFundingModel } from '@commons/surplus';
import { type MemberEntity, MembersDirectoryService, memberLoader, MemberModel } from '@commons/members';
import { BudgetBallotsService } from './budget-ballots.service.js';
import { BudgetsDirectoryService } from './budgets-directory.service.js';
import { BudgetsPolicy } from './budgets.policy.js';
import { BudgetsService } from './budgets.service.js';
import { BudgetBallotInput, CreateBudgetInput, SubmitProjectInput } from './dto/budget.input.js';
import { AllocationMethod, type BudgetEntity, BudgetPhase } from './entities/budget.entity.js';
import type { BudgetProjectEntity } from './entities/budget-project.entity.js';
import { BudgetConnection, BudgetModel, BudgetProjectModel, BudgetResultModel, ProjectFundingModel } from './models/budget.model.js';
import { PabulibService } from './pabulib.service.js';

@Resolver(() => BudgetModel)
export class BudgetsResolver {
  constructor(
    private readonly budgets: BudgetsService,
    private readonly ballots: BudgetBallotsService,
    private readonly directory: BudgetsDirectoryService,
    private readonly pabulib: PabulibService,
  ) {}

  @Query(() => BudgetModel, { nullable: true, description: 'ACTIVE members, admins and auditors.' })
  @Allow(BudgetsPolicy.read)
  budget(@Args('id', { type: () => ID }) id: string): Promise<BudgetEntity | null> {
    return this.directory.find(id);
  }

  @Query(() => BudgetConnection, { name: 'budgets', description: 'Newest first. ACTIVE members, admins and auditors.' })
  @Allow(BudgetsPolicy.read)
  listBudgets(
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<Connection<BudgetEntity>> {
    return this.directory.list(first, after);
  }

  @Mutation(() => BudgetModel, { description: 'ADMIN.' })
  @Allow(BudgetsPolicy.manage)
  createBudget(@CurrentMember() actor: Principal, @Args('input') input: CreateBudgetInput): Promise<BudgetEntity> {
    return this.budgets.create(actor, input);
  }

  @Mutation(() => BudgetModel, { description: 'ADMIN, forward only; CLOSED computes the result.' })
  @Allow(BudgetsPolicy.manage)
  setBudgetPhase(
    @CurrentMember() actor: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('phase', { type: () => BudgetPhase }) phase: BudgetPhase,
  ): Promise<BudgetEntity> {
    return this.budgets.setPhase(actor, id, phase);
  }

  @Mutation(() => BudgetProjectModel, { description: 'ACTIVE member during SUBMISSION.' })
  @Allow(BudgetsPolicy.submitProject)
  submitProject(@CurrentMember() proposer: Principal, @Args('input') input: SubmitProjectInput): Promise<BudgetProjectEntity> {
    return this.budgets.submitProject(proposer, input);
  }

  @Mutation(() => BudgetProjectModel, { description: 'ADMIN during REVIEW; a rejection needs a reason.' })
  @Allow(BudgetsPolicy.manage)
  reviewProject(
    @CurrentMember() actor: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('accept') accept: boolean,
    @Args('reason', { nullable: true }) reason?: string,
  ): Promise<BudgetProjectEntity> {
    return this.budgets.reviewProject(actor, id, accept, reason);
  }

  @Mutation(() => Boolean, { description: 'ACTIVE member during VOTING; replaces the old ballot.' })
  @Allow(BudgetsPolicy.vote)
  castBudgetBallot(@CurrentMember() voter: Principal, @Args('input') input: BudgetBallotInput): Promise<boolean> {
    return this.ballots.cast(voter, input);
  }

  @Mutation(() => BudgetModel, {
    description:
      "ADMIN: a CLOSED budget with its projects and ballots, result computed by `method` (default: the file's `rule`). Approval and cumulative files; anything else, or a malformed file, is BAD_USER_INPUT naming the line.",
  })
  @Allow(BudgetsPolicy.manage)
  importPabulib(
    @CurrentMember() actor: Principal,
    @Args('content') content: string,
    @Args('method', { type: () => AllocationMethod, nullable: true }) method?: AllocationMethod,
  ): Promise<BudgetEntity> {
    return this.pabulib.import(actor, content, method);
  }

  @Mutation(() => String, {
    description:
      'ADMIN, AUDITOR: the budget as a Pabulib .pb file (members appear as anonymous voters). A mutation, as API.md has it: each export is recorded in the audit log.',
  })
  @Allow(BudgetsPolicy.export)
  exportPabulib(@CurrentMember() actor: Principal, @Args('budgetId', { type: () => ID }) budgetId: string): Promise<string> {
    return this.pabulib.export(actor, budgetId);
  }

  @ResolveField('projects', () => [BudgetProjectModel])
  async projects(@Parent() budget: BudgetEntity, @Context() context: RequestContext): Promise<BudgetProjectEntity[]> {
    return (await projectLoader(context, this.directory).load(budget.id)) ?? [];
  }

  @ResolveField('result', () => BudgetResultModel, { nullable: true, description: 'Once CLOSED.' })
  async result(@Parent() budget: BudgetEntity, @Context() context: RequestContext): Promise<BudgetResultModel | null> {
    if (!budget.result) return null;
    const projects = (await projectLoader(context, this.directory).load(budget.id)) ?? [];
    const byId = new Map(projects.map((project) => [project.id, project]));
    const stored = budget.result;
    return {
      funded: stored.funded.map((id) => byId.get(id)!).filter(Boolean),
      spent: stored.spent,
      leftover: stored.leftover,
      voters: stored.voters,
      method: stored.method,
      perVoterBudget: stored.perVoterBudget,
      explanation: stored.projects
        .filter((entry) => byId.has(entry.projectId))
        .map((entry): ProjectFundingModel => ({
          project: byId.get(entry.projectId)!,
          support: entry.support,
          outcome: entry.outcome,
          totalPaid: entry.totalPaid ?? null,
          payers: entry.payers ?? null,
          maxPayment: entry.maxPayment ?? null,
        })),
    };
  }
}

@Resolver(() => BudgetProjectModel)
export class BudgetProjectsResolver {
  constructor(private readonly members: MembersDirectoryService) {}

  @ResolveField('proposer', () => MemberModel, {
    nullable: true,
    description: 'For those who may read the register of members, and the proposer themself.',
  })
  proposer(@Parent() project: BudgetProjectEntity, @Context() context: RequestContext): Promise<MemberEntity | null> | null {
    const principal = context.req.user as Principal | undefined;
    if (!project.proposerId || !BudgetsPolicy.readProposer.allows(principal, project)) return null;
    return memberLoader(context, this.members).load(project.proposerId);
  }

  @ResolveField('support', () => Number, { nullable: true, description: 'Once CLOSED: approvals or points received.' })
  support(@Parent() project: BudgetProjectEntity): number | null {
    return project.support === null ? null : Number(project.support);
  }
}

function projectLoader(context: RequestContext, directory: BudgetsDirectoryService) {
  return requestLoader(context, 'budgetProjects', (ids) => directory.projectsByBudget(ids));
}

/** The budget a draw on the commons fund paid for (commonsFunding is for auditors and admins already). */
@Resolver(() => CommonsFundingModel)
export class CommonsFundingBudgetResolver {
  constructor(private readonly directory: BudgetsDirectoryService) {}

  @ResolveField('budget', () => BudgetModel, { nullable: true, description: 'The participatory budget it funded.' })
  budget(@Parent() funding: CommonsFundingModel, @Context() context: RequestContext): Promise<BudgetEntity | null> | null {
    if (!funding.budgetId) return null;
    return requestLoader(context, 'budgetsById', (ids) => this.directory.byIds(ids)).load(funding.budgetId);
  }
}
