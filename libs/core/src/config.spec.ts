import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  const dataDir = () => mkdtempSync(join(tmpdir(), 'commons-config-'));

  it('runs with no configuration at all, on port 3000 and the embedded database', () => {
    const dir = dataDir();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config).toMatchObject({ port: 3000, production: false, databaseUrl: undefined, dataDir: dir });
  });

  it('generates a development JWT secret once and keeps it in the data folder', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir });
    const second = loadConfig({ DATA_DIR: dir });
    expect(first.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(second.jwtSecret).toBe(first.jwtSecret);
    expect(readFileSync(join(dir, 'jwt-secret'), 'utf8').trim()).toBe(first.jwtSecret);
    expect(statSync(join(dir, 'jwt-secret')).mode & 0o777).toBe(0o600);
  });

  it('generates the audit and ballot keys once, each in its own file, apart from the JWT secret', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir });
    const second = loadConfig({ DATA_DIR: dir });
    for (const [field, file] of [
      ['auditKey', 'audit-key'],
      ['ballotKey', 'ballot-key'],
    ] as const) {
      expect(first[field].length).toBeGreaterThanOrEqual(32);
      expect(second[field]).toBe(first[field]);
      expect(readFileSync(join(dir, file), 'utf8').trim()).toBe(first[field]);
      expect(statSync(join(dir, file)).mode & 0o777).toBe(0o600);
    }
    expect(new Set([first.jwtSecret, first.auditKey, first.ballotKey]).size).toBe(3);
  });

  it('refuses to start in production without AUDIT_KEY or BALLOT_KEY', () => {
    const env = { NODE_ENV: 'production', DATA_DIR: dataDir(), JWT_SECRET: 'j'.repeat(32) };
    expect(() => loadConfig(env)).toThrow(/AUDIT_KEY must be set when NODE_ENV=production/);
    expect(() => loadConfig(env)).toThrow(/BALLOT_KEY must be set when NODE_ENV=production/);
    expect(() => loadConfig({ ...env, AUDIT_KEY: 'a'.repeat(32) })).not.toThrow(/AUDIT_KEY/);
    const config = loadConfig({ ...env, AUDIT_KEY: 'a'.repeat(32), BALLOT_KEY: 'b'.repeat(32) });
    expect(config).toMatchObject({ jwtSecret: 'j'.repeat(32), auditKey: 'a'.repeat(32), ballotKey: 'b'.repeat(32) });
  });

  it('refuses short keys, and one value for two purposes', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), AUDIT_KEY: 'short', BALLOT_KEY: 'too short' })).toThrow(
      /AUDIT_KEY must be at least 32 characters long[\s\S]*BALLOT_KEY must be at least 32 characters long/,
    );
    const shared = 's'.repeat(40);
    expect(() => loadConfig({ DATA_DIR: dataDir(), JWT_SECRET: shared, BALLOT_KEY: shared })).toThrow(
      /BALLOT_KEY must differ from JWT_SECRET/,
    );
  });

  it('refuses to start in production without JWT_SECRET, saying what to set', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir() })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir() })).toThrow(/JWT_SECRET must be set when NODE_ENV=production/);
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short', ADMIN_EMAIL: 'a@b.c', LOG_LEVEL: 'loud' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      for (const name of ['PORT', 'DATABASE_URL', 'JWT_SECRET', 'ADMIN_EMAIL and ADMIN_PASSWORD', 'LOG_LEVEL'])
        expect(message).toContain(name);
    }
  });

  it('serves the GraphQL IDE everywhere but in production, unless GRAPHQL_IDE says otherwise', () => {
    const secret = { JWT_SECRET: 'a'.repeat(40), AUDIT_KEY: 'b'.repeat(40), BALLOT_KEY: 'c'.repeat(40), DATA_DIR: dataDir() };
    expect(loadConfig(secret).graphqlIde).toBe(true);
    expect(loadConfig({ ...secret, GRAPHQL_IDE: 'false' }).graphqlIde).toBe(false);
    expect(loadConfig({ ...secret, NODE_ENV: 'production' }).graphqlIde).toBe(false);
    expect(loadConfig({ ...secret, NODE_ENV: 'production', GRAPHQL_IDE: 'true' }).graphqlIde).toBe(true);
    expect(() => loadConfig({ ...secret, GRAPHQL_IDE: 'yes' })).toThrow('Invalid configuration: GRAPHQL_IDE must be true or false.');
  });

  it('reads TRUST_PROXY as Express does (false, true, hops, addresses or subnets) and refuses anything else', () => {
    const secret = { JWT_SECRET: 'a'.repeat(40), AUDIT_KEY: 'b'.repeat(40), BALLOT_KEY: 'c'.repeat(40), DATA_DIR: dataDir() };
    expect(loadConfig(secret).trustProxy).toBe(false);
    expect(loadConfig({ ...secret, TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ ...secret, TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ ...secret, TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ ...secret, TRUST_PROXY: 'loopback, 10.0.0.0/8,192.0.2.7' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      '192.0.2.7',
    ]);
    expect(() => loadConfig({ ...secret, TRUST_PROXY: 'the proxy' })).toThrow(/TRUST_PROXY must be false, true, a number of hops/);
    expect(() => loadConfig({ ...secret, TRUST_PROXY: '10.0.0.0/99' })).toThrow(/TRUST_PROXY/);
  });

  it('caps aliases and tokens per operation, with room for an ordinary page', () => {
    const secret = { JWT_SECRET: 'a'.repeat(40), AUDIT_KEY: 'b'.repeat(40), BALLOT_KEY: 'c'.repeat(40), DATA_DIR: dataDir() };
    expect(loadConfig(secret)).toMatchObject({ graphqlMaxAliases: 30, graphqlMaxTokens: 5000, graphqlMaxComplexity: 20_000 });
    expect(loadConfig({ ...secret, GRAPHQL_MAX_ALIASES: '0', GRAPHQL_MAX_TOKENS: '800' })).toMatchObject({
      graphqlMaxAliases: 0,
      graphqlMaxTokens: 800,
    });
    expect(() => loadConfig({ ...secret, GRAPHQL_MAX_TOKENS: 'many' })).toThrow(/GRAPHQL_MAX_TOKENS must be a whole number/);
  });

  it('says in one line that a data folder which is a file cannot hold the development secret', () => {
    const file = join(dataDir(), 'data');
    writeFileSync(file, 'not a folder');
    expect(() => loadConfig({ DATA_DIR: file })).toThrow(
      new ConfigError([
        `DATA_DIR ${file} must be a folder this user can write (it is a file), as it keeps the development secrets and the embedded database`,
      ]),
    );
    expect(() => loadConfig({ DATA_DIR: file })).toThrow(/^Invalid configuration: DATA_DIR .*database\.$/);
  });

  it('takes DATABASE_URL, the admin account and limits from the environment', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u:p@db:5432/commons',
      JWT_SECRET: 'a'.repeat(40),
      ADMIN_EMAIL: 'admin@coop.example',
      ADMIN_PASSWORD: 'long password',
      PORT: '8080',
      GRAPHQL_MAX_DEPTH: '8',
    });
    expect(config).toMatchObject({
      databaseUrl: 'postgres://u:p@db:5432/commons',
      adminEmail: 'admin@coop.example',
      port: 8080,
      graphqlMaxDepth: 8,
      jwtSecret: 'a'.repeat(40),
    });
  });

  it('reads registration limits as N/duration and refuses anything else, naming the variable', () => {
    const config = loadConfig({ DATA_DIR: dataDir(), REGISTER_LIMIT: '3/15m', REGISTER_LIMIT_TOTAL: '1000/1d' });
    expect(config.registerLimit).toEqual({ count: 3, windowSeconds: 900 });
    expect(config.registerLimitTotal).toEqual({ count: 1000, windowSeconds: 86_400 });
    expect(loadConfig({ DATA_DIR: dataDir() }).registerLimit).toEqual({ count: 10, windowSeconds: 3600 });
    for (const bad of ['ten/1h', '10/1w', '0/1h', '10', '10/0s']) {
      expect(() => loadConfig({ DATA_DIR: dataDir(), REGISTER_LIMIT: bad })).toThrow(/REGISTER_LIMIT must be N\/duration/);
    }
  });

  it('generates the notifications secret in development, and derives it from JWT_SECRET in production when unset', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir });
    expect(first.notificationsSecret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dir, 'notifications-secret'), 'utf8').trim()).toBe(first.notificationsSecret);
    expect(new Set([first.jwtSecret, first.auditKey, first.ballotKey, first.notificationsSecret]).size).toBe(4);
    const production = {
      NODE_ENV: 'production',
      DATA_DIR: dataDir(),
      JWT_SECRET: 'j'.repeat(32),
      AUDIT_KEY: 'a'.repeat(32),
      BALLOT_KEY: 'b'.repeat(32),
    };
    const derived = loadConfig(production).notificationsSecret;
    expect(derived).toBe(loadConfig(production).notificationsSecret);
    expect(derived).not.toBe(production.JWT_SECRET);
    expect(loadConfig({ ...production, NOTIFICATIONS_SECRET: 'n'.repeat(32) }).notificationsSecret).toBe('n'.repeat(32));
  });

  it('reads the mail and webhook settings, with their defaults', () => {
    const config = loadConfig({ DATA_DIR: dataDir(), PORT: '4000' });
    expect(config).toMatchObject({
      publicUrl: 'http://localhost:4000',
      smtpUrl: undefined,
      closingSoonBeforeSeconds: 86_400,
      webhookAllowedHosts: [],
      webhookRetrySchedule: [30, 120, 300, 900, 3600, 10_800],
      webhookTimeoutSeconds: 10,
    });
    const set = loadConfig({
      DATA_DIR: dataDir(),
      PUBLIC_URL: 'https://coop.example/',
      SMTP_URL: 'smtp://user:pw@mail.example:587',
      CLOSING_SOON_BEFORE: '90m',
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1, Hooks.Intranet ,[::1]',
      WEBHOOK_RETRY_SCHEDULE: '1s,1s,2s',
    });
    expect(set).toMatchObject({
      publicUrl: 'https://coop.example',
      closingSoonBeforeSeconds: 5400,
      webhookAllowedHosts: ['127.0.0.1', 'hooks.intranet', '::1'],
      webhookRetrySchedule: [1, 1, 2],
    });
    expect(() =>
      loadConfig({
        DATA_DIR: dataDir(),
        PUBLIC_URL: 'ftp://x',
        SMTP_URL: 'mail.example',
        CLOSING_SOON_BEFORE: 'soon',
        WEBHOOK_RETRY_SCHEDULE: '1s,,x',
      }),
    ).toThrow(/PUBLIC_URL[\s\S]*SMTP_URL[\s\S]*CLOSING_SOON_BEFORE[\s\S]*WEBHOOK_RETRY_SCHEDULE/);
  });
});
