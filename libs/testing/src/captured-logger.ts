import { ConsoleLogger } from '@nestjs/common';

export interface CapturedLine {
  level: 'log' | 'warn' | 'error';
  message: unknown;
  /** The Nest logger's context, e.g. 'AuditChain'. */
  context: unknown;
}

/** A logger for TestApp that keeps what the server logs instead of printing it. */
export class CapturedLogger extends ConsoleLogger {
  readonly lines: CapturedLine[] = [];

  override log(message: unknown, ...rest: unknown[]): void {
    this.lines.push({ level: 'log', message, context: rest.at(-1) });
  }

  override warn(message: unknown, ...rest: unknown[]): void {
    this.lines.push({ level: 'warn', message, context: rest.at(-1) });
  }

  override error(message: unknown, ...rest: unknown[]): void {
    this.lines.push({ level: 'error', message, context: rest.at(-1) });
  }

  override debug(): void {}

  override verbose(): void {}
}
