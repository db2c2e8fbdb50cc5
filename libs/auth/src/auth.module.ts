import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { APP_CONFIG, type AppConfig } from '@commons/core';
import { CommonsAuthGuard } from './auth.guard.js';
import { JwtStrategy } from './jwt.strategy.js';
import { PrincipalsService } from './principals.service.js';
import { TokenService } from './token.service.js';

@Global()
@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: config.jwtSecret, signOptions: { expiresIn: config.jwtExpiresIn as '12h' } }),
    }),
  ],
  providers: [JwtStrategy, TokenService, PrincipalsService, { provide: APP_GUARD, useClass: CommonsAuthGuard }],
  exports: [TokenService, PrincipalsService],
})
export class AuthModule {}
