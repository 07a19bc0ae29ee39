import { sqliteStoredCode } from './stored-code.js'
import { sqliteCheckKey } from './check-key.js'
import { sqliteViews } from './views.js'
import { createDiffHooks } from '../diff-hooks.js'
import type { Dialect } from '../dialect.js'
import { readSqliteCatalogObjects } from './catalog-objects.js'
import { sqliteScratch } from './scratch.js'
import { sqliteSessionTimeouts } from './session-timeouts.js'
import { readSqliteLockState } from './lock-state.js'
import { sqliteCompiler } from './compiler.js'
import { acquireSqliteLock } from './lock.js'
import { SqliteShadow } from './rebuild/shadow.js'
import { sqliteStepIsolation } from './step-isolation.js'
import { sqliteTransactionControl } from './transaction-control.js'
import { sqliteLint } from './lint.js'

const INTEGERS = new Set(['integer', 'smallint', 'bigint'])

/**
 * SQLite. Its ALTER TABLE cannot change a column or a constraint, so
 * such changes are table rebuilds; names compare without case; a constraint
 * created without a name stays unnamed; foreign keys are written inside
 * CREATE TABLE; and the autoincrement key is always INTEGER
 * (https://sqlite.org/autoinc.html), whatever width the model asked.
 *
 * @example
 * sqliteDialect.capabilities.transactionalDdl // true
 */
export const sqliteDialect: Dialect = {
  name: 'sqlite',
  capabilities: {
    transactionalDdl: true,
    savepoints: true,
    returning: true,
    batchedStatements: false,
    catalogConnections: 0,
    sharedCommits: true,
    lockSeesEveryRunner: false,
  },
  compiler: sqliteCompiler,
  diffHooks: createDiffHooks(sqliteCompiler, {
    checkKey: sqliteCheckKey,
    foldCase: true,
    comments: false,
    inlineForeignKeys: true,
    batchTableChanges: true,
    sqliteTableOptions: true,
    keepsUnnamedConstraints: true,
    triggersCheckedOnRename: true,
    // Named in the CREATE TABLE text: a new name is a rebuild, which takes the new text.
    renames: { indexes: false, constraints: [], remade: ['unique', 'foreignkey'] },
    typeKey: (column, rendered) => (column.autoincrement === true && INTEGERS.has(column.type.kind) ? 'INTEGER' : rendered),
  }),
  // An attached database is never attached to athanor's connection: a model's schema would fail at upgrade.
  schemasRefused: 'a SQLite database has no schemas a migration can reach',
  introspect: async (db) => (await import('./introspect.js')).introspectSqlite(db),
  unmanaged: async (db) => (await import('./unmanaged.js')).sqliteUnmanaged(db),
  views: sqliteViews,
  storedCode: sqliteStoredCode,
  readCatalogObjects: readSqliteCatalogObjects,
  scratch: sqliteScratch,
  // The database connection is not the lock: see ./lock.ts.
  // A URL's ?mode=ro opens the file read-only and sets query_only (see sqliteOpenOptions).
  readOnlyReason: async (connection) => {
    const [row] = await connection.query('PRAGMA query_only')
    return Number(Object.values(row ?? {})[0] ?? 0) === 1 ? 'is opened read-only (mode=ro): this command writes to it' : null
  },
  acquireLock: (_connection, url, options) => acquireSqliteLock(url, options),
  readLockState: (_connection, url) => readSqliteLockState(url),
  tableRebuild: {
    live: async (connection, request, convention, events) =>
      (await import('./rebuild/run-live.js')).rebuildLive(connection, request, convention, events),
    offline: (replay) => new SqliteShadow(replay),
  },
  runDurability: null,
  // CREATE INDEX is transactional: an interrupted one leaves nothing.
  invalidIndexes: null,
  stepIsolation: sqliteStepIsolation,
  sessionTimeouts: sqliteSessionTimeouts,
  transactionControl: sqliteTransactionControl,
  sessions: null,
  // A SQLite file holds one database: tenants are listed by their URLs.
  tenantScopes: null,
  columnNamesSql: (table) => `SELECT name FROM pragma_table_info(${sqliteCompiler.renderLiteral(table)})`,
  shadow: { embeddedUrl: 'sqlite://' },
  drivers: [{ name: 'better-sqlite3', load: async () => (await import('./driver.js')).betterSqlite3Driver }],
  lint: sqliteLint,
}
