import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';

/** Issues the bearer tokens that `register` and `login` return. */
@Injectable()
export class TokenService {
  constructor(private readonly jwt: JwtService) {}

  issue(memberId: string): Promise<string> {
    return this.jwt.signAsync({ sub: memberId });
  }
}
