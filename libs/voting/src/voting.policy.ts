import { isActiveMember, isAdmin, permission, readsCoopRecords } from '@commons/auth';
import { type ProposalEntity, ProposalStatus } from './entities/proposal.entity.js';

type ProposalSubject = Pick<ProposalEntity, 'authorId' | 'status'>;

const readsProposal = (principal: Parameters<typeof isAdmin>[0], proposal: ProposalSubject): boolean => {
  if (principal && proposal.authorId === principal.id) return true;
  if (proposal.status === ProposalStatus.DRAFT) return isAdmin(principal);
  return readsCoopRecords(principal);
};

/** Who may read proposals and take part in decisions. */
export const VotingPolicy = {
  /** A DRAFT is its author's and the admins'; every other proposal is for ACTIVE members, admins and auditors. */
  readProposal: permission<ProposalSubject>(readsProposal, 'Only active members, admins and auditors can read proposals.'),
  /** Listing: everyone signed in lists what they may read (their own drafts at least). */
  listProposals: permission((principal) => principal !== undefined, 'Sign in to list proposals.'),
  propose: permission(isActiveMember, 'Only ACTIVE members can make proposals.'),
  open: permission<ProposalSubject>(
    (principal, proposal) => isActiveMember(principal) && (proposal.authorId === principal?.id || isAdmin(principal)),
    'Only the author or an admin, in good standing, can open this proposal.',
  ),
  withdraw: permission<ProposalSubject>(
    (principal, proposal) => isActiveMember(principal) && proposal.authorId === principal?.id,
    'Only the author, in good standing, can withdraw a proposal.',
  ),
  close: permission(isAdmin, 'Only admins close proposals by hand.'),
  /** Being on the proposal's roll is checked against the roll itself when the vote is cast. */
  vote: permission(isActiveMember, 'Only ACTIVE members can vote.'),
  delegate: permission(isActiveMember, 'Only ACTIVE members can delegate their vote.'),
  /** Live tallies: whoever may read the proposal, on open ballots (a secret ballot's results stay hidden until it closes). */
  followTally: permission<ProposalSubject & Pick<ProposalEntity, 'secret'>>(
    (principal, proposal) => readsProposal(principal, proposal) && !proposal.secret,
    'Only those who may read the proposal follow its live tally, and a secret ballot has none.',
  ),
};
