import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import type { DataSource } from 'typeorm';

type Handler = (payload: string) => void;

/**
 * One LISTEN connection per API process, outside the pool, for every channel the libs use (live tallies,
 * cache invalidation, …). Notifications sent in a transaction arrive only once it commits. When the
 * connection is lost it reconnects, and tells `onReconnect` handlers, since notifications sent meanwhile
 * are gone (caches must start over).
 */
@Injectable()
export class DatabaseListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DatabaseListener');
  private readonly handlers = new Map<string, Handler[]>();
  private readonly reconnectHandlers: Array<() => void> = [];
  private client?: pg.Client;
  private stopped = false;
  private connected = false;
  private reconnecting = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Calls `handler` with each notification's payload on `channel` (a plain identifier). */
  on(channel: string, handler: Handler): void {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Not a channel name: ${channel}`);
    const list = this.handlers.get(channel);
    if (list) list.push(handler);
    else {
      this.handlers.set(channel, [handler]);
      if (this.client && this.connected) void this.client.query(`LISTEN ${channel}`).catch(() => undefined);
    }
  }

  /**
   * Sends a notification on this process's own listening connection (not a pooled one a request needs),
   * outside any transaction, so it is delivered at once. Lost if the listener is reconnecting (as are the
   * notifications it would have received meanwhile); resolves whether or not it was sent.
   */
  async notify(channel: string, payload: string): Promise<boolean> {
    if (!this.client || !this.connected) return false;
    try {
      await this.client.query('SELECT pg_notify($1, $2)', [channel, payload]);
      return true;
    } catch (error) {
      this.logger.warn(`Could not notify ${channel} (${String(error)})`);
      return false;
    }
  }

  onReconnect(handler: () => void): void {
    this.reconnectHandlers.push(handler);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.connect(false);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.client?.end().catch(() => undefined);
  }

  private async connect(again: boolean): Promise<void> {
    const options = this.dataSource.options as { url?: string };
    const client = new pg.Client({ connectionString: options.url, application_name: 'commons-listener' } as pg.ClientConfig);
    client.on('notification', (message) => {
      for (const handler of this.handlers.get(message.channel) ?? []) handler(message.payload ?? '');
    });
    client.on('error', (error) => {
      this.logger.warn(`Lost the notification listener (${error.message}); reconnecting`);
      this.retry();
    });
    try {
      await client.connect();
      for (const channel of this.handlers.keys()) await client.query(`LISTEN ${channel}`);
      this.client = client;
      this.connected = true;
      if (again) for (const handler of this.reconnectHandlers) handler();
    } catch (error) {
      this.logger.warn(`Could not listen for notifications (${String(error)}); retrying`);
      await client.end().catch(() => undefined);
      this.retry();
    }
  }

  private retry(): void {
    if (this.stopped || this.reconnecting) return;
    this.reconnecting = true;
    this.connected = false;
    void this.client?.end().catch(() => undefined);
    this.client = undefined;
    setTimeout(() => {
      this.reconnecting = false;
      void this.connect(true);
    }, 1_000).unref();
  }
}
