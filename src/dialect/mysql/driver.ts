import type { Connection, ConnectionOptions, ResultSetHeader } from 'mysql2/promise'
import { userInfo } from 'node:os'
import type { DatabaseUrl } from '../../core/database-url.js'
import type { Row } from '../../ops/operation-sink.js'
import type { RowValue } from '../../ops/operation.js'
import { connectTimeoutMs } from '../connect-timeout.js'
import type { ConnectionTarget, DatabaseConnection, Driver, TableShape, TransactionState } from '../driver.js'
import { describeMysqlTable } from './describe-table.js'
import { connectionFailed } from '../connection-failure.js'
import { InFlight, type Refable } from '../in-flight.js'
import { LostSession } from '../connection-loss.js'
import { mysqlSessionEnd } from './session-end.js'
import { importDriverPackage } from '../driver-package.js'
import type { Statement } from '../types.js'
import { MYSQL_VALUE_OPTIONS, mysqlSsl, withBigIntegers } from './driver-options.js'
import { mysqlBind } from './literal.js'

/** mysql2's `format` is sql-escaper's, which also takes `stringifyObjects` and the time zone its types leave out. */
type FormatWithZone = (sql: string, values: unknown[], stringifyObjects: boolean, timezone?: string) => string

/** The OK packet's status flags (MySQL client/server protocol, SERVER_STATUS_IN_TRANS and _AUTOCOMMIT). */
const SERVER_STATUS_IN_TRANS = 0x0001
const SERVER_STATUS_AUTOCOMMIT = 0x0002

/**
 * One mysql2 connection (MySQL or MariaDB) behind the runner's connection
 * interface. `multipleStatements` is on so that one `op.execute` may carry
 * several statements, as it can on the other dialects; values are only ever
 * bound by athanor's own statements.
 *
 * @example
 * const connection = await mysql2Driver.open(parseDatabaseUrl('mariadb://root@127.0.0.1/app')) // a MysqlConnection
 * await connection.execute({ sql: "SET NAMES utf8mb4; SET time_zone = '+00:00'" }) // several statements in one call
 */
class MysqlConnection implements DatabaseConnection {
  readonly dialect = 'mysql' as const
  readonly #connection: Connection
  /** How it connected: a second connection stops its statements. */
  readonly #options: ConnectionOptions
  readonly #inFlight: InFlight
  #inTransaction = false
  #autocommit = true
  // An error reply carries no status flags: after one, the state is asked for.
  #stateKnown = true
  readonly #session: LostSession

  private constructor(connection: Connection, options: ConnectionOptions, target: ConnectionTarget) {
    this.#connection = connection
    this.#options = options
    // The promise wrapper's core connection holds the socket; mysql2's types leave it `any`.
    const socket = (connection as unknown as { connection: { stream: Refable } }).connection.stream
    this.#inFlight = new InFlight(socket)
    this.#session = new LostSession(target, mysqlSessionEnd, socket)
    // A connection dropped while idle emits 'error'; unheard, it would crash the process.
    connection.on('error', (error: Error) => this.#session.noticed(error))
  }

  /** Connects; a failure is one line naming host, port and user. */
  static async open(url: DatabaseUrl): Promise<MysqlConnection> {
    const { default: mysql } = await importDriverPackage('mysql2', 'MySQL/MariaDB', () => import('mysql2/promise'))
    const target: ConnectionTarget = {
      server: 'MySQL/MariaDB',
      host: url.host ?? '127.0.0.1',
      port: url.port ?? 3306,
      // The mysql client's default user is the login name.
      user: url.user ?? userInfo().username,
      ...(url.password === undefined ? {} : { password: url.password }),
    }
    const ssl = mysqlSsl(url.params)
    const socketPath = url.params['socket']
    const options: ConnectionOptions = {
      host: target.host,
      port: target.port,
      user: target.user,
      charset: 'utf8mb4',
      // mysql2 asks by default for IGNORE_SPACE, which the server adds to the session's sql_mode and stores with
      // every trigger and routine made on it (`count (x)` then reads as the built-in); and for LOCAL_FILES, which
      // lets a server ask for any file this process can read (LOAD DATA LOCAL INFILE). Neither is wanted.
      flags: ['-IGNORE_SPACE', '-LOCAL_FILES'],
      multipleStatements: true,
      // mysql2 captures a stack trace per query for its errors' stacks; the
      // runner reports each failure by its statement, and a migration run
      // sends thousands of queries.
      trace: false,
      // Only text queries are sent (see #run), never server-side prepared statements, whose cache mysql2
      // otherwise sizes at 16,000 entries: four arrays filled per connection, about 1 ms each time.
      maxPreparedStatements: 1,
      // mysql2 formats every query, scanning its whole text for placeholders even with no values to bind;
      // most of a run's statements have none. With values, mysql2's own formatting, as without this option.
      queryFormat: (sql: string, values: unknown, timezone?: string) =>
        Array.isArray(values) && values.length > 0 ? (mysql.format as FormatWithZone)(sql, values, false, timezone) : sql,
      connectTimeout: connectTimeoutMs(url.params),
      ...MYSQL_VALUE_OPTIONS,
      ...(url.password === undefined ? {} : { password: url.password }),
      ...(url.database === undefined ? {} : { database: url.database }),
      ...(socketPath === undefined ? {} : { socketPath }),
      ...(ssl === undefined ? {} : { ssl }),
    }
    try {
      return new MysqlConnection(await mysql.createConnection(options), options, target)
    } catch (error) {
      throw connectionFailed(target, error)
    }
  }

  get inTransaction(): boolean {
    return this.#inTransaction
  }

  // A reply of rows alone (a SELECT) changes neither: stored functions may
  // neither commit nor begin (https://dev.mysql.com/doc/refman/8.0/en/stored-program-restrictions.html).
  async transactionState(): Promise<TransactionState> {
    // `DO 0` is the cheapest statement whose reply carries the flags.
    if (!this.#stateKnown) await this.#run('DO 0')
    return { open: this.#inTransaction, autocommit: this.#autocommit }
  }

  async execute(statement: Statement): Promise<void> {
    await this.#run(statement.sql, statement.params)
  }

  sendWithNext(statement: Statement): void {
    const sql = statement.sql.replace(/[\s;]+$/, '')
    this.#ahead = this.#ahead === undefined ? sql : `${this.#ahead}\n;\n${sql}`
  }

  /** What sendWithNext left for the next round trip. */
  #ahead: string | undefined

  /**
   * One round trip: each statement's values are bound in its own text here,
   * as mysql2 binds them anyway (client-side), so a `?` in another
   * statement's text is never taken for a placeholder. Each text ends on a
   * line of its own, so a trailing `--` comment cannot swallow the next.
   */
  async executeBatch(statements: readonly Statement[]): Promise<void> {
    const texts = statements.map((statement) => {
      const sql = statement.sql.replace(/[\s;]+$/, '')
      return statement.params?.length ? this.#connection.format(sql, statement.params.map(toMysqlValue)) : sql
    })
    this.#track(await this.#run(texts.join('\n;\n')))
  }

  async query(sql: string, params: readonly RowValue[] = []): Promise<Row[]> {
    const result = await this.#run(sql, params)
    // Several statements give one result each; the last is the answer.
    const last = isMulti(result) ? result.at(-1) : result
    return Array.isArray(last) ? (last as Row[]) : []
  }

  async hasTable(name: string, schema?: string): Promise<boolean> {
    const rows = await this.query(
      'SELECT 1 FROM information_schema.tables WHERE table_name = ? AND table_schema = coalesce(?, DATABASE())',
      [name, schema ?? null],
    )
    return rows.length > 0
  }

  describeTable(name: string): Promise<TableShape | undefined> {
    return describeMysqlTable((sql, params) => this.query(sql, params), name)
  }

  async begin(): Promise<void> {
    await this.#run('START TRANSACTION')
  }

  async commit(): Promise<void> {
    await this.#run('COMMIT')
  }

  // Leaves the session as the runner keeps it between transactions: nothing
  // open, and autocommit on again if a script's statement turned it off.
  async rollback(): Promise<void> {
    await this.#run(this.#autocommit ? 'ROLLBACK' : 'ROLLBACK; SET autocommit = 1')
  }

  async close(): Promise<void> {
    // A lost session takes no QUIT: mysql2 would only report that the connection is closed.
    if (this.#session.lost !== undefined) this.#connection.destroy()
    else await this.#inFlight.track(this.#connection.end()).catch(() => this.#connection.destroy())
  }

  /**
   * KILL QUERY from a second connection: the statement in flight ends with
   * "Query execution was interrupted" (a DDL statement is rolled back whole:
   * MariaDB 10.6+ and MySQL 8.0 make DDL atomic) and the session stays
   * usable. A KILL QUERY that arrives once the statement is over is
   * forgotten when the session reads its next command.
   */
  async cancel(): Promise<void> {
    if (!this.#inFlight.busy) return
    const { default: mysql } = await import('mysql2/promise')
    try {
      const killer = await mysql.createConnection(this.#options)
      try {
        await killer.query(`KILL QUERY ${Number(this.#connection.threadId)}`)
      } finally {
        await killer.end().catch(() => killer.destroy())
      }
    } catch {
      // No second connection to be had: the statement runs to its end.
    }
    await this.#inFlight.idle()
  }

  // `query`, not `execute`: server-side prepared statements refuse some DDL
  // and multiple statements. Without values mysql2 sends the text untouched,
  // so a `?` inside a script's SQL is never mistaken for a placeholder.
  async #run(given: string, values?: readonly RowValue[]): Promise<unknown> {
    const lost = this.#session.lost
    if (lost !== undefined) throw lost
    let sql = given
    let params = values
    const ahead = this.#ahead
    if (ahead !== undefined) {
      // Its values bound here, as mysql2 would: the statement ahead is sent as it is.
      this.#ahead = undefined
      sql = `${ahead}\n;\n${params?.length ? this.#connection.format(sql, params.map(toMysqlValue)) : sql}`
      params = undefined
    }
    const sent =
      params === undefined || params.length === 0 ? this.#connection.query(sql) : this.#connection.query(sql, params.map(toMysqlValue))
    let result: unknown
    try {
      const [rows, fields] = await this.#inFlight.track(sent)
      withBigIntegers(rows, fields)
      result = rows
    } catch (error) {
      this.#stateKnown = false
      throw this.#session.failure(error)
    }
    this.#track(result)
    return result
  }

  // DDL commits implicitly (https://dev.mysql.com/doc/refman/8.0/en/implicit-commit.html);
  // the server's status flags say whether a transaction is still open, and
  // whether autocommit is on. Of several statements, the last to send flags tells.
  #track(result: unknown): void {
    const header = (isMulti(result) ? result : [result]).filter(isHeader).at(-1)
    if (header === undefined) return
    this.#inTransaction = (header.serverStatus & SERVER_STATUS_IN_TRANS) !== 0
    this.#autocommit = (header.serverStatus & SERVER_STATUS_AUTOCOMMIT) !== 0
    this.#stateKnown = true
  }
}

function isMulti(result: unknown): result is unknown[] {
  return Array.isArray(result) && result.length > 0 && result.every((part) => Array.isArray(part) || isHeader(part))
}

function isHeader(result: unknown): result is ResultSetHeader {
  return (
    typeof result === 'object' && result !== null && !Array.isArray(result) && typeof (result as ResultSetHeader).serverStatus === 'number'
  )
}

function toMysqlValue(value: RowValue): unknown {
  const bound = mysqlBind(value)
  if (typeof bound === 'bigint') return bound.toString()
  if (bound instanceof Uint8Array && !Buffer.isBuffer(bound)) return Buffer.from(bound.buffer, bound.byteOffset, bound.byteLength)
  return bound
}

/**
 * The `mysql2` driver, for MySQL and MariaDB: one connection, not a pool.
 *
 * @example
 * const connection = await mysql2Driver.open(parseDatabaseUrl('mysql://root@127.0.0.1/app'))
 */
export const mysql2Driver: Driver = {
  name: 'mysql2',
  open: (url) => MysqlConnection.open(url),
}
