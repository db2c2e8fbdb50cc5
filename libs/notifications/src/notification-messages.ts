import { NotificationKind } from './entities/notification.entity.js';

/** What a notification says: plain words, and the path in the web app it points to. */
export interface Message {
  kind: NotificationKind;
  subject: string;
  body: string;
  /** A path in the web app (`/proposals/…`), made absolute with PUBLIC_URL where it is shown. */
  path: string | null;
}

/** `2026-12-15 18:00 UTC`: one unambiguous form for every reader. */
export function when(date: Date | string): string {
  return `${new Date(date).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const OUTCOMES: Record<string, string> = {
  PASSED: 'it passed',
  REJECTED: 'it was rejected',
  NO_QUORUM: 'it did not reach its quorum',
};

export function proposalOpened(proposal: { id: string; title: string; closesAt: Date | null }): Message {
  return {
    kind: NotificationKind.PROPOSAL_OPENED,
    subject: `Vote open: ${proposal.title}`,
    body: `"${proposal.title}" is open for your vote${proposal.closesAt ? ` until ${when(proposal.closesAt)}` : ''}.`,
    path: `/proposals/${proposal.id}`,
  };
}

export function closingSoon(proposal: { id: string; title: string; closesAt: Date }): Message {
  return {
    kind: NotificationKind.CLOSING_SOON,
    subject: `Closing soon: ${proposal.title}`,
    body: `"${proposal.title}" closes at ${when(proposal.closesAt)} and you have not voted yet.`,
    path: `/proposals/${proposal.id}`,
  };
}

export function proposalClosed(
  proposal: { id: string; title: string },
  facts: { outcome?: unknown; participants?: unknown; eligible?: unknown },
): Message {
  const outcome = OUTCOMES[String(facts.outcome)] ?? 'it closed';
  const turnout =
    typeof facts.participants === 'number' && typeof facts.eligible === 'number'
      ? ` ${facts.participants} of ${facts.eligible} took part.`
      : '';
  return {
    kind: NotificationKind.PROPOSAL_CLOSED,
    subject: `Decided: ${proposal.title}`,
    body: `"${proposal.title}" has closed: ${outcome}.${turnout}`,
    path: `/proposals/${proposal.id}`,
  };
}

export interface ConvenedAssembly {
  id: string;
  title: string;
  startsAt: string;
  location: string | null;
  agenda: Array<{ position: number; title: string }>;
}

export function assemblyConvened(assembly: ConvenedAssembly): Message {
  const agenda = assembly.agenda.map((item) => `${item.position}. ${item.title}`).join('\n');
  return {
    kind: NotificationKind.ASSEMBLY_CONVENED,
    subject: `Assembly convened: ${assembly.title}`,
    body: [
      `"${assembly.title}" is convened.`,
      `When: ${when(assembly.startsAt)}`,
      `Where: ${assembly.location ?? 'to be announced'}`,
      `Agenda:\n${agenda}`,
      'If you cannot attend, give your proxy to another active member: open the assembly\'s page and use "Give my proxy" before you would check in.',
    ].join('\n\n'),
    path: `/assemblies/${assembly.id}`,
  };
}

export function budgetPhaseChanged(budget: { id: string; title: string }, from: string, to: string): Message {
  return {
    kind: NotificationKind.BUDGET_PHASE_CHANGED,
    subject: `Budget "${budget.title}" is now ${to}`,
    body: `The participatory budget "${budget.title}" moved from ${from} to ${to}.`,
    path: `/budgets/${budget.id}`,
  };
}

const MEMBERSHIP: Record<string, { subject: string; body: string }> = {
  'member.admitted': {
    subject: 'Welcome: you are a member',
    body: 'Your membership was approved: you are now an ACTIVE member and may vote.',
  },
  'member.suspended': {
    subject: 'Your membership is suspended',
    body: "Your membership was suspended; while it is, you cannot vote or read the co-op's records.",
  },
  'member.reinstated': {
    subject: 'Your membership is active again',
    body: 'Your membership was reinstated: you are an ACTIVE member again.',
  },
};

export function membershipChanged(action: string, reason?: unknown): Message | null {
  const text = MEMBERSHIP[action];
  if (!text) return null;
  return {
    kind: NotificationKind.MEMBERSHIP_CHANGED,
    subject: text.subject,
    body: typeof reason === 'string' && reason ? `${text.body}\n\nReason given: ${reason}` : text.body,
    path: '/',
  };
}

interface Titled {
  id: string;
  title: string;
}

export function proposalPublished(proposal: Titled, authorName: string | null): Message {
  return {
    kind: NotificationKind.PROPOSAL_PUBLISHED,
    subject: `Up for discussion: ${proposal.title}`,
    body:
      `${authorName ?? 'A member'} put "${proposal.title}" up for discussion. ` +
      'Read it, comment and propose amendments before it opens for its vote.',
    path: `/proposals/${proposal.id}`,
  };
}

export function commentReply(proposal: Titled, replierName: string | null): Message {
  return {
    kind: NotificationKind.COMMENT_REPLY,
    subject: `A reply to your comment: ${proposal.title}`,
    body: `${replierName ?? 'A member'} replied to your comment on "${proposal.title}".`,
    path: `/proposals/${proposal.id}`,
  };
}

export function amendmentProposed(proposal: Titled, amenderName: string | null): Message {
  return {
    kind: NotificationKind.AMENDMENT_PROPOSED,
    subject: `An amendment to your proposal: ${proposal.title}`,
    body: `${amenderName ?? 'A member'} proposed an amendment to "${proposal.title}". Accept it (it becomes the text) or decline it.`,
    path: `/proposals/${proposal.id}`,
  };
}

/** What became of an amendment, for its author. */
export type AmendmentOutcome =
  'ACCEPTED' | 'DECLINED' | 'ADOPTED' | 'REJECTED' | 'TOO_LATE' | 'WITHDRAWN_ON_OPENING' | 'WITHDRAWN_WITH_PROPOSAL';

const AMENDMENT_OUTCOMES: Record<AmendmentOutcome, { subject: string; body: (title: string) => string }> = {
  ACCEPTED: {
    subject: 'Your amendment was accepted',
    body: (title) => `The author of "${title}" accepted your amendment: it is now the proposal's text.`,
  },
  DECLINED: {
    subject: 'Your amendment was declined',
    body: (title) =>
      `The author of "${title}" declined your amendment. While the proposal is in discussion, you may put it to the members' vote.`,
  },
  ADOPTED: {
    subject: 'Your amendment was adopted by vote',
    body: (title) => `The members' vote adopted your amendment to "${title}": it is now the proposal's text.`,
  },
  REJECTED: {
    subject: 'Your amendment was rejected by vote',
    body: (title) => `The members' vote on your amendment to "${title}" did not pass: the proposal's text stays as it was.`,
  },
  TOO_LATE: {
    subject: 'Your amendment was not adopted',
    body: (title) => `The vote on your amendment passed after "${title}" had left discussion, when amendments no longer change it.`,
  },
  WITHDRAWN_ON_OPENING: {
    subject: 'Your amendment was withdrawn',
    body: (title) => `"${title}" opened for its vote before your amendment was decided, so the amendment was withdrawn.`,
  },
  WITHDRAWN_WITH_PROPOSAL: {
    subject: 'Your amendment was withdrawn',
    body: (title) => `"${title}" was withdrawn by its author, and your amendment with it.`,
  },
};

export function amendmentDecided(proposal: Titled, outcome: AmendmentOutcome, reason?: unknown): Message {
  const text = AMENDMENT_OUTCOMES[outcome];
  const body = text.body(proposal.title);
  return {
    kind: NotificationKind.AMENDMENT_DECIDED,
    subject: `${text.subject}: ${proposal.title}`,
    body: typeof reason === 'string' && reason ? `${body}\n\nReason given: ${reason}` : body,
    path: `/proposals/${proposal.id}`,
  };
}
