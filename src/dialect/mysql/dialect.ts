import { createDiffHooks } from '../diff-hooks.js'
import type { Dialect } from '../dialect.js'
import { mysqlCompiler } from './compiler.js'
import { acquireMysqlLock } from './lock.js'
import { mysqlSessions } from './sessions.js'

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
    catalogConnections: 0,
    sharedCommits: false,
    lockSeesEveryRunner: true,
  },
  compiler: mysqlCompiler,
  diffHooks: createDiffHooks(mysqlCompiler, { noActionSynonyms: ['NO ACTION', 'RESTRICT'] }),
  introspect: async (db) => (await import('./introspect.js')).introspectMysql(db),
  acquireLock: acquireMysqlLock,
  tableRebuild: null,
  runDurability: null,
  stepIsolation: null,
  sessions: mysqlSessions,
  columnNamesSql: (table) =>
    'SELECT column_name AS name FROM information_schema.columns ' +
    `WHERE table_schema = DATABASE() AND table_name = ${mysqlCompiler.renderLiteral(table)}`,
  drivers: [{ name: 'mysql2', load: async () => (await import('./driver.js')).mysql2Driver }],
}
