import { MemberStatus, type Principal, Role } from '@commons/auth';
import { ProposalStatus } from '@commons/voting';
import { DeliberationPolicy } from './deliberation.policy.js';

const principal = (id: string, status: MemberStatus, roles: Role[] = [Role.MEMBER]): Principal => ({
  id,
  status,
  roles,
  stakeholderClass: 'WORKER',
});

const CALLERS: Record<string, Principal | undefined> = {
  anonymous: undefined,
  applicant: principal('applicant', MemberStatus.APPLICANT),
  member: principal('member', MemberStatus.ACTIVE),
  suspended: principal('suspended', MemberStatus.SUSPENDED),
  admin: principal('admin', MemberStatus.ACTIVE, [Role.MEMBER, Role.ADMIN]),
  auditor: principal('auditor', MemberStatus.ACTIVE, [Role.MEMBER, Role.AUDITOR]),
  /** An external auditor, never admitted. */
  outsideAuditor: principal('outsideAuditor', MemberStatus.APPLICANT, [Role.AUDITOR]),
  author: principal('author', MemberStatus.ACTIVE),
  suspendedAuthor: principal('author', MemberStatus.SUSPENDED),
};

const proposal = (status: ProposalStatus, atSitting = false) => ({ authorId: 'author', status, atSitting });

/** Who of CALLERS the permission allows on `subject`. */
function allowed<S>(permission: { allows: (p: Principal | undefined, s: S) => boolean }, subject: S): string[] {
  return Object.entries(CALLERS)
    .filter(([, caller]) => permission.allows(caller, subject))
    .map(([name]) => name);
}

describe('DeliberationPolicy', () => {
  it('lets everyone who reads a proposal in discussion read its discussion, and only its author and admins a draft', () => {
    expect(allowed(DeliberationPolicy.read, proposal(ProposalStatus.DISCUSSION))).toEqual([
      'member',
      'admin',
      'auditor',
      'outsideAuditor',
      'author',
      'suspendedAuthor',
    ]);
    expect(allowed(DeliberationPolicy.read, proposal(ProposalStatus.DRAFT))).toEqual(['admin', 'author', 'suspendedAuthor']);
    expect(allowed(DeliberationPolicy.read, proposal(ProposalStatus.DRAFT, true))).toEqual(
      allowed(DeliberationPolicy.read, proposal(ProposalStatus.OPEN)),
    );
  });

  it('lets ACTIVE members who may read the proposal comment, react and amend; never an outside auditor', () => {
    for (const permission of [DeliberationPolicy.comment, DeliberationPolicy.react, DeliberationPolicy.proposeAmendment]) {
      expect(allowed(permission, proposal(ProposalStatus.DISCUSSION))).toEqual(['member', 'admin', 'auditor', 'author']);
      expect(allowed(permission, proposal(ProposalStatus.DRAFT))).toEqual(['admin', 'author']);
    }
  });

  it('lets the author or an admin publish; only the author revise and decide amendments', () => {
    expect(allowed(DeliberationPolicy.publish, proposal(ProposalStatus.DRAFT))).toEqual(['admin', 'author']);
    expect(allowed(DeliberationPolicy.revise, proposal(ProposalStatus.DRAFT))).toEqual(['author']);
    expect(allowed(DeliberationPolicy.decideAmendment, proposal(ProposalStatus.DISCUSSION))).toEqual(['author']);
  });

  it('lets only a comment’s author edit it, and its author (in any standing) or an admin remove it', () => {
    expect(allowed(DeliberationPolicy.editComment, { authorId: 'author' })).toEqual(['author']);
    expect(allowed(DeliberationPolicy.removeComment, { authorId: 'author' })).toEqual(['admin', 'author', 'suspendedAuthor']);
    expect(allowed(DeliberationPolicy.ownAmendment, { authorId: 'author' })).toEqual(['author']);
  });
});
