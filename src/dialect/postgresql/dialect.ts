import { createDiffHooks } from '../diff-hooks.js'
import type { Dialect } from '../dialect.js'
import { postgresCompiler } from './compiler.js'
import { acquirePostgresqlLock } from './lock.js'

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
  capabilities: { transactionalDdl: true, savepoints: true, returning: true, batchedStatements: true, catalogConnections: 2 },
  compiler: postgresCompiler,
  diffHooks: createDiffHooks(postgresCompiler, { defaultSchema: 'public' }),
  introspect: async (db, options) => (await import('./introspect.js')).introspectPostgres(db, options),
  acquireLock: acquirePostgresqlLock,
  tableRebuild: null,
  stepIsolation: null,
  drivers: [{ name: 'pg', load: async () => (await import('./driver.js')).pgDriver }],
}
