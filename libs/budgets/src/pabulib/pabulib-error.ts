import { DomainError, ErrorCode } from '@commons/core';

/** A Pabulib file we cannot import; `line` is 1-based, as an editor shows it. */
export class PabulibError extends DomainError {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(ErrorCode.BadUserInput, `Pabulib line ${line}: ${reason}`, { line });
    this.name = 'PabulibError';
  }
}
