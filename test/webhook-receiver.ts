import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  /** The raw body, as sent (the signature is over these bytes). */
  body: string;
  receivedAt: number;
}

/** A real HTTP server on a loopback address that records each POST and answers with the statuses it is given. */
export class WebhookReceiver {
  readonly received: ReceivedHook[] = [];
  /** Answers for the next requests, in order; after them, `then`. */
  answers: number[] = [];
  then = 200;
  private waiters: Array<() => void> = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(host = '127.0.0.1'): Promise<WebhookReceiver> {
    let receiver: WebhookReceiver | null = null;
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        receiver!.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), receivedAt: Date.now() });
        response.statusCode = receiver!.answers.shift() ?? receiver!.then;
        response.end('ok');
        for (const wake of receiver!.waiters.splice(0)) wake();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, host, () => resolve()));
    const { port } = server.address() as AddressInfo;
    receiver = new WebhookReceiver(server, `http://${host}:${port}/hook`);
    return receiver;
  }

  /** Resolves once `count` requests have arrived (or rejects after `timeoutMs`). */
  async waitFor(count: number, timeoutMs = 30_000): Promise<ReceivedHook[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > deadline) throw new Error(`Expected ${count} webhook requests, got ${this.received.length}`);
      await new Promise<void>((wake) => {
        this.waiters.push(wake);
        setTimeout(wake, 200);
      });
    }
    return this.received;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
