import { isActiveMember, isAdmin, permission, type Principal } from '@commons/auth';
import { type ProposalEntity, VotingPolicy } from '@commons/voting';
import type { AmendmentEntity } from './entities/amendment.entity.js';
import type { CommentEntity } from './entities/comment.entity.js';

type ProposalSubject = Pick<ProposalEntity, 'authorId' | 'status' | 'atSitting'>;

const readsProposal = (principal: Principal | undefined, proposal: ProposalSubject): boolean =>
  VotingPolicy.readProposal.allows(principal, proposal);

/** Taking part in a discussion: an ACTIVE member who may read the proposal (a DRAFT: its author and admins). */
const takesPart = (principal: Principal | undefined, proposal: ProposalSubject): boolean =>
  isActiveMember(principal) && readsProposal(principal, proposal);

/**
 * Who may discuss and amend proposals. Who may act is decided here (FORBIDDEN); whether the proposal is in a
 * status that allows it (DRAFT, DISCUSSION, OPEN; closed ones are read-only) is the services' CONFLICT.
 */
export const DeliberationPolicy = {
  /** DRAFT -> DISCUSSION: the author or an admin, in good standing (as opening). */
  publish: permission<ProposalSubject>(
    (principal, proposal) => isActiveMember(principal) && (proposal.authorId === principal?.id || isAdmin(principal)),
    'Only the author or an admin, in good standing, can put this proposal up for discussion.',
  ),
  /** Comments, revisions and amendments are read by whoever may read the proposal. */
  read: permission<ProposalSubject>(readsProposal, 'Only those who may read the proposal read its discussion.'),
  comment: permission<ProposalSubject>(takesPart, 'Only ACTIVE members who may read the proposal comment on it.'),
  react: permission<ProposalSubject>(takesPart, 'Only ACTIVE members who may read the proposal react to its comments.'),
  editComment: permission<Pick<CommentEntity, 'authorId'>>(
    (principal, comment) => isActiveMember(principal) && comment.authorId === principal?.id,
    'Only its author, in good standing, can edit a comment.',
  ),
  /** An author may always take back their own words; an admin moderates any comment (with a reason). */
  removeComment: permission<Pick<CommentEntity, 'authorId'>>(
    (principal, comment) => (principal !== undefined && comment.authorId === principal.id) || isAdmin(principal),
    'Only its author or an admin can remove a comment.',
  ),
  /** The author revises the body of their DRAFT or proposal in DISCUSSION (each change a new revision). */
  revise: permission<ProposalSubject>(
    (principal, proposal) => isActiveMember(principal) && proposal.authorId === principal?.id,
    'Only its author, in good standing, can revise a proposal.',
  ),
  proposeAmendment: permission<ProposalSubject>(takesPart, 'Only ACTIVE members who may read the proposal propose amendments.'),
  /** Accepting or declining: the proposal's author. */
  decideAmendment: permission<ProposalSubject>(
    (principal, proposal) => isActiveMember(principal) && proposal.authorId === principal?.id,
    "Only the proposal's author, in good standing, accepts or declines its amendments.",
  ),
  /** Putting a declined amendment to the vote, or withdrawing it: the amendment's author. */
  ownAmendment: permission<Pick<AmendmentEntity, 'authorId'>>(
    (principal, amendment) => isActiveMember(principal) && amendment.authorId === principal?.id,
    "Only the amendment's author, in good standing, can do this.",
  ),
};
