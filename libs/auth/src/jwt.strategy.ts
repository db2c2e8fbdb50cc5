import { Inject, Injectable } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG, type AppConfig, isUuid } from '@commons/core';
import { MemberStatus, type Principal } from './principal.js';
import { PrincipalsService } from './principals.service.js';

/**
 * Set on the request by the guard while it authenticates a mutation that checks the caller's standing in
 * its own statement (@ChecksStandingItself): a member this process has not cached is then not looked up.
 */
export const STANDING_CHECKED_BY_STATEMENT = Symbol('commons:standing-checked-by-statement');

interface TokenPayload {
  sub: string;
  /** Set on tokens that are not for signing in (invitations). */
  purpose?: string;
}

/** Verifies the bearer token, then loads the member's current status and roles. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly principals: PrincipalsService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject made once: given a string, jsonwebtoken rebuilds a key (after a failed public-key
      // parse) on every request, which was the largest single cost of a vote in the profile.
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret)) as unknown as string,
      algorithms: ['HS256'],
      ignoreExpiration: false,
      passReqToCallback: true,
    });
  }

  async validate(request: { [STANDING_CHECKED_BY_STATEMENT]?: boolean }, payload: TokenPayload): Promise<Principal | false> {
    if (typeof payload.sub !== 'string' || !isUuid(payload.sub) || payload.purpose !== undefined) return false;
    if (request[STANDING_CHECKED_BY_STATEMENT]) {
      // The statement checks that this member exists and is ACTIVE as it writes (and a refusal says which
      // failed), so a member not cached here is not looked up first: taken as ACTIVE with no roles, which
      // passes only a rule of ACTIVE standing (anything more and the guard loads the member fresh).
      const cached = this.principals.peek(payload.sub);
      if (cached !== undefined) return cached ?? false;
      return { id: payload.sub, status: MemberStatus.ACTIVE, roles: [], stakeholderClass: '' };
    }
    return (await this.principals.load(payload.sub)) ?? false;
  }
}
