import type { Client, ClientConfig, QueryResult } from 'pg'
import { userInfo } from 'node:os'
import type { DatabaseUrl } from '../../core/database-url.js'
import type { Row } from '../../ops/operation-sink.js'
import type { RowValue } from '../../ops/operation.js'
import type { ConnectionTarget, DatabaseConnection, Driver, TableShape, TransactionState } from '../driver.js'
import { describePostgresTable } from './describe-table.js'
import { postgresHasTable, useSchema } from './session-queries.js'
import { connectionFailed } from '../connection-failure.js'
import type { Statement } from '../types.js'
import { postgresBind } from './literal.js'
import { importPg } from './pg-package.js'
import { athanorTypes } from './driver-types.js'
import { postgresSsl } from './driver-options.js'
import { connectTimeoutMs } from '../connect-timeout.js'
import { InFlight, type Refable } from '../in-flight.js'
import { LostSession } from '../connection-loss.js'
import { postgresSessionEnd } from './session-end.js'

/**
 * One `pg.Client` (not a pool: a migration run is one session, and the
 * advisory lock and the transaction must live on the same connection)
 * behind the runner's connection interface.
 *
 * @example
 * const connection = await pgDriver.open(parseDatabaseUrl('postgresql://postgres@127.0.0.1/app?schema=billing')) // a PostgresConnection
 * await connection.hasTable('athanor_version') // looks in "billing"
 */
class PostgresConnection implements DatabaseConnection {
  readonly dialect = 'postgresql' as const
  readonly #client: Client
  /** How it connected: a second connection cancels its statements. */
  readonly #config: ClientConfig
  readonly #inFlight: InFlight
  readonly #session: LostSession

  private constructor(client: Client, config: ClientConfig, target: ConnectionTarget) {
    this.#client = client
    this.#config = config
    // The socket under pg's Connection; @types/pg does not declare it.
    const socket = (client as unknown as { connection: { stream: Refable } }).connection.stream
    this.#inFlight = new InFlight(socket)
    this.#session = new LostSession(target, postgresSessionEnd, socket)
    // An idle connection the server drops emits 'error'; unheard, it would
    // crash the process. Remember it for the next call instead.
    client.on('error', (error) => this.#session.noticed(error))
  }

  /** Connects, then selects the URL's schema; a failure is one line naming host, port and user. */
  static async open(url: DatabaseUrl): Promise<PostgresConnection> {
    const pg = await importPg()
    const target: ConnectionTarget = {
      server: 'PostgreSQL',
      host: url.params['host'] ?? url.host ?? '127.0.0.1',
      port: url.port ?? 5432,
      // libpq's defaults, which pg follows, spelled out so the error can name them.
      user: url.user ?? process.env['PGUSER'] ?? userInfo().username,
      ...(url.password === undefined ? {} : { password: url.password }),
    }
    const ssl = postgresSsl(url.params)
    const config: ClientConfig = {
      host: target.host,
      port: target.port,
      user: target.user,
      database: url.database ?? target.user,
      application_name: url.params['application_name'] ?? 'athanor',
      connectionTimeoutMillis: connectTimeoutMs(url.params),
      types: athanorTypes(pg.types.getTypeParser),
      // Each statement is sent at once, behind those still running; answered in order (see `pipelined`).
      pipeline: true,
      ...(url.password === undefined ? {} : { password: url.password }),
      ...(url.params['options'] === undefined ? {} : { options: url.params['options'] }),
      ...(ssl === undefined ? {} : { ssl }),
    }
    const client = new pg.Client(config)
    client.on('error', () => undefined)
    try {
      await client.connect()
    } catch (error) {
      await client.end().catch(() => undefined)
      throw connectionFailed(target, error)
    }
    const connection = new PostgresConnection(client, config, target)
    try {
      // `options=-csearch_path=…` was applied by the server at start-up.
      if (url.schema !== undefined && url.params['options'] === undefined) {
        await useSchema((sql, params) => connection.query(sql, params), url.schema, `PostgreSQL database "${config.database!}"`)
      }
    } catch (error) {
      await connection.close()
      throw error
    }
    return connection
  }

  /** pg's pipeline mode: a statement goes on the wire while earlier ones run, each with its own Sync. */
  readonly pipelined = true

  get inTransaction(): boolean {
    // 'I' idle, 'T' in a transaction, 'E' in a failed one (still open).
    return this.#client.getTransactionStatus() !== 'I'
  }

  // The ReadyForQuery status of the last reply, which pg keeps: free to read.
  async transactionState(): Promise<TransactionState> {
    return { open: this.inTransaction, autocommit: true }
  }

  async execute(statement: Statement): Promise<void> {
    await this.#run(statement.sql, statement.params)
  }

  // One by one: a PostgreSQL batch would share one implicit transaction, and SQLite has no round trips to save.
  async executeBatch(statements: readonly Statement[]): Promise<void> {
    for (const statement of statements) await this.execute(statement)
  }

  async query(sql: string, params: readonly RowValue[] = []): Promise<Row[]> {
    const result = await this.#run(sql, params)
    // Several statements in one text give one result each; the last is the answer.
    const last = Array.isArray(result) ? (result as QueryResult[]).at(-1) : (result as QueryResult | undefined)
    return (last?.rows ?? []) as Row[]
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
    // Sent even when the status reads idle: a failed query's promise settles on the server's
    // error, before the ReadyForQuery that tells pg the transaction is open and failed, so the
    // status can still be the one from before the batch. ROLLBACK outside one is only a warning.
    await this.#run('ROLLBACK')
  }

  async close(): Promise<void> {
    await this.#inFlight.track(this.#client.end()).catch(() => undefined)
  }

  /**
   * pg_cancel_backend from a second connection: the statement in flight
   * ends with "canceling statement due to user request" and the session
   * stays usable (for the ROLLBACK). A cancel that arrives once the
   * statement is over finds the session reading its next command, where
   * PostgreSQL ignores it.
   */
  async cancel(): Promise<void> {
    if (!this.#inFlight.busy) return
    const pg = await importPg()
    const canceller = new pg.Client({ ...this.#config, application_name: 'athanor cancel' })
    canceller.on('error', () => undefined)
    try {
      await canceller.connect()
      // The backend's pid, from the server's BackendKeyData; @types/pg does not declare it.
      const pid = (this.#client as unknown as { processID: number }).processID
      await canceller.query('SELECT pg_cancel_backend($1)', [pid])
    } catch {
      // No second connection to be had: the statement runs to its end.
    } finally {
      await canceller.end().catch(() => undefined)
    }
    await this.#inFlight.idle()
  }

  // Without parameters pg uses the simple query protocol, which accepts
  // several statements in one text (what op.execute may carry); with them,
  // the extended protocol, which binds `$n` and accepts one. In pipeline
  // mode pg writes each at once, behind those in flight: the server runs
  // them in order and answers in order, so a caller that awaits each still
  // sees them one by one, and one that does not (LiveExecutor's statements
  // sent ahead) saves the round trips.
  #run(sql: string, params?: readonly RowValue[]): Promise<unknown> {
    const lost = this.#session.lost
    if (lost !== undefined) return Promise.reject(lost)
    return this.#inFlight.track(this.#send(sql, params)).catch((error: unknown) => {
      throw this.#session.failure(error)
    })
  }

  async #send(sql: string, params?: readonly RowValue[]): Promise<unknown> {
    if (params === undefined || params.length === 0) return this.#client.query(sql)
    return this.#client.query(sql, params.map(postgresBind) as unknown[])
  }
}

/**
 * The `pg` driver: one client connection, not a pool.
 *
 * @example
 * const connection = await pgDriver.open(parseDatabaseUrl('postgresql://postgres@127.0.0.1/app'))
 */
export const pgDriver: Driver = {
  name: 'pg',
  open: (url) => PostgresConnection.open(url),
}
