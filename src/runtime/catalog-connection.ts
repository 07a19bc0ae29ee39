import type { DialectName } from '../core/dialect-name.js'
import type { DatabaseConnection, TableShape, TransactionState } from '../dialect/driver.js'
import type { Statement } from '../dialect/types.js'
import type { Row } from '../ops/operation-sink.js'
import type { RowValue } from '../ops/operation.js'
import { decodeValue, encodeValue, UnencodableValue } from './catalog-codec.js'
import type { CatalogReads } from './catalog-cache.js'

/**
 * A shadow database's connection that answers the reads of an earlier run
 * from what that run kept, and replays the migrations only when asked
 * something new (a model in another schema) or to write anything (a view
 * made to read its normal form). Once replayed, every call goes to the
 * database, so the comparison goes on where it was, nothing asked twice.
 * It hears every read either way, for the caller to keep for the next run;
 * a read after a write is not kept, as it may see what the write did.
 *
 * @example
 * import type { DatabaseConnection } from '../dialect/driver.js'
 * declare const replay: () => Promise<DatabaseConnection>
 * const connection = new CatalogConnection('postgresql', new Map(), replay)
 * await connection.query('SELECT current_schema() AS home') // nothing kept: replays, then asks the database
 * connection.replayed // true
 */
export class CatalogConnection implements DatabaseConnection {
  readonly #kept: CatalogReads
  readonly #replay: () => Promise<DatabaseConnection>
  readonly #heard = new Map<string, unknown>()
  #opening: Promise<DatabaseConnection> | undefined
  #database: DatabaseConnection | undefined
  #wrote = false

  constructor(
    readonly dialect: DialectName,
    kept: CatalogReads,
    replay: () => Promise<DatabaseConnection>,
  ) {
    this.#kept = kept
    this.#replay = replay
  }

  /** Whether the migrations were replayed: something was asked that the kept reads did not answer. */
  get replayed(): boolean {
    return this.#opening !== undefined
  }

  /** The reads of this run, answered from the kept ones or by the database, to keep for the next. */
  heard(): CatalogReads {
    return this.#heard
  }

  query(sql: string, params: readonly RowValue[] = []): Promise<Row[]> {
    // A statement that changes something (a view made to read its normal form) is a write, whatever it returns.
    if (!READ.test(sql)) return this.#write((db) => db.query(sql, params))
    return this.#read(['query', sql, params], (db) => db.query(sql, params))
  }

  hasTable(name: string, schema?: string): Promise<boolean> {
    return this.#read(['hasTable', name, schema ?? null], (db) => db.hasTable(name, schema))
  }

  describeTable(name: string): Promise<TableShape | undefined> {
    return this.#read(['describeTable', name], (db) => db.describeTable(name))
  }

  async execute(statement: Statement): Promise<void> {
    await this.#write((db) => db.execute(statement))
  }

  async executeBatch(statements: readonly Statement[]): Promise<void> {
    await this.#write((db) => db.executeBatch(statements))
  }

  async begin(): Promise<void> {
    await this.#write((db) => db.begin())
  }

  async commit(): Promise<void> {
    await this.#write((db) => db.commit())
  }

  async rollback(): Promise<void> {
    if (this.#database !== undefined) await this.#database.rollback()
  }

  get inTransaction(): boolean {
    return this.#database?.inTransaction ?? false
  }

  async transactionState(): Promise<TransactionState> {
    return this.#database === undefined ? { open: false, autocommit: true } : this.#database.transactionState()
  }

  /** The replayed database is closed by whoever replayed it. */
  async close(): Promise<void> {}

  async cancel(): Promise<void> {
    await this.#database?.cancel()
  }

  async #read<T>(read: readonly unknown[], ask: (db: DatabaseConnection) => Promise<T>): Promise<T> {
    const asked = holdable(read)
    const key = asked === undefined ? undefined : JSON.stringify(asked.value)
    if (key !== undefined && this.#opening === undefined && this.#kept.has(key)) {
      const answer = this.#kept.get(key)
      this.#heard.set(key, answer)
      // Decoded anew each time: a caller that sorts the rows it was given changes nobody else's.
      return decodeValue(answer) as T
    }
    const answer = await ask(await this.#open())
    const held = key === undefined || this.#wrote ? undefined : holdable(answer)
    if (key !== undefined && held !== undefined) this.#heard.set(key, held.value)
    return answer
  }

  async #write<T>(work: (db: DatabaseConnection) => Promise<T>): Promise<T> {
    const db = await this.#open()
    this.#wrote = true
    return work(db)
  }

  #open(): Promise<DatabaseConnection> {
    this.#opening ??= this.#replay().then((db) => {
      this.#database = db
      return db
    })
    return this.#opening
  }
}

/** The statements that only read; a catalog read is one of these. */
const READ = /^\s*(SELECT|WITH|SHOW)\b/i

/** A value as the cache holds it (see encodeValue); `undefined` for one it cannot hold. */
function holdable(value: unknown): { value: unknown } | undefined {
  try {
    return { value: encodeValue(value) }
  } catch (error) {
    if (error instanceof UnencodableValue) return undefined
    throw error
  }
}
