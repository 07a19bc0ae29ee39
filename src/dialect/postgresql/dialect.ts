import { postgresStoredCode } from './stored-code.js'
import { checkExpressionKey } from '../check-expression.js'
import { POSTGRESQL_OPERATORS } from './operator-grammar.js'
import { postgresViews } from './views.js'
import { createDiffHooks, type DiffHookSpec } from '../diff-hooks.js'
import { BUILT_IN_DEFAULT_OPERATOR_CLASSES, readDefaultOperatorClasses } from './default-opclasses.js'
import type { Dialect } from '../dialect.js'
import { readPostgresqlCatalogObjects } from './catalog-objects.js'
import { postgresqlScratch } from './scratch.js'
import { postgresqlSessionTimeouts } from './session-timeouts.js'
import { readPostgresqlLockState } from './lock-state.js'
import { postgresCompiler } from './compiler.js'
import { postgresqlInvalidIndexes } from './invalid-indexes.js'
import { acquirePostgresqlLock } from './lock.js'
import { postgresqlLexicon, postgresqlTransactionControl } from './transaction-control.js'
import { postgresqlSessions } from './sessions.js'
import { pgliteScratch } from './pglite-scratch.js'
import { postgresqlLint } from './lint.js'
import { retargetUrl } from '../../core/database-url.js'
import { postgresTypeKey } from './stored-type.js'
import { postgresColumnAsHeld } from './raw-serial.js'
import { postgresCastUsing } from './explicit-casts.js'
import { postgresPlainDigits, postgresRoundedDigits } from './rounding.js'

const HOOKS: DiffHookSpec = {
  defaultSchema: 'public',
  castUsing: postgresCastUsing,
  roundedDigits: postgresRoundedDigits,
  plainDigits: postgresPlainDigits,
  onlineForms: true,
  foreignKeysNeedReferredKeys: true,
  postgresTableOptions: true,
  readersHoldColumnTypes: true,
  numberingKinds: true,
  timePrecisionInDefaults: true,
  renames: { indexes: true, constraints: ['unique', 'foreignkey', 'check'] },
  defaultOperatorClasses: BUILT_IN_DEFAULT_OPERATOR_CLASSES,
  checkKey: (expression) =>
    checkExpressionKey(expression, postgresqlLexicon, { foldQuotedNames: false, postgresCasts: true, grammar: POSTGRESQL_OPERATORS }),
  typeKey: postgresTypeKey,
  columnAsHeld: postgresColumnAsHeld,
}

/**
 * PostgreSQL: transactional DDL, schemas (`public` by default), an advisory
 * lock per schema and version table, and a catalog read on two extra
 * backends side by side, which costs less than it saves on a large schema.
 *
 * @example
 * postgresqlDialect.diffHooks.defaultSchema // 'public'
 */
export const postgresqlDialect: Dialect = {
  name: 'postgresql',
  capabilities: {
    transactionalDdl: true,
    savepoints: true,
    returning: true,
    batchedStatements: true,
    catalogConnections: 2,
    sharedCommits: false,
    lockSeesEveryRunner: true,
  },
  compiler: postgresCompiler,
  diffHooks: createDiffHooks(postgresCompiler, HOOKS),
  serverDiffHooks: async (db) =>
    createDiffHooks(postgresCompiler, { ...HOOKS, defaultOperatorClasses: await readDefaultOperatorClasses(db) }),
  introspect: async (db, options) => (await import('./introspect.js')).introspectPostgres(db, options),
  unmanaged: async (db, options) => (await import('./unmanaged.js')).postgresUnmanaged(db, options),
  views: postgresViews,
  storedCode: postgresStoredCode,
  introspectObjects: async (db, options) => (await import('./introspect-objects.js')).introspectPostgresObjects(db, options),
  missingTypes: async (db, models) => (await import('./missing-types.js')).postgresMissingTypes(db, models),
  presentSchemas: async (db, names) => (await import('./schemas.js')).presentPostgresSchemas(db, names),
  schemasHolding: async (db, names) => (await import('./schemas.js')).postgresSchemasHolding(db, names),
  currentSchema: async (db) => {
    const [row] = await db.query('SELECT current_schema() AS home')
    return typeof row?.['home'] === 'string' ? row['home'] : undefined
  },
  readCatalogObjects: readPostgresqlCatalogObjects,
  scratch: postgresqlScratch,
  readOnlyReason: async (connection) => {
    const [row] = await connection.query('SELECT pg_is_in_recovery() AS standby')
    return row?.['standby'] === true ? 'is a read-only standby (in recovery); run migrations against the primary' : null
  },
  acquireLock: acquirePostgresqlLock,
  readLockState: (connection, _url, versionTable) => readPostgresqlLockState(connection, versionTable),
  tableRebuild: null,
  stepIsolation: null,
  // https://www.postgresql.org/docs/current/wal-async-commit.html: an
  // asynchronous commit is atomic and ordered, only its flush is deferred;
  // txid_current() gives the closing transaction an id, so its commit record
  // is written and waited for, flushing every commit before it.
  runDurability: {
    relax: ['SET synchronous_commit = off'],
    restore: ['SET synchronous_commit = on', 'BEGIN', 'SELECT txid_current()', 'COMMIT'],
  },
  invalidIndexes: postgresqlInvalidIndexes,
  sessionTimeouts: postgresqlSessionTimeouts,
  transactionControl: postgresqlTransactionControl,
  sessions: postgresqlSessions,
  // A tenant is a schema: its runs set search_path to it, so its version table and lock key are its own.
  tenantScopes: {
    noun: 'schema',
    matchingSql: (pattern) =>
      `SELECT nspname AS name FROM pg_catalog.pg_namespace WHERE nspname LIKE ${postgresCompiler.renderLiteral(pattern)} ORDER BY nspname`,
    urlOf: (server, name) => retargetUrl(server, { schema: name }),
    enter: (connection, name) => connection.execute({ sql: `SET search_path TO ${postgresCompiler.quoteIdentifier(name)}` }),
    // Each connection is a backend process of the server: more than one at once is the user's call.
    parallel: 1,
  },
  columnNamesSql: (table) =>
    'SELECT column_name AS name FROM information_schema.columns ' +
    `WHERE table_schema = current_schema() AND table_name = ${postgresCompiler.renderLiteral(table)}`,
  shadow: { embeddedUrl: 'pglite://' },
  drivers: [
    { name: 'pg', load: async () => (await import('./driver.js')).pgDriver },
    {
      name: 'pglite',
      capabilities: { catalogConnections: 0 },
      scratch: pgliteScratch,
      load: async () => (await import('./pglite-driver.js')).pgliteDriver,
    },
  ],
  lint: postgresqlLint,
}
