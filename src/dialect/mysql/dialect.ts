import { mysqlStoredCode } from './stored-code.js'
import { checkExpressionKey } from '../check-expression.js'
import { MYSQL_OPERATORS } from './operator-grammar.js'
import { mysqlViews } from './views.js'
import { createDiffHooks, type DiffHookSpec } from '../diff-hooks.js'
import { parseServerVersion } from '../lint/version.js'
import type { Dialect } from '../dialect.js'
import { readMysqlCatalogObjects } from './catalog-objects.js'
import { mysqlScratch } from './scratch.js'
import { mysqlSessionTimeouts } from './session-timeouts.js'
import { readMysqlLockState } from './lock-state.js'
import { mysqlCompiler } from './compiler.js'
import { acquireMysqlLock } from './lock.js'
import { mysqlLexicon, mysqlTransactionControl } from './transaction-control.js'
import { mysqlSessions } from './sessions.js'
import { mysqlLint } from './lint.js'
import { retargetUrl } from '../../core/database-url.js'
import { MYSQL_SCRIPT_SESSION, mysqlStrictSession } from './strict-session.js'
import { mysqlTypeKey } from './stored-type.js'
import { mysqlStoredDefault } from './stored-default.js'
import { mysqlForeignKeyFault } from './foreign-key-faults.js'
import { mysqlCommentFault } from './comment-faults.js'
import { mysqlPlainDigits, mysqlRoundedDigits } from './rounding.js'

const HOOKS: DiffHookSpec = {
  autoincrementInDefinition: true,
  placesColumns: true,
  doubleQuotedStrings: true,
  checkKey: (expression) =>
    checkExpressionKey(expression, mysqlLexicon, {
      foldQuotedNames: true,
      postgresCasts: false,
      grammar: MYSQL_OPERATORS,
      backslashEscapes: true,
      doubleQuotedStrings: true,
      booleansAsNumbers: true,
    }),
  noActionSynonyms: ['NO ACTION', 'RESTRICT'],
  foldColumnNames: true,
  foreignKeysHoldTypes: true,
  foreignKeysNeedIndexes: true,
  foreignKeyFault: mysqlForeignKeyFault,
  commentFault: mysqlCommentFault,
  roundedDigits: mysqlRoundedDigits,
  plainDigits: mysqlPlainDigits,
  tableEngines: true,
  // RENAME INDEX: MySQL 5.7, MariaDB 10.5. A unique constraint is an index; a check cannot be renamed. A foreign key's
  // name is not compared: a rename (see mysqlRenameConstraint) must know whether the index named after the key is
  // InnoDB's (renamed with it on MariaDB) or one a dump declared (left under the old name), and that keys' names are
  // unique in the whole database, which the comparison of one table cannot see.
  renames: { indexes: true, constraints: ['unique'] },
  typeKey: mysqlTypeKey,
  storedDefault: mysqlStoredDefault,
}

/**
 * Whether a server of this version builds a DESC index key descending:
 * MySQL from 8.0 (https://dev.mysql.com/doc/refman/8.0/en/descending-indexes.html),
 * MariaDB from 10.8 (MDEV-13756); older ones parse DESC and ignore it. A
 * version that cannot be read is taken as a current one.
 *
 * @example
 * keepsDescendingKeys('10.6.12-MariaDB') // false
 * keepsDescendingKeys('8.0.36') // true
 */
export function keepsDescendingKeys(version: string): boolean {
  const parsed = parseServerVersion(version)
  if (parsed === undefined) return true
  const [major, minor] = parsed.flavor === 'mariadb' ? [10, 8] : [8, 0]
  return parsed.major > major || (parsed.major === major && parsed.minor >= minor)
}

/**
 * MySQL and MariaDB: DDL commits implicitly, so a failed migration is
 * journaled rather than rolled back; no RETURNING on MySQL; a missing
 * referential action reads back as RESTRICT as well as NO ACTION.
 *
 * @example
 * mysqlDialect.capabilities.transactionalDdl // false
 */
export const mysqlDialect: Dialect = {
  name: 'mysql',
  capabilities: {
    transactionalDdl: false,
    savepoints: true,
    returning: false,
    batchedStatements: true,
    catalogConnections: 1,
    sharedCommits: false,
    lockSeesEveryRunner: true,
  },
  compiler: mysqlCompiler,
  diffHooks: createDiffHooks(mysqlCompiler, HOOKS),
  serverDiffHooks: async (db) => {
    const [row] = await db.query('SELECT VERSION() AS version')
    const version = String(row?.['version'] ?? '')
    return createDiffHooks(mysqlCompiler, {
      ...HOOKS,
      descendingIndexKeys: keepsDescendingKeys(version),
      columnChecksGoWithColumn: /mariadb/i.test(version),
    })
  },
  // Its schemas are the server's databases: athanor reads the URL's only, and a migration creates none.
  schemasRefused: 'a MySQL/MariaDB schema is another database of the server, which athanor neither creates nor reads',
  introspect: async (db, options) => (await import('./introspect.js')).introspectMysql(db, options),
  unmanaged: async (db) => (await import('./unmanaged.js')).mysqlUnmanaged(db),
  // MariaDB's sequences (10.3+); MySQL has none.
  introspectObjects: async (db) => (await import('./sequences.js')).introspectMariadbSequences(db),
  sequencesOnly: async (db) => (await import('./sequences.js')).mysqlSequencesRefused(db),
  views: mysqlViews,
  storedCode: mysqlStoredCode,
  readCatalogObjects: readMysqlCatalogObjects,
  scratch: mysqlScratch,
  // A replica is read_only; an account with SUPER or READ_ONLY ADMIN could
  // still write to it and break its replication.
  readOnlyReason: async (connection) => {
    const [row] = await connection.query('SELECT @@global.read_only AS read_only')
    return Number(row?.['read_only']) === 1 ? 'is read-only (read_only = ON, a replica?); run migrations against the primary' : null
  },
  acquireLock: acquireMysqlLock,
  readLockState: (connection, _url, versionTable) => readMysqlLockState(connection, versionTable),
  tableRebuild: null,
  runDurability: null,
  // InnoDB drops the half-built index of a failed or interrupted ALTER TABLE ... ADD INDEX; none is left behind.
  invalidIndexes: null,
  stepIsolation: null,
  sessionTimeouts: mysqlSessionTimeouts,
  strictSession: mysqlStrictSession,
  scriptSession: MYSQL_SCRIPT_SESSION,
  transactionControl: mysqlTransactionControl,
  sessions: mysqlSessions,
  // A tenant is a database of the server (MySQL's schemas are its databases).
  tenantScopes: {
    noun: 'database',
    matchingSql: (pattern) =>
      'SELECT schema_name AS name FROM information_schema.schemata ' +
      `WHERE schema_name LIKE ${mysqlCompiler.renderLiteral(pattern)} ORDER BY schema_name`,
    urlOf: (server, name) => retargetUrl(server, { database: name }),
    // The USE travels with the tenant's first read (see DatabaseConnection.sendWithNext): one round trip fewer a tenant.
    enter: async (connection, name) => {
      const use = { sql: `USE ${mysqlCompiler.quoteIdentifier(name)}` }
      if (connection.sendWithNext) connection.sendWithNext(use)
      else await connection.execute(use)
    },
    // One tenant at a time leaves the server idle between round trips (a
    // CREATE TABLE waits on its file and log flushes); past four at once
    // its DDL only queues (bench/fan-out-trace.mjs, README "Past one machine").
    parallel: 4,
  },
  columnNamesSql: (table) =>
    'SELECT column_name AS name FROM information_schema.columns ' +
    `WHERE table_schema = DATABASE() AND table_name = ${mysqlCompiler.renderLiteral(table)}`,
  shadow: { embeddedUrl: null },
  drivers: [{ name: 'mysql2', load: async () => (await import('./driver.js')).mysql2Driver }],
  lint: mysqlLint,
}
