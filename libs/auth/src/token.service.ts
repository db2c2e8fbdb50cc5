import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';

/** How long an invitation to set a password stays good. */
const INVITATION_DAYS = 14;

export interface Invitation {
  token: string;
  expiresAt: Date;
}

/**
 * Issues the bearer tokens that `register` and `login` return, and invitations for members an admin added
 * (to set their password once). An invitation is never a bearer token: the strategy refuses any token with
 * a purpose.
 */
@Injectable()
export class TokenService {
  constructor(private readonly jwt: JwtService) {}

  issue(memberId: string): Promise<string> {
    return this.jwt.signAsync({ sub: memberId });
  }

  async invitation(memberId: string): Promise<Invitation> {
    const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
    const token = await this.jwt.signAsync({ sub: memberId, purpose: 'invitation' }, { expiresIn: `${INVITATION_DAYS}d` });
    return { token, expiresAt };
  }

  /** The member an invitation is for, or null when it is not a valid, unexpired invitation. */
  async invitedMember(token: string): Promise<string | null> {
    try {
      const payload = await this.jwt.verifyAsync<{ sub?: unknown; purpose?: unknown }>(token, { algorithms: ['HS256'] });
      return payload.purpose === 'invitation' && typeof payload.sub === 'string' ? payload.sub : null;
    } catch {
      return null;
    }
  }
}
