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

/** A database of its own for one test file, dropped at the end. */
export interface TestDatabase {
  readonly dialect: DialectName
  /** The database's name (`athanor_t_<pid>_<random>`; a file path on SQLite). */
  readonly name: string
  /** An athanor URL to it. */
  readonly url: string
  /** Queries it on a shared connection, for assertions. */
  query(sql: string, params?: readonly RowValue[]): Promise<Row[]>
  /** A fresh connection of its own, closed by the caller. */
  connect(): Promise<DatabaseConnection>
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
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  const name = `athanor_t_${process.pid}_${randomBytes(4).toString('hex')}`
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
export function useTestDatabase(dialect: DialectName): TestDatabase {
  let current: TestDatabase | undefined
  const get = (): TestDatabase => {
    if (!current) throw new Error(`the ${dialect} test database is not created yet: use it inside a test`)
    return current
  }
  before(async () => {
    current = await createTestDatabase(dialect)
  })
  after(async () => {
    await current?.drop()
  })
  return {
    dialect,
    get name() {
      return get().name
    },
    get url() {
      return get().url
    },
    query: (sql, params) => get().query(sql, params),
    connect: () => get().connect(),
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
    async drop() {
      if (shared) await (await shared).close()
      shared = undefined
      await dropIt()
    },
  }
}
