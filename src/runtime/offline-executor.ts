import type { DialectCompiler, DialectName, Statement } from '../dialect/types.js'
import { DEFAULT_NAMING_CONVENTION, type NamingConvention } from '../dialect/sqlite/rebuild/naming.js'
import { TableRebuildRequired } from '../dialect/sqlite/rebuild/required.js'
import { SqliteShadow } from '../dialect/sqlite/rebuild/shadow.js'
import type { Operation } from '../ops/operation.js'
import type { Row } from '../ops/operation-sink.js'
import type { VersionRowChange } from '../revision/types.js'
import type { MigrationExecutor } from './executor.js'
import { versionChangeStatement } from './version-statements.js'

/**
 * Writes the SQL a run would execute, as a script a DBA can read and apply
 * (`upgrade --sql`). Nothing connects to a database.
 */
export class OfflineExecutor implements MigrationExecutor {
  readonly offline = true

  constructor(
    private readonly compiler: DialectCompiler,
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
      readonly shadow?: SqliteShadow
    } = {},
  ) {
    if (compiler.dialect === 'sqlite') {
      const replay = rebuild.replayBefore
      this.#shadow =
        rebuild.shadow ??
        new SqliteShadow(
          replay === undefined
            ? undefined
            : (shadow) => replay(new OfflineExecutor(compiler, versionTable, () => {}, { ...rebuild, replayBefore: undefined, shadow })),
        )
    }
  }

  // SQLite's table rebuild reads the table as the script has left it so far.
  readonly #shadow: SqliteShadow | undefined

  get dialect(): DialectName {
    return this.compiler.dialect
  }

  async run(op: Operation): Promise<void> {
    let statements: Statement[]
    try {
      statements = this.compiler.compile(op, 'offline')
    } catch (error) {
      if (!(error instanceof TableRebuildRequired) || this.#shadow === undefined) throw error
      const emit = (sql: string) => this.#emit({ sql })
      return this.#shadow.rebuild(error, emit, (line) => this.write(`-- ${line}\n\n`), this.rebuild.namingConvention ?? DEFAULT_NAMING_CONVENTION)
    }
    for (const statement of statements) {
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
    if (this.compiler.traits.transactionalDdl) this.write(`${this.compiler.traits.beginTransaction};\n\n`)
  }

  async commit(): Promise<void> {
    if (this.compiler.traits.transactionalDdl) this.write(`${this.compiler.traits.commitTransaction};\n\n`)
  }

  async rollback(): Promise<void> {}

  // Offline scripts mark each migration with BEGIN/COMMIT instead.
  async savepoint(): Promise<void> {}
  async releaseSavepoint(): Promise<void> {}
  async rollbackToSavepoint(): Promise<void> {}

  async note(text: string): Promise<void> {
    this.write(`-- ${text}\n\n`)
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

  async commitTogether(statements: readonly Statement[]): Promise<void> {
    await this.begin()
    for (const statement of statements) this.#emit(statement)
    await this.commit()
  }

  #emit(statement: Statement): void {
    const sql = statement.sql.trimEnd()
    this.write(sql.endsWith(';') ? `${sql}\n\n` : `${sql};\n\n`)
  }
}
