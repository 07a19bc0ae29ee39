import type { Extensions, PGlite, PGliteOptions, Results } from '@electric-sql/pglite'
import { ConnectionError } from '../../core/error-classes.js'
import { AthanorError } from '../../core/errors.js'
import type { DatabaseUrl } from '../../core/database-url.js'
import type { Row } from '../../ops/operation-sink.js'
import type { RowValue } from '../../ops/operation.js'
import { connectTimeoutMs } from '../connect-timeout.js'
import { importDriverPackage } from '../driver-package.js'
import type { DatabaseConnection, Driver, TableShape, TransactionState } from '../driver.js'
import type { Statement } from '../types.js'
import { describePostgresTable } from './describe-table.js'
import { postgresHasTable, useSchema } from './session-queries.js'
import { DATE, INT8, parseInt8, parseUtcTimestamp, TIMESTAMP } from './driver-types.js'
import { postgresBind } from './literal.js'
import { holdDataDirectory, type HeldDirectory } from './pglite-directory.js'
import { dropTemplate, keepTemplate, readTemplate } from './pglite-template.js'

const BYTEA = 17

/**
 * Values read back as the `pg` driver gives them (see DatabaseConnection):
 * int8 a number when exact, a timestamp without zone as UTC, a date as
 * text, bytes as a Buffer. PGlite would give a JavaScript number for every
 * int8, rounding those past 2^53, and a Date at midnight for a date.
 */
const PARSERS: Readonly<Record<number, (text: string) => unknown>> = {
  [INT8]: parseInt8,
  [DATE]: (text) => text,
  [TIMESTAMP]: parseUtcTimestamp,
  // bytea's text output is `\x` and hex digits (bytea_output = 'hex', the default).
  [BYTEA]: (text) => Buffer.from(text.slice(2), 'hex'),
}

/**
 * PostgreSQL compiled to WebAssembly and run inside this process
 * (`@electric-sql/pglite`): one session, no server, no network. A data
 * directory is held for the connection's life (see holdDataDirectory); a
 * database in memory lives and dies with the connection.
 *
 * @example
 * const connection = await pgliteDriver.open(parseDatabaseUrl('pglite:///db/pgdata'))
 * await connection.hasTable('athanor_version')
 */
class PgliteConnection implements DatabaseConnection {
  readonly dialect = 'postgresql' as const
  readonly #db: PGlite
  readonly #held: HeldDirectory | undefined

  private constructor(db: PGlite, held: HeldDirectory | undefined) {
    this.#db = db
    this.#held = held
  }

  static async open(url: DatabaseUrl): Promise<PgliteConnection> {
    const { PGlite } = await importDriverPackage('@electric-sql/pglite', 'PGlite (pglite:// URLs)', () => import('@electric-sql/pglite'))
    const inMemory = url.filename === undefined || url.filename === ':memory:' || url.filename === ''
    const held = inMemory ? undefined : await holdDataDirectory(url.filename!, connectTimeoutMs(url.params))
    let db: PGlite | undefined
    try {
      const extensions = await loadExtensions(url.params['extensions'])
      const options = { parsers: PARSERS, extensions }
      db = held === undefined ? await startInMemory(PGlite, options) : new PGlite({ ...options, dataDir: held.directory })
      await db.waitReady
    } catch (error) {
      await db?.close().catch(() => undefined)
      held?.release()
      if (error instanceof AthanorError) throw error
      const file = held?.directory ?? ':memory:'
      throw new ConnectionError(
        `cannot open PGlite database ${file}: ${(error as Error).message}`,
        { server: 'PGlite', file },
        { cause: error },
      )
    }
    const connection = new PgliteConnection(db, held)
    try {
      if (url.schema !== undefined) await useSchema((sql, params) => connection.query(sql, params), url.schema, 'the PGlite database')
    } catch (error) {
      await connection.close()
      throw error
    }
    return connection
  }

  get inTransaction(): boolean {
    return this.#db.isInTransaction()
  }

  async transactionState(): Promise<TransactionState> {
    return { open: this.inTransaction, autocommit: true }
  }

  async execute(statement: Statement): Promise<void> {
    await this.#run(statement.sql, statement.params)
  }

  async executeBatch(statements: readonly Statement[]): Promise<void> {
    for (const statement of statements) await this.execute(statement)
  }

  async query(sql: string, params: readonly RowValue[] = []): Promise<Row[]> {
    return (await this.#run(sql, params)).rows as Row[]
  }

  hasTable(name: string, schema?: string): Promise<boolean> {
    return postgresHasTable((sql, params) => this.query(sql, params), name, schema)
  }

  describeTable(name: string): Promise<TableShape | undefined> {
    return describePostgresTable((sql, params) => this.query(sql, params), name)
  }

  async begin(): Promise<void> {
    await this.#run('BEGIN')
  }

  async commit(): Promise<void> {
    await this.#run('COMMIT')
  }

  async rollback(): Promise<void> {
    if (this.inTransaction) await this.#run('ROLLBACK')
  }

  async close(): Promise<void> {
    try {
      if (!this.#db.closed) await this.#db.close()
    } finally {
      this.#held?.release()
    }
  }

  /**
   * Nothing to cancel from outside: the statement runs in this process's
   * WebAssembly, which has no second session to send a cancel from.
   */
  async cancel(): Promise<void> {}

  // Without parameters, the simple query protocol, which accepts several
  // statements in one text (what op.execute may carry); the last result is
  // the answer. With them, the extended protocol, which binds `$n`.
  async #run(sql: string, params?: readonly RowValue[]): Promise<Results> {
    if (params === undefined || params.length === 0) {
      const results = await this.#db.exec(sql)
      return results.at(-1) ?? { rows: [], fields: [] }
    }
    return this.#db.query(sql, params.map(postgresBind) as unknown[])
  }
}

/**
 * A database in memory, from the cached template of a fresh one when
 * there is one (see readTemplate); else a fresh one, whose directory
 * becomes the template.
 */
async function startInMemory(PGliteClass: typeof PGlite, options: PGliteOptions): Promise<PGlite> {
  const template = readTemplate()
  if (template !== undefined) {
    const db = new PGliteClass({ ...options, loadDataDir: template })
    try {
      await db.waitReady
      return db
    } catch {
      await db.close().catch(() => undefined)
      dropTemplate()
    }
  }
  const db = new PGliteClass(options)
  await db.waitReady
  await keepTemplate(db)
  return db
}

/**
 * The extensions a `?extensions=pg_trgm,uuid-ossp` parameter names, from
 * the ones PGlite ships (`@electric-sql/pglite/contrib/<name>`). PGlite
 * builds a database with only those it is handed when it starts;
 * `CREATE EXTENSION` finds no other.
 */
async function loadExtensions(list: string | undefined): Promise<Extensions> {
  const names = (list ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '')
  const loaded: Record<string, Extensions[string]> = {}
  for (const name of names) {
    const module = name.replaceAll('-', '_')
    let extension: Extensions[string] | undefined
    if (/^[a-z0-9_]+$/.test(module)) {
      extension = await import(`@electric-sql/pglite/contrib/${module}`).then(
        (exports: Record<string, Extensions[string] | undefined>) => exports[module],
        () => undefined,
      )
    }
    if (extension === undefined) {
      throw new AthanorError(
        'INVALID_URL',
        `PGlite has no extension '${name}' (?extensions= names those in @electric-sql/pglite/contrib, such as pg_trgm or uuid-ossp)`,
      )
    }
    loaded[module] = extension
  }
  return loaded
}

/**
 * The PGlite driver of the PostgreSQL dialect, for `pglite://` URLs.
 *
 * @example
 * const connection = await pgliteDriver.open(parseDatabaseUrl('pglite://')) // an empty database in memory
 */
export const pgliteDriver: Driver = {
  name: 'pglite',
  open: (url) => PgliteConnection.open(url),
}
