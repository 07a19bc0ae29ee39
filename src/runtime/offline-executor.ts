import { endsInLineComment } from '../ops/line-comment.js'
import type { DialectName } from '../core/dialect-name.js'
import { rebuildUnavailable } from '../dialect/default/compiler.js'
import type { Dialect, OfflineRebuildSession } from '../dialect/dialect.js'
import type { Statement } from '../dialect/types.js'
import { DEFAULT_NAMING_CONVENTION, type NamingConvention } from '../schema/naming-convention.js'
import type { Operation } from '../ops/operation.js'
import type { Row } from '../ops/operation-sink.js'
import type { VersionRowChange } from '../revision/types.js'
import type { MigrationExecutor, RecordedStep } from './executor.js'
import { versionChangeStatement } from './version-statements.js'

/**
 * Writes the SQL a run would execute, as a script a DBA can read and apply
 * (`upgrade --sql`). Nothing connects to a database.
 */
export class OfflineExecutor implements MigrationExecutor {
  readonly offline = true

  constructor(
    readonly databaseDialect: Dialect,
    private readonly versionTable: string,
    private readonly write: (text: string) => void,
    private readonly rebuild: {
      readonly namingConvention?: NamingConvention
      /**
       * Runs the migrations before the script's start on `executor`, whose
       * output goes nowhere, so a SQLite rebuild knows the tables they left.
       */
      readonly replayBefore?: (executor: OfflineExecutor) => Promise<void>
      /** Shared with the executor that replays (internal). */
      readonly shadow?: OfflineRebuildSession
      /** Hears each statement as it is written, before a transaction holds its text back (`athanor lint`). */
      readonly onStatement?: (sql: string) => void
      /** The script goes to a driver rather than a command-line client: no DELIMITER around compound statements (`athanor test`). */
      readonly forDriver?: boolean
    } = {},
  ) {
    const replay = rebuild.replayBefore
    this.#shadow =
      rebuild.shadow ??
      databaseDialect.tableRebuild?.offline(
        replay === undefined
          ? undefined
          : (shadow) =>
              replay(
                new OfflineExecutor(databaseDialect, versionTable, () => {}, {
                  ...rebuild,
                  replayBefore: undefined,
                  onStatement: undefined,
                  shadow,
                }),
              ),
      )
  }

  // A table rebuild reads the table as the script has left it so far.
  readonly #shadow: OfflineRebuildSession | undefined
  // A transaction's text is held until its COMMIT: a table rebuild inside it
  // means the dialect's isolation must wrap it, before its BEGIN.
  #transaction: string[] | undefined
  #isolate = false

  private get compiler() {
    return this.databaseDialect.compiler
  }

  get dialect(): DialectName {
    return this.databaseDialect.name
  }

  async run(op: Operation): Promise<void> {
    const compiled = this.compiler.compile(op, 'offline')
    if (compiled.kind === 'rebuild') {
      if (this.#shadow === undefined) throw rebuildUnavailable(compiled)
      this.#isolate = this.databaseDialect.stepIsolation !== null
      const emit = (sql: string) => this.#emit({ sql })
      return this.#shadow.rebuild(
        compiled,
        emit,
        (line) => this.#out(`-- ${line}\n\n`),
        this.rebuild.namingConvention ?? DEFAULT_NAMING_CONVENTION,
      )
    }
    for (const statement of compiled.statements) {
      this.#emit(statement)
      this.#shadow?.record(statement.sql)
    }
  }

  async query(): Promise<Row[]> {
    // Operations.query refuses first, naming the script; this is the backstop.
    throw new Error('offline mode cannot read rows')
  }

  // Without transactional DDL (MySQL) a BEGIN in the script would promise
  // an atomicity the server does not give.
  async begin(): Promise<void> {
    if (!this.compiler.traits.transactionalDdl) return
    this.#transaction = []
    this.#out(`${this.compiler.traits.beginTransaction};\n\n`)
  }

  async commit(): Promise<void> {
    if (!this.compiler.traits.transactionalDdl) return
    const body = this.#transaction ?? []
    const isolation = this.#isolate ? this.databaseDialect.stepIsolation : null
    this.#transaction = undefined
    this.#isolate = false
    const lines = (statements: readonly string[]) => statements.map((sql) => `${sql};\n\n`).join('')
    if (isolation !== null) this.write(lines(isolation.script.before))
    this.write(body.join(''))
    if (isolation !== null) this.write(lines(isolation.script.verify))
    this.write(`${this.compiler.traits.commitTransaction};\n\n`)
    if (isolation !== null) this.write(lines(isolation.script.after))
  }

  async readVersionRows(): Promise<undefined> {
    return undefined
  }

  // A script has no session to check.
  async transactionState(): Promise<undefined> {
    return undefined
  }

  async isolated(work: () => Promise<void>): Promise<void> {
    await this.begin()
    this.#isolate = this.databaseDialect.stepIsolation !== null
    await work()
    await this.commit()
  }

  async rollback(): Promise<void> {}

  async commitAndBegin(): Promise<void> {
    await this.commit()
    await this.begin()
  }

  // Offline scripts mark each migration with BEGIN/COMMIT instead.
  async savepoint(): Promise<void> {}
  async releaseSavepoint(): Promise<void> {}
  async rollbackToSavepoint(): Promise<void> {}

  async note(text: string): Promise<void> {
    this.#out(`-- ${text}\n\n`)
  }

  async ensureVersionTable(): Promise<void> {
    this.#emit(this.compiler.versionTable.create(this.versionTable))
  }

  async applyVersionChanges(changes: readonly VersionRowChange[]): Promise<void> {
    for (const statement of this.versionStatements(changes)) this.#emit(statement)
  }

  versionStatements(changes: readonly VersionRowChange[]): Statement[] {
    return changes.map((change) => versionChangeStatement(this.compiler, this.versionTable, change))
  }

  // Offline the step's COMMIT is printed where it always is, after the record.
  async recordStep(changes: readonly VersionRowChange[], alongside: readonly Statement[]): Promise<RecordedStep> {
    for (const statement of [...this.versionStatements(changes), ...alongside]) this.#emit(statement)
    return { rows: undefined, closed: false }
  }

  // Offline there is no transaction left open to continue, nor rows to check.
  async commitTogether(statements: readonly Statement[]): Promise<void> {
    await this.begin()
    for (const statement of statements) this.#emit(statement)
    await this.commit()
  }

  #emit(statement: Statement): void {
    const sql = statement.sql.trimEnd()
    this.rebuild.onStatement?.(sql)
    if (statement.compound === true && this.rebuild.forDriver !== true) {
      const delimiter = ['//', '$$', ';;'].find((d) => !sql.includes(d)) ?? '//'
      this.#out(`DELIMITER ${delimiter}\n${sql}${delimiter}\nDELIMITER ;\n\n`)
      return
    }
    // A statement ending in a line comment (a view's query, an index's WHERE as written) takes its `;` on the next line.
    this.#out(sql.endsWith(';') ? `${sql}\n\n` : endsInLineComment(sql) ? `${sql}\n;\n\n` : `${sql};\n\n`)
  }

  #out(text: string): void {
    if (this.#transaction === undefined) this.write(text)
    else this.#transaction.push(text)
  }
}
