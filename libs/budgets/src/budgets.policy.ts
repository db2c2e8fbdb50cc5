import { isActiveMember, isAdmin, oversees, permission, readsCoopRecords } from '@commons/auth';

/** Who may read and run participatory budgets. */
export const BudgetsPolicy = {
  /** Budgets, their projects (with review reasons) and results: like proposals and the books, ACTIVE members, admins and auditors. */
  read: permission(readsCoopRecords, "Only active members, admins and auditors can read the co-op's budgets."),
  /** Creating, moving phases, reviewing projects, importing Pabulib files: ADMIN. */
  manage: permission(isAdmin, 'Only admins run participatory budgets.'),
  submitProject: permission(isActiveMember, 'Only ACTIVE members can submit projects.'),
  vote: permission(isActiveMember, 'Only ACTIVE members can vote in a participatory budget.'),
  /** A Pabulib file of every ballot: admins and auditors. */
  export: permission(oversees, 'Only admins and auditors can export a budget.'),
  /** Who proposed a project: whoever reads the register, and the proposer themself. */
  readProposer: permission<{ proposerId: string | null }>(
    (principal, project) => !!principal && (project.proposerId === principal.id || readsCoopRecords(principal)),
    'Only those who read the register of members see who proposed a project.',
  ),
};
