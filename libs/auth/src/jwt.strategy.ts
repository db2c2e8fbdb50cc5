import { Inject, Injectable } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG, type AppConfig } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import type { MemberStatus, Principal, Role } from './principal.js';

interface TokenPayload {
  sub: string;
  /** Set on tokens that are not for signing in (invitations). */
  purpose?: string;
}

interface PrincipalRow {
  id: string;
  status: MemberStatus;
  roles: Role[];
  stakeholder_class: string;
}

/** Verifies the bearer token, then loads the member's current status and roles. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly work: UnitOfWork,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject made once: given a string, jsonwebtoken rebuilds a key (after a failed public-key
      // parse) on every request, which was the largest single cost of a vote in the profile.
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret)) as unknown as string,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(payload: TokenPayload): Promise<Principal | false> {
    if (typeof payload.sub !== 'string' || payload.purpose !== undefined) return false;
    // Read straight from the shared members table: auth sits below the members lib.
    const rows: PrincipalRow[] = await this.work.manager.query('SELECT id, status, roles, stakeholder_class FROM members WHERE id = $1', [
      payload.sub,
    ]);
    const row = rows[0];
    if (!row) return false;
    return { id: row.id, status: row.status, roles: row.roles, stakeholderClass: row.stakeholder_class };
  }
}
