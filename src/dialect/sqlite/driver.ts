import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import type Database from 'better-sqlite3'
import { ConnectionError } from '../../core/error-classes.js'
import { importDriverPackage } from '../driver-package.js'
import type { Row } from '../../ops/operation-sink.js'
import type { RowValue } from '../../ops/operation.js'
import type { DatabaseConnection, Driver, TableShape, TransactionState } from '../driver.js'
import { describeSqliteTable } from './describe-table.js'
import { checkDatabaseFile, damagedDatabase, storageFailure } from './database-file.js'
import type { Statement } from '../types.js'
import { type SqliteOpenOptions, sqliteOpenOptions } from './url-options.js'

/**
 * better-sqlite3, loaded when this module is: only a SQLite URL, the SQLite
 * lock or a SQLite rebuild imports it, so an application without it installed
 * runs on the other databases and hears about it only if it asks for SQLite.
 * It is a CommonJS package, so `require` loads it: `import()` has Node's ESM
 * loader run its CommonJS lexer over the package for export names, which
 * nearly doubled the cost of loading it (34 M instructions more).
 */
const BetterSqlite3 = await importDriverPackage('better-sqlite3', 'SQLite', async () => {
  return createRequire(import.meta.url)('better-sqlite3') as typeof Database
})

/**
 * The compiled addon where an install from source puts it, handed to
 * better-sqlite3 so that it does not load the `bindings` package, which
 * looks for the file in a dozen places (40 file lookups, 2 ms of every
 * command's start). Elsewhere (another layout), `bindings` finds it as before.
 */
const NATIVE_BINDING = addonPath()

function addonPath(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node')
  } catch {
    return undefined
  }
}

/** Milliseconds a writer waits for another SQLite writer before giving up. */
const SQLITE_BUSY_TIMEOUT_MS = 10_000

/**
 * How many prepared statements a connection keeps for reuse. A run asks the
 * same few questions after every migration (the version rows, whether a
 * table exists) and a bulk insert binds one INSERT many times; preparing
 * each again was a tenth of a 1,000-revision upgrade's SQLite time.
 */
const PREPARED_KEPT = 32

/**
 * A better-sqlite3 database behind the runner's connection interface.
 * better-sqlite3 is synchronous; the promises only fit the interface that
 * the network drivers share.
 */
export class SqliteConnection implements DatabaseConnection {
  readonly dialect = 'sqlite' as const
  readonly synchronous = true
  readonly #db: Database.Database
  readonly #filename: string
  /** Statements prepared before, by their text, least recently used first. */
  readonly #prepared = new Map<string, Database.Statement>()

  private constructor(db: Database.Database, filename: string) {
    this.#db = db
    this.#filename = filename
  }

  static open(filename: string, options: { busyTimeoutMs?: number } & Partial<SqliteOpenOptions> = {}): SqliteConnection {
    checkDatabaseFile(filename)
    let db: Database.Database
    try {
      db = new BetterSqlite3(filename, {
        timeout: options.busyTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS,
        readonly: options.readOnly === true,
        fileMustExist: options.mustExist === true,
        ...(NATIVE_BINDING === undefined ? {} : { nativeBinding: NATIVE_BINDING }),
      })
    } catch (error) {
      // better-sqlite3 says only "unable to open database file".
      const missing =
        options.mustExist === true && !existsSync(filename)
          ? "it does not exist, and the URL's mode (ro or rw) opens an existing file only"
          : undefined
      throw new ConnectionError(
        `cannot open SQLite database ${filename}: ${missing ?? (error as Error).message}`,
        { server: 'SQLite', file: filename },
        { cause: error },
      )
    }
    try {
      // Reads the first page now: a damaged file fails here, as one line,
      // rather than at the first statement of a run.
      db.pragma('schema_version')
    } catch (error) {
      db.close()
      throw damagedDatabase(filename, error) ?? error
    }
    // Foreign keys are off by default in SQLite; migrations must see the
    // constraints the application sees.
    db.pragma('foreign_keys = ON')
    // What readOnlyReason asks: a command that writes is refused before it takes the lock.
    if (options.readOnly === true) db.pragma('query_only = ON')
    return new SqliteConnection(db, filename)
  }

  get inTransaction(): boolean {
    return this.#db.inTransaction
  }

  async transactionState(): Promise<TransactionState> {
    return { open: this.#db.inTransaction, autocommit: true }
  }

  async execute(statement: Statement): Promise<void> {
    this.#writing(() => {
      if (statement.params && statement.params.length > 0) {
        this.#prepare(statement.sql).run(...statement.params.map(toSqliteValue))
      } else {
        this.#db.exec(statement.sql)
      }
    })
  }

  // One by one: a PostgreSQL batch would share one implicit transaction, and SQLite has no round trips to save.
  async executeBatch(statements: readonly Statement[]): Promise<void> {
    for (const statement of statements) await this.execute(statement)
  }

  async query(sql: string, params: readonly RowValue[] = []): Promise<Row[]> {
    return this.#writing(() => {
      const prepared = this.#prepare(sql)
      if (!prepared.reader) {
        prepared.run(...params.map(toSqliteValue))
        return []
      }
      return prepared.all(...params.map(toSqliteValue)) as Row[]
    })
  }

  async hasTable(name: string, schema?: string): Promise<boolean> {
    // A schema is an attached database in SQLite; each has its own catalog.
    const catalog = schema === undefined ? 'sqlite_master' : `"${schema.replaceAll('"', '""')}".sqlite_master`
    const row = this.#prepare(`SELECT 1 FROM ${catalog} WHERE type = 'table' AND name = ? COLLATE NOCASE`).get(name)
    return row !== undefined
  }

  /**
   * The statement for `sql`, prepared once while it stays among the last
   * PREPARED_KEPT used. SQLite prepares a kept statement again by itself
   * when the schema changed since (https://sqlite.org/c3ref/prepare.html),
   * so it always runs against the tables as they are.
   */
  #prepare(sql: string): Database.Statement {
    const kept = this.#prepared.get(sql)
    if (kept !== undefined) {
      this.#prepared.delete(sql)
      this.#prepared.set(sql, kept)
      return kept
    }
    const prepared = this.#db.prepare(sql)
    this.#prepared.set(sql, prepared)
    if (this.#prepared.size > PREPARED_KEPT) this.#prepared.delete(this.#prepared.keys().next().value!)
    return prepared
  }

  describeTable(name: string): Promise<TableShape | undefined> {
    return describeSqliteTable((sql, params) => this.query(sql, params), name)
  }

  async begin(): Promise<void> {
    // IMMEDIATE takes the write lock now, so two runners serialise here
    // instead of failing later with SQLITE_BUSY on their first write.
    this.#writing(() => this.#db.exec('BEGIN IMMEDIATE'))
  }

  async commit(): Promise<void> {
    this.#writing(() => this.#db.exec('COMMIT'))
  }

  async rollback(): Promise<void> {
    if (this.#db.inTransaction) this.#db.exec('ROLLBACK')
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close()
  }

  // better-sqlite3 runs each statement synchronously, so none is ever in
  // flight while other code runs, and it offers no sqlite3_interrupt: a
  // long statement ends on its own before anything can stop its step.
  async cancel(): Promise<void> {}

  /** Runs `work`, turning a failure to write the file (a full disk, a read-only file) into one line naming it. */
  #writing<T>(work: () => T): T {
    try {
      return work()
    } catch (error) {
      throw storageFailure(this.#filename, error) ?? error
    }
  }
}

function toSqliteValue(value: RowValue): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0
  if (value instanceof Date) return value.toISOString()
  return value
}

/**
 * The better-sqlite3 driver: a file (or `:memory:`) opened in-process.
 *
 * @example
 * const connection = await betterSqlite3Driver.open(parseDatabaseUrl('sqlite:///app.db'))
 */
export const betterSqlite3Driver: Driver = {
  name: 'better-sqlite3',
  open: async (url) => SqliteConnection.open(url.filename ?? ':memory:', sqliteOpenOptions(url.params, url.redacted)),
}
