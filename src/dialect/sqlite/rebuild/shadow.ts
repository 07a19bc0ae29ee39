import { AthanorError } from '../../../core/errors.js'
import type { Row } from '../../../ops/operation-sink.js'
import type { RowValue } from '../../../ops/operation.js'
import { importDriverPackage } from '../../driver-package.js'
import { rebuildNote } from '../../rebuild-events.js'
import type { NamingConvention } from '../../../schema/naming-convention.js'
import { rebuildTable } from './rebuild-table.js'
import type { TableRebuild } from '../../types.js'

/** The better-sqlite3 calls the shadow uses. */
interface ShadowDb {
  exec(sql: string): void
  prepare(sql: string): { all(...params: unknown[]): unknown[] }
}

/**
 * An in-memory SQLite database that follows an offline (`--sql`) run
 * statement by statement, so a rebuild can read the table as the earlier
 * migrations left it. It opens on the first rebuild: `replay` first applies
 * the migrations before the script's start (`upgrade A:B --sql` starts at
 * A), then the statements written so far.
 *
 * @example
 * // replay: what the migrations before the script's start created
 * const shadow = new SqliteShadow(async (base) => base.record('CREATE TABLE "user" ("id" INTEGER PRIMARY KEY, "email" TEXT)'))
 * shadow.record('CREATE INDEX "ix_user_email" ON "user" ("email")') // a statement the script holds
 */
export class SqliteShadow {
  #db: ShadowDb | undefined
  readonly #journal: string[] = []
  #broken: string | undefined

  constructor(private readonly replay?: (shadow: SqliteShadow) => Promise<void>) {}

  /** A statement the script holds, applied to the shadow (or kept until it opens). */
  record(sql: string): void {
    if (this.#db === undefined) {
      this.#journal.push(sql)
      return
    }
    if (this.#broken !== undefined) return
    try {
      this.#db.exec(sql)
    } catch (error) {
      this.#broken = `${(error as Error).message} (in: ${sql.replace(/\s+/g, ' ').slice(0, 120)})`
    }
  }

  /**
   * Writes the rebuild of the table `request` names through `write`, as
   * the shadow's copy of the table says it is now.
   *
   * @example
   * import { DEFAULT_NAMING_CONVENTION } from '../../../schema/naming-convention.js'
   * import { sqliteCompiler } from '../compiler.js'
   * const shadow = new SqliteShadow()
   * shadow.record('CREATE TABLE "user" ("id" INTEGER PRIMARY KEY, "email" TEXT)')
   * const change: AlterColumnOp = { kind: 'alter_column', table: 'user', column: 'email', changes: { nullable: false } }
   * const request = sqliteCompiler.compile(change, 'offline')
   * if (request.kind === 'rebuild') await shadow.rebuild(request, console.log, console.error, DEFAULT_NAMING_CONVENTION)
   */
  async rebuild(
    request: TableRebuild,
    write: (sql: string) => void,
    note: (line: string) => void,
    convention: NamingConvention,
  ): Promise<void> {
    const db = await this.#open()
    if (this.#broken !== undefined) {
      throw new AthanorError(
        'SQLITE_OFFLINE_REBUILD',
        `cannot write the rebuild of table "${request.op.table}" offline: replaying the earlier SQL in memory failed: ${this.#broken}`,
      )
    }
    const query = async (sql: string, params: readonly RowValue[] = []): Promise<Row[]> => db.prepare(sql).all(...params) as Row[]
    // As the script runs it: inside a transaction, foreign keys as the
    // sqlite3 shell leaves them (off; better-sqlite3 turns them on).
    db.exec('PRAGMA foreign_keys = OFF')
    db.exec('SAVEPOINT "athanor_shadow"')
    try {
      const outcome = await rebuildTable(
        {
          query,
          execute: async (sql) => {
            db.exec(sql)
            write(sql)
          },
          mode: 'offline',
        },
        request,
        request.ctx,
        convention,
      )
      db.exec('RELEASE "athanor_shadow"')
      note(rebuildNote(outcome.table, request.reason, undefined, outcome.notes))
    } catch (error) {
      db.exec('ROLLBACK TO "athanor_shadow"')
      db.exec('RELEASE "athanor_shadow"')
      if (error instanceof AthanorError && error.code === 'SQLITE_NO_SUCH_TABLE') {
        throw new AthanorError(
          'SQLITE_OFFLINE_REBUILD',
          `cannot write the rebuild of table "${request.op.table}" offline: nothing before it in this run creates the table; ` +
            'start the range at base (upgrade base:TARGET --sql) or at a revision after the one that creates it',
          { cause: error },
        )
      }
      if (error instanceof AthanorError) throw error
      throw new AthanorError(
        'SQLITE_OFFLINE_REBUILD',
        `cannot write the rebuild of table "${request.op.table}" offline: ${(error as Error).message}`,
        { cause: error },
      )
    }
  }

  async #open(): Promise<ShadowDb> {
    if (this.#db !== undefined) return this.#db
    const { default: Database } = await importDriverPackage('better-sqlite3', 'SQLite', () => import('better-sqlite3'))
    this.#db = new Database(':memory:') as unknown as ShadowDb
    const written = this.#journal.splice(0)
    if (this.replay !== undefined) await this.replay(this)
    for (const sql of written) this.record(sql)
    return this.#db
  }
}
