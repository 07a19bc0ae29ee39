import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before } from 'node:test'
import { parseDatabaseUrl } from '../../src/core/database-url.js'
import type { DialectName } from '../../src/dialect/types.js'
import { isAthanorError } from '../../src/core/errors.js'
import type { Row } from '../../src/ops/operation-sink.js'
import type { RowValue } from '../../src/ops/operation.js'
import { openConnection } from '../../src/dialect/registry.js'
import type { DatabaseConnection } from '../../src/dialect/driver.js'

/**
 * The servers the live tests use, overridable for a machine whose servers
 * live elsewhere. Each URL names a database to connect to for CREATE DATABASE.
 */
const ADMIN_URLS: Readonly<Record<Exclude<DialectName, 'sqlite'>, string>> = {
  postgresql: process.env['ATHANOR_TEST_POSTGRES_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
  mysql: process.env['ATHANOR_TEST_MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306/',
}

/** The URL of a dialect's test server, for a command that makes databases of its own there (`athanor test`). */
export function testServerUrl(dialect: Exclude<DialectName, 'sqlite'>): string {
  return ADMIN_URLS[dialect]
}

const HOW_TO_START: Readonly<Record<Exclude<DialectName, 'sqlite'>, string>> = {
  postgresql: 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
  mysql: 'start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd',
}

const SERVER_NAMES: Readonly<Record<Exclude<DialectName, 'sqlite'>, string>> = { postgresql: 'PostgreSQL', mysql: 'MariaDB' }

/**
 * Where a live test runs: a dialect's test server (a file for SQLite), or
 * `pglite`, the PostgreSQL dialect embedded in the test's own process.
 */
export type TestServer = DialectName | 'pglite'

/** A database of its own for one test file, dropped at the end. */
export interface TestDatabase {
  readonly dialect: DialectName
  /** The database's name (`athanor_t_<pid>_<random>`; a file path on SQLite, a data directory on PGlite). */
  readonly name: string
  /** An athanor URL to it. */
  readonly url: string
  /** Queries it on a shared connection, for assertions. */
  query(sql: string, params?: readonly RowValue[]): Promise<Row[]>
  /**
   * A fresh connection of its own, closed by the caller. PGlite has one
   * session: there this is the one `query` uses, and closing it does
   * nothing until `drop`; no other process can open the database meanwhile.
   */
  connect(): Promise<DatabaseConnection>
  /**
   * Closes the shared connection of `query` (and, on PGlite, of `connect`);
   * the next call opens it again. PGlite's database opens in one process at
   * a time: release it before a CLI process needs it.
   */
  release(): Promise<void>
  drop(): Promise<void>
}

/**
 * Creates a uniquely named database on the dialect's test server. A server
 * that does not answer fails with one line naming it and how to start it:
 * the live tests are never skipped in silence.
 *
 * @example
 * const db = await createTestDatabase('postgresql')
 * try { await cli(['upgrade', '--url', db.url]) } finally { await db.drop() }
 */
export async function createTestDatabase(server: TestServer): Promise<TestDatabase> {
  const name = `athanor_t_${process.pid}_${randomBytes(4).toString('hex')}`
  if (server === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'athanor-pglite-'))
    return oneSessionHandle(join(dir, name), `pglite:///${join(dir, name)}`, async () => rmSync(dir, { recursive: true, force: true }))
  }
  const dialect = server
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'athanor-live-'))
    return handle(dialect, join(dir, `${name}.db`), `sqlite:///${join(dir, `${name}.db`)}`, async () =>
      rmSync(dir, { recursive: true, force: true }),
    )
  }
  const adminUrl = ADMIN_URLS[dialect]
  const admin = await adminConnection(dialect, adminUrl)
  try {
    await admin.execute({
      sql: dialect === 'postgresql' ? `CREATE DATABASE "${name}"` : `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`,
    })
  } finally {
    await admin.close()
  }
  const url = withDatabase(adminUrl, name)
  return handle(dialect, name, url, async () => {
    const again = await adminConnection(dialect, adminUrl)
    try {
      // FORCE ends sessions a failed test left open (PostgreSQL 13+).
      await again.execute({
        sql: dialect === 'postgresql' ? `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)` : `DROP DATABASE IF EXISTS \`${name}\``,
      })
    } finally {
      await again.close()
    }
  })
}

/**
 * {@link createTestDatabase} in the enclosing suite's `before`, dropped in
 * its `after`. Call it inside a `describe`: there hooks run in order, while
 * Node 20 starts top-level `before` hooks without waiting for each other.
 * The handle's members work once `before` has run, i.e. inside tests.
 *
 * @example
 * describe('mysql', () => {
 *   const db = useTestDatabase('mysql')
 *   test('…', async () => { await db.query('SELECT 1') })
 * })
 */
export function useTestDatabase(server: TestServer): TestDatabase {
  let current: TestDatabase | undefined
  const get = (): TestDatabase => {
    if (!current) throw new Error(`the ${server} test database is not created yet: use it inside a test`)
    return current
  }
  before(async () => {
    current = await createTestDatabase(server)
  })
  after(async () => {
    await current?.drop()
  })
  return {
    dialect: server === 'pglite' ? 'postgresql' : server,
    get name() {
      return get().name
    },
    get url() {
      return get().url
    },
    query: (sql, params) => get().query(sql, params),
    connect: () => get().connect(),
    release: () => get().release(),
    drop: () => get().drop(),
  }
}

async function adminConnection(dialect: Exclude<DialectName, 'sqlite'>, adminUrl: string): Promise<DatabaseConnection> {
  try {
    return await openConnection(parseDatabaseUrl(adminUrl))
  } catch (error) {
    if (!isAthanorError(error, 'CONNECTION_FAILED')) throw error
    const server = SERVER_NAMES[dialect]
    throw new Error(
      `${server} is not reachable for the live tests (${error.message}); ` +
        `start it with \`${HOW_TO_START[dialect]}\` or \`bash scripts/start-databases.sh\``,
    )
  }
}

function withDatabase(adminUrl: string, name: string): string {
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return url.toString()
}

function handle(dialect: DialectName, name: string, url: string, dropIt: () => Promise<void>): TestDatabase {
  let shared: Promise<DatabaseConnection> | undefined
  const connect = () => openConnection(parseDatabaseUrl(url))
  return {
    dialect,
    name,
    url,
    connect,
    async query(sql, params = []) {
      shared ??= connect()
      return (await shared).query(sql, params)
    },
    async release() {
      if (shared) await (await shared).close()
      shared = undefined
    },
    async drop() {
      await this.release()
      await dropIt()
    },
  }
}

/** A PGlite database: one session, opened on first use and shared by `query` and `connect`. */
function oneSessionHandle(name: string, url: string, dropIt: () => Promise<void>): TestDatabase {
  let session: Promise<DatabaseConnection> | undefined
  const shared = async (): Promise<DatabaseConnection> => {
    session ??= openConnection(parseDatabaseUrl(url))
    return keptOpen(await session)
  }
  return {
    dialect: 'postgresql',
    name,
    url,
    connect: shared,
    query: async (sql, params = []) => (await shared()).query(sql, params),
    async release() {
      if (session) await (await session).close()
      session = undefined
    },
    async drop() {
      await this.release()
      await dropIt()
    },
  }
}

/** The connection, but the caller's close ends nothing: it is the database's only session. */
function keptOpen(connection: DatabaseConnection): DatabaseConnection {
  return {
    dialect: connection.dialect,
    get inTransaction() {
      return connection.inTransaction
    },
    execute: (statement) => connection.execute(statement),
    executeBatch: (statements) => connection.executeBatch(statements),
    query: (sql, params) => connection.query(sql, params),
    hasTable: (name, schema) => connection.hasTable(name, schema),
    describeTable: (name) => connection.describeTable(name),
    begin: () => connection.begin(),
    commit: () => connection.commit(),
    rollback: () => connection.rollback(),
    transactionState: () => connection.transactionState(),
    cancel: () => connection.cancel(),
    close: async () => {},
  }
}
