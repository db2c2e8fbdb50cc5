import { execFileSync } from 'node:child_process';
import { chmodSync, lchownSync, lstatSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EmbeddedPostgresError } from './embedded-postgres-error.js';

/** The OS user PostgreSQL runs as when the server itself runs as root (PostgreSQL refuses root). */
export interface OsUser {
  name: string;
  uid: number;
  gid: number;
}

const NAME = 'postgres';

function lookUp(): OsUser | undefined {
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, NAME], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return { name: NAME, uid: id('-u'), gid: id('-g') };
  } catch {
    return undefined;
  }
}

/** The `postgres` OS user, created (as a system user without a login shell) when it does not exist. */
export function postgresOsUser(log: (message: string) => void): OsUser {
  const existing = lookUp();
  if (existing) return existing;
  log(`Creating the OS user ${NAME} to run the embedded PostgreSQL (PostgreSQL refuses to run as root)`);
  const attempts: Array<[string, string[]]> = [
    ['useradd', ['--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', NAME]],
    ['adduser', ['-S', '-D', '-H', '-s', '/sbin/nologin', NAME]], // BusyBox (Alpine)
  ];
  for (const [command, args] of attempts) {
    try {
      execFileSync(command, args, { stdio: 'ignore' });
      break;
    } catch {
      // try the next tool
    }
  }
  const created = lookUp();
  if (!created) {
    throw new EmbeddedPostgresError(
      `Running as root, the embedded PostgreSQL needs an OS user ${NAME} to run as, and it could not be created: create it (useradd --system ${NAME}), run the server as another user, or set DATABASE_URL to use another PostgreSQL.`,
    );
  }
  return created;
}

/** Whether `user` may pass through the folder (traverse it) by its owner, group or other bits. */
function traversableBy(user: OsUser, folder: string): boolean {
  const { mode, uid, gid } = statSync(folder);
  if (uid === user.uid) return (mode & 0o100) !== 0;
  if (gid === user.gid) return (mode & 0o010) !== 0;
  return (mode & 0o001) !== 0;
}

/**
 * Adds only the traverse bit for others (o+x: pass through, not list) to the folders above `folder` that
 * `user` cannot pass, and says which ones in one line. Nothing else changes: their files stay unreadable.
 */
export function openWayTo(folder: string, user: OsUser, log: (message: string) => void): void {
  const opened: string[] = [];
  for (let current = dirname(folder); ; current = dirname(current)) {
    if (!traversableBy(user, current)) {
      chmodSync(current, (statSync(current).mode & 0o7777) | 0o001);
      opened.push(current);
    }
    if (dirname(current) === current) break;
  }
  if (opened.length > 0) {
    log(`Opened ${opened.join(', ')} for traversal only (o+x, no listing), so that the OS user ${user.name} can reach ${folder}`);
  }
}

/** Gives `path` and everything in it to `user`. */
export function chownTree(path: string, user: OsUser): void {
  lchownSync(path, user.uid, user.gid);
  if (!lstatSync(path).isDirectory()) return;
  for (const name of readdirSync(path)) chownTree(join(path, name), user);
}
