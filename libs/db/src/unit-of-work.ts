import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

export type CommitHook = () => Promise<void> | void;

export interface TransactionOptions {
  isolation?: 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';
  readOnly?: boolean;
}

/** One open transaction: its manager, and what other libs attach to it (hooks, values such as the audit entry). */
export class Transaction {
  readonly beforeCommit: CommitHook[] = [];
  readonly afterCommit: CommitHook[] = [];
  private readonly values = new Map<symbol, unknown>();
  finished = false;

  constructor(
    readonly manager: EntityManager,
    /** The connection under this transaction, for prepared statements (`UnitOfWork.statement`). */
    readonly client: pg.PoolClient,
  ) {}

  /** A value of this transaction's own, made on first use (`key` names its kind). */
  value<T>(key: symbol, init: () => T): T {
    if (!this.values.has(key)) this.values.set(key, init());
    return this.values.get(key) as T;
  }

  peek<T>(key: symbol): T | undefined {
    return this.values.get(key) as T | undefined;
  }
}

/**
 * One request's (or one background task's) claim on the pool: at most one connection at a time. A
 * transaction holds it from BEGIN to COMMIT; reads outside a transaction take it for one statement each
 * and wait while a transaction of the same scope holds it. So a request can never wait for a second
 * connection while holding one (the deadlock that took the API down under concurrent refusals).
 */
class ConnectionScope {
  private held = false;
  private readonly waiting: Array<() => void> = [];
  readonly reader: EntityManager;

  constructor(private readonly dataSource: DataSource) {
    this.reader = dataSource.createEntityManager(readerRunner(dataSource, this));
  }

  async hold<T>(work: (runner: QueryRunner, client: pg.PoolClient) => Promise<T>): Promise<T> {
    while (this.held) await new Promise<void>((wake) => this.waiting.push(wake));
    this.held = true;
    const runner = this.dataSource.createQueryRunner();
    let client: pg.PoolClient | undefined;
    try {
      client = (await runner.connect()) as pg.PoolClient;
      // A backend that dies while this request holds its connection (a restart, a killed server process)
      // makes the client emit 'error'; the statement in flight fails on its own, and without a listener
      // the event would end the process.
      client.on('error', ignoreHeldClientError);
      return await work(runner, client);
    } finally {
      client?.removeListener('error', ignoreHeldClientError);
      await runner.release();
      this.held = false;
      this.waiting.shift()?.();
    }
  }
}

/** The failing statement reports the error to its caller; the pool drops the broken client on release. */
function ignoreHeldClientError(): void {}

/**
 * A QueryRunner for reads outside a transaction: each statement takes the scope's connection for itself.
 * Anything that would write through it (TypeORM starts its own transaction for a `save`) is refused:
 * writes belong to a unit of work.
 */
function readerRunner(dataSource: DataSource, scope: ConnectionScope): QueryRunner {
  const idle = dataSource.createQueryRunner();
  const query = (sql: string, parameters?: unknown[], structured?: boolean) =>
    scope.hold((runner) => runner.query(sql, parameters, structured as true));
  return new Proxy(idle, {
    get(target, property, receiver) {
      if (property === 'query') return query;
      if (property === 'startTransaction') {
        return () => Promise.reject(new Error('Writes run in a unit of work (UnitOfWork.transaction), not on the reader.'));
      }
      if (property === 'stream') {
        return () => Promise.reject(new Error('Streams hold a connection: run them inside UnitOfWork.transaction.'));
      }
      if (property === 'release') return () => Promise.resolve();
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}

interface Store {
  scope: ConnectionScope;
  transaction?: Transaction;
}

/**
 * The unit of work: every service reads and writes through `manager`, which is the current transaction's
 * when one is open, and otherwise the request's reader. A mutation's transaction is opened once (by the
 * audited-mutation interceptor) and every service call inside it joins it; background tasks open their own.
 */
@Injectable()
export class UnitOfWork {
  private readonly storage = new AsyncLocalStorage<Store>();
  private readonly logger = new Logger('UnitOfWork');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` (a request's handling, or a background task) with a connection scope of its own. */
  inScope<T>(work: () => T): T {
    return this.storage.run({ scope: new ConnectionScope(this.dataSource) }, work);
  }

  /** The manager to use here: the open transaction's, else the scope's reader, else the pool's. */
  get manager(): EntityManager {
    const store = this.storage.getStore();
    if (store?.transaction && !store.transaction.finished) return store.transaction.manager;
    return store ? store.scope.reader : this.dataSource.manager;
  }

  /** The open transaction, if any. */
  get current(): Transaction | undefined {
    const transaction = this.storage.getStore()?.transaction;
    return transaction && !transaction.finished ? transaction : undefined;
  }

  /** The open transaction; `purpose` names what needed one, for the programming error otherwise. */
  require(purpose: string): Transaction {
    const transaction = this.current;
    if (!transaction) throw new Error(`${purpose} needs a unit of work: run it inside UnitOfWork.transaction.`);
    return transaction;
  }

  /**
   * Runs `work` in a transaction: joins the open one, or opens one on the scope's connection and commits
   * it when `work` resolves (its before-commit hooks first, its after-commit hooks once it is durable).
   * Rolls back when `work` or a hook throws.
   */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const outer = this.current;
    if (outer) return work(outer.manager);
    const store = this.storage.getStore();
    const scope = store?.scope ?? new ConnectionScope(this.dataSource);
    let committed: Transaction | undefined;
    const result = await scope.hold(async (runner, client) => {
      await runner.startTransaction(options.isolation);
      if (options.readOnly) await runner.query('SET TRANSACTION READ ONLY');
      const transaction = new Transaction(runner.manager, client);
      try {
        const value = await this.storage.run({ scope, transaction }, async () => {
          const returned = await work(transaction.manager);
          for (const hook of transaction.beforeCommit) await hook();
          return returned;
        });
        await runner.commitTransaction();
        committed = transaction;
        return value;
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        throw error;
      } finally {
        transaction.finished = true;
      }
    });
    // The change is durable: what follows (signals, caches) cannot undo it, so a failure is only logged.
    for (const hook of committed?.afterCommit ?? []) {
      try {
        await hook();
      } catch (error) {
        this.logger.warn(`An after-commit step failed: ${String(error)}`);
      }
    }
    return result;
  }

  /**
   * A transaction of its own that commits whatever the caller does next (e.g. counting a sign-in attempt
   * before the password is checked). Refused inside a transaction: it would need a second connection.
   */
  separately<T>(work: (manager: EntityManager) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    if (this.current) throw new Error('A separate transaction cannot start inside another: it would hold a second connection.');
    return this.transaction(work, options);
  }

  /**
   * Runs one named prepared statement (parsed once per connection, then only bound and executed): in the
   * open transaction, else on the scope's connection as a transaction of its own (autocommit), which is
   * one round trip for a change that one statement makes whole (a vote). Returns its rows.
   */
  async statement<T>(name: string, sql: string, parameters: unknown[]): Promise<T[]> {
    const query = { name, text: sql, values: parameters };
    const transaction = this.current;
    if (transaction) return (await transaction.client.query(query)).rows as T[];
    const scope = this.storage.getStore()?.scope ?? new ConnectionScope(this.dataSource);
    return scope.hold(async (_runner, client) => (await client.query(query)).rows as T[]);
  }

  /** Runs once the open transaction has committed. */
  afterCommit(hook: CommitHook): void {
    this.require('An after-commit step').afterCommit.push(hook);
  }
}
