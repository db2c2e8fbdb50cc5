import { Inject, Injectable } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG, type AppConfig, isUuid } from '@commons/core';
import type { Principal } from './principal.js';
import { PrincipalsService } from './principals.service.js';

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
    });
  }

  async validate(payload: TokenPayload): Promise<Principal | false> {
    if (typeof payload.sub !== 'string' || !isUuid(payload.sub) || payload.purpose !== undefined) return false;
    return (await this.principals.load(payload.sub)) ?? false;
  }
}
