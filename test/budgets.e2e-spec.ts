import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestApp, type TestMember } from '@commons/testing';
import { members } from './voting-helpers.js';

const PABULIB = join(process.cwd(), 'test', 'fixtures', 'pabulib');
const CREATE = `mutation($input: CreateBudgetInput!) { createBudget(input: $input) { id phase amount currency } }`;
const PHASE = `mutation($id: ID!, $phase: BudgetPhase!) { setBudgetPhase(id: $id, phase: $phase) { id phase } }`;
const SUBMIT = `mutation($input: SubmitProjectInput!) { submitProject(input: $input) { id status cost proposer { id } } }`;
const REVIEW = `mutation($id: ID!, $accept: Boolean!, $reason: String) { reviewProject(id: $id, accept: $accept, reason: $reason) { id status reviewReason } }`;
const BALLOT = `mutation($input: BudgetBallotInput!) { castBudgetBallot(input: $input) }`;
const READ = `query($id: ID!) { budget(id: $id) { id phase amount projects { id title cost status support externalId }
  result { spent leftover voters method perVoterBudget funded { id title } explanation { project { title } support outcome totalPaid payers maxPayment } } } }`;
const IMPORT = `mutation($content: String!, $method: AllocationMethod) { importPabulib(content: $content, method: $method) { id phase allocationMethod } }`;
const EXPORT = `mutation($id: ID!) { exportPabulib(budgetId: $id) }`;

describe('participatory budgets over GraphQL', () => {
  let t: TestApp;
  let admin: TestMember;
  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.admin();
  });
  afterAll(async () => {
    await t.stop();
  });

  /** A budget taken to VOTING with the given projects accepted; returns its id and project ids by title. */
  async function votingBudget(input: Record<string, unknown>, projects: Array<[string, string]>, proposer: TestMember) {
    const { createBudget } = await t.ok(CREATE, { input: { title: 'Commons fund 2026', amount: '1000.00', ...input } }, admin.token);
    await t.ok(PHASE, { id: createBudget.id, phase: 'SUBMISSION' }, admin.token);
    const ids: Record<string, string> = {};
    for (const [title, cost] of projects) {
      ids[title] = (await t.ok(SUBMIT, { input: { budgetId: createBudget.id, title, cost } }, proposer.token)).submitProject.id;
    }
    await t.ok(PHASE, { id: createBudget.id, phase: 'REVIEW' }, admin.token);
    for (const id of Object.values(ids)) await t.ok(REVIEW, { id, accept: true }, admin.token);
    await t.ok(PHASE, { id: createBudget.id, phase: 'VOTING' }, admin.token);
    return { id: createBudget.id as string, projects: ids };
  }

  it('runs a whole APPROVAL cycle with GREEDY, and explains the result', async () => {
    const voters = await members(t, 4);
    const { createBudget } = await t.ok(
      CREATE,
      { input: { title: 'Tools', amount: '1000.00', ballotRule: 'APPROVAL', allocationMethod: 'GREEDY', maxProjects: 2 } },
      admin.token,
    );
    expect(createBudget).toMatchObject({ phase: 'DRAFT', amount: '1000.00', currency: 'EUR' });
    await t.ok(PHASE, { id: createBudget.id, phase: 'SUBMISSION' }, admin.token);
    const submit = async (title: string, cost: string) =>
      (await t.ok(SUBMIT, { input: { budgetId: createBudget.id, title, cost } }, voters[0].token)).submitProject;
    const saw = await submit('Table saw', '600.00');
    const drill = await submit('Drill', '300.00');
    const lathe = await submit('Lathe', '500.00');
    const kiln = await submit('Kiln', '2000.00');
    expect(saw).toMatchObject({ status: 'SUBMITTED', cost: '600.00', proposer: { id: voters[0].id } });
    await t.ok(PHASE, { id: createBudget.id, phase: 'REVIEW' }, admin.token);
    for (const project of [saw, drill, lathe]) await t.ok(REVIEW, { id: project.id, accept: true }, admin.token);
    const rejected = await t.ok(REVIEW, { id: kiln.id, accept: false, reason: 'Needs a new electrical line first' }, admin.token);
    expect(rejected.reviewProject).toMatchObject({ status: 'REJECTED', reviewReason: 'Needs a new electrical line first' });
    await t.ok(PHASE, { id: createBudget.id, phase: 'VOTING' }, admin.token);

    const ballot = (voter: TestMember, projectIds: string[]) =>
      t.gql(BALLOT, { input: { budgetId: createBudget.id, projectIds } }, voter.token);
    expect((await ballot(voters[0], [saw.id, lathe.id])).data?.castBudgetBallot).toBe(true);
    expect((await ballot(voters[1], [saw.id])).errors).toBeUndefined();
    expect((await ballot(voters[2], [drill.id, lathe.id])).errors).toBeUndefined();
    expect((await ballot(voters[3], [saw.id, drill.id])).errors).toBeUndefined();
    expect((await ballot(voters[3], [lathe.id, drill.id])).errors).toBeUndefined(); // replaces the previous ballot
    const tooMany = await ballot(voters[1], [saw.id, drill.id, lathe.id]);
    expect(tooMany.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'projectIds' } });
    expect(tooMany.errors?.[0].message).toMatch(/at most 2 projects/);
    const notOnBallot = await ballot(voters[1], [kiln.id]);
    expect(notOnBallot.errors?.[0].message).toMatch(/accepted projects/);

    await t.ok(PHASE, { id: createBudget.id, phase: 'CLOSED' }, admin.token);
    const { budget } = await t.ok(READ, { id: createBudget.id }, voters[1].token);
    // Support: lathe 3, saw 2, drill 2. Greedy: lathe (500), then the cheaper of the tied saw and drill... saw 600 no longer fits; drill 300 fits.
    expect(budget.result).toMatchObject({ spent: '800.00', leftover: '200.00', voters: 4, method: 'GREEDY' });
    expect(budget.result.funded.map((p: { title: string }) => p.title)).toEqual(['Lathe', 'Drill']);
    const status = Object.fromEntries(budget.projects.map((p: { title: string; status: string }) => [p.title, p.status]));
    expect(status).toEqual({ 'Table saw': 'NOT_FUNDED', Drill: 'FUNDED', Lathe: 'FUNDED', Kiln: 'REJECTED' });
    const why = Object.fromEntries(
      budget.result.explanation.map((e: { project: { title: string }; outcome: string; support: number }) => [
        e.project.title,
        [e.outcome, e.support],
      ]),
    );
    expect(why).toEqual({ 'Table saw': ['did-not-fit', 2], Drill: ['funded', 2], Lathe: ['funded', 3] });

    expect((await t.gql(PHASE, { id: createBudget.id, phase: 'VOTING' }, admin.token)).errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((await ballot(voters[1], [saw.id])).errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('runs a KNAPSACK cycle with EQUAL_SHARES and shows who paid', async () => {
    const voters = await members(t, 4);
    const budget = await votingBudget(
      { ballotRule: 'KNAPSACK', allocationMethod: 'EQUAL_SHARES', amount: '400.00' },
      [
        ['Garden', '200.00'],
        ['Library', '200.00'],
        ['Gym', '300.00'],
      ],
      voters[0],
    );
    const ballot = (voter: TestMember, titles: string[]) =>
      t.gql(BALLOT, { input: { budgetId: budget.id, projectIds: titles.map((title) => budget.projects[title]) } }, voter.token);
    expect((await ballot(voters[0], ['Garden', 'Library'])).errors).toBeUndefined();
    expect((await ballot(voters[1], ['Garden'])).errors).toBeUndefined();
    expect((await ballot(voters[2], ['Gym'])).errors).toBeUndefined();
    expect((await ballot(voters[3], ['Gym'])).errors).toBeUndefined();
    const overBudget = await ballot(voters[3], ['Gym', 'Garden']);
    expect(overBudget.errors?.[0].message).toMatch(/KNAPSACK: the projects you chose cost 500.00 in all, more than the budget of 400.00/);
    await t.ok(PHASE, { id: budget.id, phase: 'CLOSED' }, admin.token);
    const { budget: closed } = await t.ok(READ, { id: budget.id }, voters[0].token);
    expect(closed.result.method).toBe('EQUAL_SHARES');
    expect(Number(closed.result.spent)).toBeLessThanOrEqual(400);
    const funded = closed.result.funded.map((p: { title: string }) => p.title);
    expect(funded).toContain('Garden');
    const garden = closed.result.explanation.find((e: { project: { title: string } }) => e.project.title === 'Garden');
    expect(garden).toMatchObject({ outcome: expect.stringMatching(/^funded/) });
    expect(closed.result.perVoterBudget).toMatch(/^\d+\.\d{2}$/);
  });

  it('runs a CUMULATIVE cycle and checks the points', async () => {
    const voters = await members(t, 3);
    const budget = await votingBudget(
      { ballotRule: 'CUMULATIVE', allocationMethod: 'GREEDY', amount: '500.00', points: 5 },
      [
        ['Bikes', '300.00'],
        ['Bees', '200.00'],
        ['Bus', '400.00'],
      ],
      voters[0],
    );
    const ballot = (voter: TestMember, titles: string[], points: number[]) =>
      t.gql(BALLOT, { input: { budgetId: budget.id, projectIds: titles.map((title) => budget.projects[title]), points } }, voter.token);
    expect((await ballot(voters[0], ['Bus', 'Bees'], [4, 1])).errors).toBeUndefined();
    expect((await ballot(voters[1], ['Bikes', 'Bees'], [2, 3])).errors).toBeUndefined();
    expect((await ballot(voters[2], ['Bikes'], [5])).errors).toBeUndefined();
    expect((await ballot(voters[2], ['Bikes'], [6])).errors?.[0].message).toMatch(/gave 6 points; at most 5/);
    expect((await ballot(voters[2], ['Bikes', 'Bees'], [1])).errors?.[0].message).toMatch(/aligned/);
    await t.ok(PHASE, { id: budget.id, phase: 'CLOSED' }, admin.token);
    const { budget: closed } = await t.ok(READ, { id: budget.id }, voters[0].token);
    const support = Object.fromEntries(closed.projects.map((p: { title: string; support: number }) => [p.title, p.support]));
    expect(support).toEqual({ Bikes: 7, Bees: 4, Bus: 4 });
    // Bikes (7 points, 300) then Bees and Bus tie on 4 points: the cheaper Bees (200) fits, Bus no longer does.
    expect(closed.result.funded.map((p: { title: string }) => p.title)).toEqual(['Bikes', 'Bees']);
  });

  describe('errors', () => {
    it('checks roles, phases and input', async () => {
      const member = await t.member();
      const before = await t.snapshot();
      const input = { title: 'x', amount: '10.00', ballotRule: 'APPROVAL', allocationMethod: 'GREEDY' };
      expect((await t.gql(CREATE, { input }, member.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await t.gql(CREATE, { input })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect((await t.gql(CREATE, { input: { ...input, amount: '-1.00' } }, admin.token)).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'amount',
      });
      expect((await t.gql(CREATE, { input: { ...input, amount: '1.001' } }, admin.token)).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'amount',
      });
      expect((await t.gql(CREATE, { input: { ...input, ballotRule: 'CUMULATIVE' } }, admin.token)).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'points',
      });
      expect(
        (await t.gql(CREATE, { input: { ...input, minProjects: 3, maxProjects: 2 } }, admin.token)).errors?.[0].extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(await t.snapshot()).toEqual(before);

      const { createBudget } = await t.ok(CREATE, { input }, admin.token);
      const submit = { input: { budgetId: createBudget.id, title: 'p', cost: '5.00' } };
      expect((await t.gql(SUBMIT, submit, member.token)).errors?.[0].extensions?.code).toBe('CONFLICT'); // still DRAFT
      await t.ok(PHASE, { id: createBudget.id, phase: 'SUBMISSION' }, admin.token);
      const applicant = await t.member({ status: 'APPLICANT' as never });
      expect((await t.gql(SUBMIT, submit, applicant.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const { submitProject } = await t.ok(SUBMIT, submit, member.token);
      expect((await t.gql(REVIEW, { id: submitProject.id, accept: true }, admin.token)).errors?.[0].extensions?.code).toBe('CONFLICT');
      await t.ok(PHASE, { id: createBudget.id, phase: 'REVIEW' }, admin.token);
      expect((await t.gql(REVIEW, { id: submitProject.id, accept: false }, admin.token)).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'reason',
      });
      expect((await t.gql(REVIEW, { id: submitProject.id, accept: true }, member.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await t.gql(PHASE, { id: createBudget.id, phase: 'SUBMISSION' }, admin.token)).errors?.[0].extensions?.code).toBe('CONFLICT');
      expect(
        (await t.gql(PHASE, { id: '00000000-0000-4000-8000-000000000000', phase: 'CLOSED' }, admin.token)).errors?.[0].extensions?.code,
      ).toBe('NOT_FOUND');
      expect(
        (await t.gql(BALLOT, { input: { budgetId: createBudget.id, projectIds: [submitProject.id] } }, member.token)).errors?.[0].extensions
          ?.code,
      ).toBe('CONFLICT');
    });
  });

  describe('Pabulib', () => {
    const file = (name: string) => readFileSync(join(PABULIB, name), 'utf8');

    it('imports a real election decided by equal shares, matching the projects the city selected', async () => {
      const { importPabulib } = await t.ok(IMPORT, { content: file('poland_wieliczka_2023.pb') }, admin.token);
      expect(importPabulib).toMatchObject({ phase: 'CLOSED', allocationMethod: 'EQUAL_SHARES' });
      const { budget } = await t.ok(READ, { id: importPabulib.id }, admin.token);
      expect(budget.result.voters).toBe(6586);
      expect(budget.projects).toHaveLength(64);
      const selected = await t.sql.query(
        `SELECT external_id FROM budget_projects WHERE budget_id = $1 AND columns->>'selected' = '1' ORDER BY number`,
        [importPabulib.id],
      );
      const funded = await t.sql.query(
        `SELECT external_id FROM budget_projects WHERE budget_id = $1 AND status = 'FUNDED' ORDER BY number`,
        [importPabulib.id],
      );
      expect(funded.rows).toEqual(selected.rows);
    });

    it('imports every approval and cumulative file with its city rule and funds what the city selected, but for the known differences', async () => {
      // Known differences (see libs/budgets/src/pabulib/pabulib-selected.spec.ts): Łódź passed over L048 and
      // L141 (district rules the file does not record); Wrocław's file is a subset of a larger vote whose
      // budget belongs to the whole vote, so GREEDY funds many more projects than the city's 15.
      const expectedDifferences: Record<string, { extra: string[]; missing: string[] } | 'many'> = {
        'poland_lodz_2020_.pb': { extra: ['L048'], missing: ['L099', 'L155', 'L163', 'L249'] },
        'poland_wroclaw_2015_150-500.pb': 'many',
      };
      const files = readdirSync(PABULIB).filter((name) => name.endsWith('.pb') && !name.includes('krakow') && !name.includes('toulouse'));
      expect(files.length).toBeGreaterThanOrEqual(7);
      for (const name of files) {
        const { importPabulib } = await t.ok(IMPORT, { content: file(name) }, admin.token);
        const rows = await t.sql.query(
          `SELECT external_id, status = 'FUNDED' AS funded, columns->>'selected' = '1' AS selected FROM budget_projects WHERE budget_id = $1`,
          [importPabulib.id],
        );
        const extra = rows.rows
          .filter((row: { funded: boolean; selected: boolean }) => row.funded && !row.selected)
          .map((row: { external_id: string }) => row.external_id)
          .sort();
        const missing = rows.rows
          .filter((row: { funded: boolean; selected: boolean }) => !row.funded && row.selected)
          .map((row: { external_id: string }) => row.external_id)
          .sort();
        const expected = expectedDifferences[name] ?? { extra: [], missing: [] };
        if (expected === 'many') expect({ name, missing }).toEqual({ name, missing: [] });
        else expect({ name, extra, missing }).toEqual({ name, ...expected });
      }
    }, 300_000);

    it('exports a file that imports back to the same result', async () => {
      for (const name of ['france_toulouse_2019_.pb', 'poland_warszawa_2018_pole-mokotowskie.pb']) {
        const first = (await t.ok(IMPORT, { content: file(name) }, admin.token)).importPabulib;
        const { exportPabulib } = await t.ok(EXPORT, { id: first.id }, admin.token);
        const second = (await t.ok(IMPORT, { content: exportPabulib }, admin.token)).importPabulib;
        const results = await Promise.all([first.id, second.id].map(async (id) => (await t.ok(READ, { id }, admin.token)).budget.result));
        const summary = (result: { spent: string; leftover: string; voters: number; funded: Array<{ title: string }> }) => ({
          spent: result.spent,
          leftover: result.leftover,
          voters: result.voters,
          funded: result.funded.map((p) => p.title),
        });
        expect(summary(results[1])).toEqual(summary(results[0]));
      }
    });

    it('exports a member-run budget too', async () => {
      const [voter] = await members(t, 1);
      const budget = await votingBudget(
        { ballotRule: 'APPROVAL', allocationMethod: 'GREEDY', amount: '100.00' },
        [['Seeds', '40.00']],
        voter,
      );
      await t.ok(BALLOT, { input: { budgetId: budget.id, projectIds: [budget.projects.Seeds] } }, voter.token);
      await t.ok(PHASE, { id: budget.id, phase: 'CLOSED' }, admin.token);
      const { exportPabulib } = await t.ok(EXPORT, { id: budget.id }, admin.token);
      expect(exportPabulib).toMatch(/^META/);
      expect(exportPabulib).not.toContain(voter.id);
      const reimported = (await t.ok(IMPORT, { content: exportPabulib }, admin.token)).importPabulib;
      const { budget: again } = await t.ok(READ, { id: reimported.id }, admin.token);
      expect(again.result).toMatchObject({ spent: '40.00', voters: 1 });
    });

    it('refuses ordinal files and malformed ones with the line number, and changes nothing', async () => {
      const before = await t.snapshot();
      const ordinal = await t.gql(IMPORT, { content: file('poland_krakow_2021_pradnik-bialy.pb') }, admin.token);
      expect(ordinal.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', line: expect.any(Number) });
      expect(ordinal.errors?.[0].message).toMatch(/^Line \d+/);
      const broken = file('poland_warszawa_2018_pole-mokotowskie.pb').replace(/\n(\d+);(\d+);/, '\n$1;not-a-number;');
      const malformed = await t.gql(IMPORT, { content: broken }, admin.token);
      expect(malformed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', line: expect.any(Number) });
      expect((await t.gql(IMPORT, { content: 'garbage' }, admin.token)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const member = await t.member();
      expect((await t.gql(IMPORT, { content: 'x' }, member.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await t.gql(EXPORT, { id: '00000000-0000-4000-8000-000000000000' }, admin.token)).errors?.[0].extensions?.code).toBe(
        'NOT_FOUND',
      );
      expect((await t.gql(EXPORT, { id: '00000000-0000-4000-8000-000000000000' }, member.token)).errors?.[0].extensions?.code).toBe(
        'FORBIDDEN',
      );
      const after = await t.snapshot();
      delete after[Object.keys(after).find((key) => key.startsWith('members:'))!];
      delete before[Object.keys(before).find((key) => key.startsWith('members:'))!];
      expect({ ...after, members: before.members }).toEqual(before);
    });
  });
});
