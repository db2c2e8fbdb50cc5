import { Controller, Get, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '@commons/auth';
import { APP_CONFIG, type AppConfig } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import { InboxService } from './inbox.service.js';
import { readUnsubscribeToken } from './unsubscribe-token.js';

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
}

/**
 * The unsubscribe link of every email: works without signing in, since the token is signed. GET shows a
 * button (mail scanners follow links, and must not unsubscribe anyone); POST mutes the kind, which is also
 * what one-click unsubscribe (RFC 8058, `List-Unsubscribe-Post`) sends.
 */
@Controller('notifications/unsubscribe')
export class UnsubscribeController {
  constructor(
    private readonly work: UnitOfWork,
    private readonly inbox: InboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Public()
  confirm(@Query('token') token: string | undefined, @Res() response: Response): void {
    const target = readUnsubscribeToken(this.config.notificationsSecret, String(token ?? ''));
    if (!target) {
      response.status(400).type('html').send(page('This link is not valid', '<p>Open your notification settings in Commons instead.</p>'));
      return;
    }
    const action = `/notifications/unsubscribe?token=${encodeURIComponent(String(token))}`;
    response
      .status(200)
      .type('html')
      .send(
        page(
          'Stop these emails?',
          `<p>You will no longer get emails about ${target.kind}. Your inbox in Commons keeps them.</p>` +
            `<form method="post" action="${action}"><button type="submit">Unsubscribe</button></form>`,
        ),
      );
  }

  @Post()
  @Public()
  @HttpCode(200)
  async unsubscribe(@Query('token') token: string | undefined, @Res() response: Response): Promise<void> {
    const target = readUnsubscribeToken(this.config.notificationsSecret, String(token ?? ''));
    if (!target) {
      response.status(400).type('html').send(page('This link is not valid', '<p>Open your notification settings in Commons instead.</p>'));
      return;
    }
    const [member] = await this.work.manager.query('SELECT 1 FROM members WHERE id = $1', [target.memberId]);
    if (!member) {
      response.status(404).type('html').send(page('No such member', '<p>This membership no longer exists.</p>'));
      return;
    }
    await this.work.transaction(() => this.inbox.mute(target.memberId, target.kind));
    response
      .status(200)
      .type('html')
      .send(page('Unsubscribed', `<p>You will no longer get emails about ${target.kind}.</p>`));
  }
}
