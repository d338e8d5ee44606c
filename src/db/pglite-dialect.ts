import type { PGlite } from '@electric-sql/pglite';
import {
  PGliteDialect,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type TransactionSettings,
} from 'kysely';
import { Mutex } from './mutex.js';

/**
 * Kysely's PGlite driver shares one connection between all callers, so a query issued while another
 * request holds a transaction would run inside that transaction. This dialect hands the single
 * connection to one caller at a time (a whole transaction, or one query). The same mutex guards the
 * local socket the CLI uses while the server runs (see embedded-socket.ts).
 */
export class SerializedPGliteDialect implements Dialect {
  readonly #inner: PGliteDialect;
  readonly mutex: Mutex;

  constructor(pglite: PGlite, mutex = new Mutex()) {
    this.#inner = new PGliteDialect({ pglite });
    this.mutex = mutex;
  }

  createDriver(): Driver {
    return new SerializedDriver(this.#inner.createDriver(), this.mutex);
  }
  createQueryCompiler() {
    return this.#inner.createQueryCompiler();
  }
  createAdapter() {
    return this.#inner.createAdapter();
  }
  createIntrospector(db: Kysely<any>) {
    return this.#inner.createIntrospector(db);
  }
}

class SerializedDriver implements Driver {
  readonly #inner: Driver;
  readonly #mutex: Mutex;
  readonly #releases = new WeakMap<DatabaseConnection, (() => void)[]>();

  constructor(inner: Driver, mutex: Mutex) {
    this.#inner = inner;
    this.#mutex = mutex;
  }

  init() {
    return this.#inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.#mutex.acquire();
    const connection = await this.#inner.acquireConnection();
    const queue = this.#releases.get(connection) ?? [];
    queue.push(release);
    this.#releases.set(connection, queue);
    return connection;
  }
  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await this.#inner.releaseConnection(connection);
    this.#releases.get(connection)?.shift()?.();
  }
  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    return this.#inner.beginTransaction(connection, settings);
  }
  commitTransaction(connection: DatabaseConnection) {
    return this.#inner.commitTransaction(connection);
  }
  rollbackTransaction(connection: DatabaseConnection) {
    return this.#inner.rollbackTransaction(connection);
  }
  savepoint: Driver['savepoint'] = (c, n, q) => this.#inner.savepoint!(c, n, q);
  rollbackToSavepoint: Driver['rollbackToSavepoint'] = (c, n, q) => this.#inner.rollbackToSavepoint!(c, n, q);
  releaseSavepoint: Driver['releaseSavepoint'] = (c, n, q) => this.#inner.releaseSavepoint!(c, n, q);
  destroy() {
    return this.#inner.destroy();
  }
}
