import { registerEnumType } from '@nestjs/graphql';

export enum Role {
  MEMBER = 'MEMBER',
  ADMIN = 'ADMIN',
  AUDITOR = 'AUDITOR',
}
registerEnumType(Role, { name: 'Role', description: 'What a member may do beyond taking part.' });

export enum MemberStatus {
  APPLICANT = 'APPLICANT',
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(MemberStatus, {
  name: 'MemberStatus',
  description: 'APPLICANT until admitted; only ACTIVE members take part in decisions.',
});

/** The signed-in member, as loaded fresh for each request (so suspensions take effect at once). */
export interface Principal {
  id: string;
  status: MemberStatus;
  roles: Role[];
  stakeholderClass: string;
}

/**
 * Whether the principal may act in a role now. ADMIN powers need an ACTIVE member. AUDITOR powers need a
 * member who is not suspended or withdrawn (an external auditor may stay an APPLICANT).
 */
export function actsAs(principal: Principal | undefined, role: Role): boolean {
  if (!principal || !principal.roles.includes(role)) return false;
  switch (role) {
    case Role.ADMIN:
    case Role.MEMBER:
      return principal.status === MemberStatus.ACTIVE;
    case Role.AUDITOR:
      return principal.status === MemberStatus.ACTIVE || principal.status === MemberStatus.APPLICANT;
  }
}
