import type { DialectCompiler, DialectName, Statement } from '../dialect/types.js'
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
  ) {}

  get dialect(): DialectName {
    return this.compiler.dialect
  }

  async run(op: Operation): Promise<void> {
    for (const statement of this.compiler.compile(op, 'offline')) this.#emit(statement)
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
    for (const change of changes) this.#emit(versionChangeStatement(this.compiler, this.versionTable, change))
  }

  #emit(statement: Statement): void {
    const sql = statement.sql.trimEnd()
    this.write(sql.endsWith(';') ? `${sql}\n\n` : `${sql};\n\n`)
  }
}
