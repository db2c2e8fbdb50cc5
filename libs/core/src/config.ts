import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import proxyAddr from 'proxy-addr';

export interface AppConfig {
  production: boolean;
  port: number;
  /** The co-op's name, as share certificates state it. */
  coopName: string;
  /** Where the embedded database and the development secrets live. */
  dataDir: string;
  /** The PostgreSQL server to use; unset means the embedded one in `dataDir`. */
  databaseUrl?: string;
  databasePoolSize: number;
  jwtSecret: string;
  jwtExpiresIn: string;
  /** Keys the audit chain's hashes (HMAC-SHA256); kept outside the database, so a database reader cannot reseal edits. */
  auditKey: string;
  /** Seals secret ballots until they are mixed; apart from jwtSecret, so rotating one does not break the other. */
  ballotKey: string;
  adminEmail?: string;
  adminPassword?: string;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  /** GraphQL limits: refuse deeper or costlier queries before touching the database. */
  graphqlMaxDepth: number;
  graphqlMaxComplexity: number;
  /** Aliased fields per operation, and tokens per document (graphql's parse `maxTokens`). */
  graphqlMaxAliases: number;
  graphqlMaxTokens: number;
  /**
   * Express's `trust proxy`: which hops may say who the client is (X-Forwarded-For). false: none, the
   * socket's peer is the client; true: all; a number: that many hops; a list: those addresses or subnets.
   */
  trustProxy: TrustProxy;
  bodyLimit: string;
  /** Serve the GraphiQL IDE to browsers at GET /graphql (default: everywhere but production). */
  graphqlIde: boolean;
  /** CSV exports at once per process, and the seconds one may take before it is cut off. */
  exportMaxConcurrent: number;
  exportTimeoutSeconds: number;
  /** Registrations allowed per client address, and in all, per window. */
  registerLimit: RateLimit;
  registerLimitTotal: RateLimit;
  /** Sign-in attempts allowed per account and per client address, per window. */
  loginLimit: RateLimit;
  loginLimitAddress: RateLimit;
  /** Comments, and reactions, a member may post per window. */
  commentLimit: RateLimit;
  reactionLimit: RateLimit;
  /** Signs unsubscribe links (HMAC-SHA256); in production derived from JWT_SECRET when not set. */
  notificationsSecret: string;
  /** Where members open the web app: links in emails start here. */
  publicUrl: string;
  /** nodemailer's SMTP URL; unset: messages go to the log. */
  smtpUrl?: string;
  mailFrom: string;
  /** How long before `closesAt` the members who have not voted are reminded, once. */
  closingSoonBeforeSeconds: number;
  /** Hosts a webhook may name although they are not public (loopback, private networks). */
  webhookAllowedHosts: string[];
  /** Seconds to wait before each retry of a failed webhook delivery; after the last, FAILED. */
  webhookRetrySchedule: number[];
  webhookTimeoutSeconds: number;
  /** How often the notifications worker looks for new events and due jobs. */
  notificationsPollMs: number;
}

export type TrustProxy = boolean | number | string[];

/** TRUST_PROXY: `false` (default), `true`, a hop count, or a comma-separated list of addresses, subnets or `loopback`, `linklocal`, `uniquelocal`. */
export function parseTrustProxy(raw: string | undefined): TrustProxy | null {
  const value = (raw ?? '').trim();
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  const list = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  try {
    proxyAddr.compile(list);
  } catch {
    return null;
  }
  return list.length > 0 ? list : null;
}

/** `count` attempts per `windowSeconds`, written `N/duration` in the environment (e.g. `20/1h`). */
export interface RateLimit {
  count: number;
  windowSeconds: number;
}

const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** A whole number of s, m, h or d (`30s`, `24h`), in seconds; null if it is not one. */
export function parseDuration(raw: string): number | null {
  const match = /^(\d+)([smhd])$/.exec(raw.trim());
  return match ? Number(match[1]) * DURATION_UNITS[match[2]] : null;
}

/** `N/duration`, the duration a whole number of s, m, h or d (`10/1h`, `500/1d`). */
export function parseRateLimit(raw: string): RateLimit | null {
  const match = /^(\d+)\/(\d+)([smhd])$/.exec(raw.trim());
  if (!match) return null;
  const count = Number(match[1]);
  const windowSeconds = Number(match[2]) * DURATION_UNITS[match[3]];
  return count >= 1 && windowSeconds >= 1 ? { count, windowSeconds } : null;
}

function rateLimit(env: NodeJS.ProcessEnv, name: string, fallback: string, problems: string[]): RateLimit {
  const parsed = parseRateLimit(env[name] || fallback);
  if (parsed) return parsed;
  problems.push(`${name} must be N/duration with N at least 1 and the duration in s, m, h or d, e.g. 20/1h (got "${env[name]}")`);
  return parseRateLimit(fallback)!;
}

/** Raised when the environment cannot make a working server; the message says what to set. */
export class ConfigError extends Error {
  constructor(problems: string[]) {
    // One problem is one line; several are a list.
    super(problems.length === 1 ? `Invalid configuration: ${problems[0]}.` : `Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, problems: string[], min = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    problems.push(`${name} must be a whole number of at least ${min} (got "${raw}")`);
    return fallback;
  }
  return value;
}

/** The secrets the server needs: each its own variable, and its own file in the data folder in development. */
const SECRETS = [
  { name: 'JWT_SECRET', field: 'jwtSecret', file: 'jwt-secret', purpose: 'signs tokens' },
  { name: 'AUDIT_KEY', field: 'auditKey', file: 'audit-key', purpose: "keys the audit chain's hashes" },
  { name: 'BALLOT_KEY', field: 'ballotKey', file: 'ballot-key', purpose: 'seals secret ballots' },
  { name: 'NOTIFICATIONS_SECRET', field: 'notificationsSecret', file: 'notifications-secret', purpose: 'signs unsubscribe links' },
] as const;

/** Secrets a production server may go without: they are then derived from JWT_SECRET (rotating it voids them too). */
const DERIVABLE = new Set<string>(['NOTIFICATIONS_SECRET']);

function derivedSecret(jwtSecret: string, name: string): string {
  return createHmac('sha256', jwtSecret).update(`commons ${name}`).digest('base64url');
}

function duration(env: NodeJS.ProcessEnv, name: string, fallback: string, problems: string[]): number {
  const parsed = parseDuration(env[name] || fallback);
  if (parsed !== null && parsed > 0) return parsed;
  problems.push(`${name} must be a duration in s, m, h or d, e.g. 24h (got "${env[name]}")`);
  return parseDuration(fallback)!;
}

/** Retries 30 s, 2 m, 5 m, 15 m, 1 h and 3 h after a failure: the first within a minute, six over more than 4 hours. */
const DEFAULT_RETRY_SCHEDULE = '30s,2m,5m,15m,1h,3h';

function retrySchedule(env: NodeJS.ProcessEnv, problems: string[]): number[] {
  const raw = env.WEBHOOK_RETRY_SCHEDULE || DEFAULT_RETRY_SCHEDULE;
  const steps = raw.split(',').map((step) => parseDuration(step));
  if (steps.length > 0 && steps.length <= 20 && steps.every((step) => step !== null && step > 0)) return steps as number[];
  problems.push(
    `WEBHOOK_RETRY_SCHEDULE must be 1 to 20 comma-separated durations in s, m, h or d, e.g. ${DEFAULT_RETRY_SCHEDULE} (got "${raw}")`,
  );
  return DEFAULT_RETRY_SCHEDULE.split(',').map((step) => parseDuration(step)!);
}

/** Development only: a secret generated once and kept in the data folder, so it survives restarts. */
function developmentSecret(dataDir: string, fileName: string): string {
  const file = join(dataDir, fileName);
  try {
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(48).toString('base64url');
    writeFileSync(file, secret + '\n', { mode: 0o600 });
    return secret;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOTDIR' || code === 'EEXIST' ? 'it is a file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code;
    throw new ConfigError([
      `DATA_DIR ${dataDir} must be a folder this user can write (${reason}), as it keeps the development secrets and the embedded database`,
    ]);
  }
}

function publicUrl(env: NodeJS.ProcessEnv, problems: string[]): string {
  const raw = env.PUBLIC_URL || `http://localhost:${env.PORT || 3000}`;
  try {
    const url = new URL(raw);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.toString().replace(/\/+$/, '');
  } catch {
    // reported below
  }
  problems.push(`PUBLIC_URL must be an http:// or https:// URL (got "${raw}")`);
  return 'http://localhost:3000';
}

function smtpUrl(env: NodeJS.ProcessEnv, problems: string[]): string | undefined {
  const raw = env.SMTP_URL || undefined;
  if (raw && !/^smtps?:\/\/[^/]/.test(raw))
    problems.push('SMTP_URL must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example:587');
  return raw;
}

/** Reads and validates the environment once at boot; throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const production = env.NODE_ENV === 'production';
  const dataDir = resolve(env.DATA_DIR || 'data');

  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// URL');
  }

  const secrets = { jwtSecret: '', auditKey: '', ballotKey: '', notificationsSecret: '' };
  const namesBySecret = new Map<string, string>();
  for (const secret of SECRETS) {
    const value = env[secret.name] ?? '';
    secrets[secret.field] = value;
    if (!value) {
      if (production && !DERIVABLE.has(secret.name))
        problems.push(`${secret.name} must be set when NODE_ENV=production (a long random string; it ${secret.purpose})`);
    } else if (value.length < 32) {
      problems.push(`${secret.name} must be at least 32 characters long`);
    } else if (namesBySecret.has(value)) {
      // One value for two purposes would tie them together again: rotating one would break the other.
      problems.push(`${secret.name} must differ from ${namesBySecret.get(value)}`);
    }
    namesBySecret.set(value, secret.name);
  }

  const adminEmail = env.ADMIN_EMAIL || undefined;
  const adminPassword = env.ADMIN_PASSWORD || undefined;
  if (Boolean(adminEmail) !== Boolean(adminPassword)) {
    problems.push('ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  if (adminPassword && adminPassword.length < 8) problems.push('ADMIN_PASSWORD must be at least 8 characters long');

  const logLevel = (env.LOG_LEVEL || 'log') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const graphqlIde = env.GRAPHQL_IDE || undefined;
  if (graphqlIde !== undefined && graphqlIde !== 'true' && graphqlIde !== 'false') problems.push('GRAPHQL_IDE must be true or false');

  const trustProxy = parseTrustProxy(env.TRUST_PROXY);
  if (trustProxy === null) {
    problems.push(
      `TRUST_PROXY must be false, true, a number of hops, or a comma-separated list of addresses or subnets (got "${env.TRUST_PROXY}")`,
    );
  }

  const config: AppConfig = {
    production,
    port: integer(env, 'PORT', 3000, problems, 0),
    coopName: (env.COOP_NAME || 'Commons co-operative').trim().slice(0, 200),
    dataDir,
    databaseUrl,
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 20, problems),
    ...secrets,
    jwtExpiresIn: env.JWT_EXPIRES_IN || '12h',
    adminEmail,
    adminPassword,
    logLevel,
    graphqlMaxDepth: integer(env, 'GRAPHQL_MAX_DEPTH', 12, problems),
    graphqlMaxComplexity: integer(env, 'GRAPHQL_MAX_COMPLEXITY', 20_000, problems),
    graphqlMaxAliases: integer(env, 'GRAPHQL_MAX_ALIASES', 30, problems, 0),
    graphqlMaxTokens: integer(env, 'GRAPHQL_MAX_TOKENS', 5000, problems),
    trustProxy: trustProxy ?? false,
    bodyLimit: env.BODY_LIMIT || '64mb',
    graphqlIde: graphqlIde === undefined ? !production : graphqlIde === 'true',
    exportMaxConcurrent: integer(env, 'EXPORT_MAX_CONCURRENT', 4, problems),
    exportTimeoutSeconds: integer(env, 'EXPORT_TIMEOUT', 120, problems),
    registerLimit: rateLimit(env, 'REGISTER_LIMIT', '10/1h', problems),
    registerLimitTotal: rateLimit(env, 'REGISTER_LIMIT_TOTAL', '200/1h', problems),
    loginLimit: rateLimit(env, 'LOGIN_LIMIT', '5/15m', problems),
    loginLimitAddress: rateLimit(env, 'LOGIN_LIMIT_ADDRESS', '30/15m', problems),
    commentLimit: rateLimit(env, 'COMMENT_LIMIT', '5/1m', problems),
    reactionLimit: rateLimit(env, 'REACTION_LIMIT', '60/1m', problems),
    publicUrl: publicUrl(env, problems),
    smtpUrl: smtpUrl(env, problems),
    mailFrom: env.MAIL_FROM || 'Commons <commons@localhost>',
    closingSoonBeforeSeconds: duration(env, 'CLOSING_SOON_BEFORE', '24h', problems),
    webhookAllowedHosts: (env.WEBHOOK_ALLOWED_HOSTS ?? '')
      .split(',')
      .map((host) =>
        host
          .trim()
          .toLowerCase()
          .replace(/^\[|\]$/g, ''),
      )
      .filter(Boolean),
    webhookRetrySchedule: retrySchedule(env, problems),
    webhookTimeoutSeconds: integer(env, 'WEBHOOK_TIMEOUT', 10, problems),
    notificationsPollMs: integer(env, 'NOTIFICATIONS_POLL_MS', 200, problems, 10),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  for (const secret of SECRETS) {
    if (config[secret.field]) continue;
    config[secret.field] =
      production && DERIVABLE.has(secret.name) ? derivedSecret(config.jwtSecret, secret.name) : developmentSecret(dataDir, secret.file);
  }
  return config;
}

/** The Nest injection token for AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
