/**
 * athanor: schema migrations for TypeScript on Node.
 *
 * The commands are functions, so an application can migrate at start-up the
 * way Flask-Migrate hooks into Flask:
 *
 * @example
 * import { upgrade } from 'athanor'
 * await upgrade({ directory: 'migrations', url: process.env.DATABASE_URL }, 'head')
 */
export { upgrade } from './command/upgrade.js'
export { downgrade } from './command/downgrade.js'
export { stamp, type StampOptions } from './command/stamp.js'
export { current, heads, branches, history, show, type HistoryOptions } from './command/inspect.js'
export { revision, type RevisionOptions, type RevisionResult } from './command/revision.js'
export { merge } from './command/merge.js'
export { init, type InitResult } from './command/init.js'
export type { CommandOptions } from './command/project.js'
export type { MigrateOptions, MigrateResult } from './command/run-migrations.js'
export type { RevisionView } from './command/revision-view.js'

export { defineConfig, type AthanorConfig, type TransactionMode } from './config/config.js'
export { parseDatabaseUrl, redactUrl, type DatabaseUrl } from './config/database-url.js'

export {
  Operations,
  type AlterColumnInput,
  type ColumnInput,
  type CreateTableOptions,
  type ForeignKeyOptions,
  type MigrationContext,
} from './ops/operations.js'
export type * from './ops/operation.js'
export { t, sql, type ColumnTypeInput, type DefaultInput } from './schema/column-types.js'
export type * from './schema/types.js'

export { RevisionGraph } from './revision/index.js'
export type { RevisionSpec, PlanStep, VersionRowChange } from './revision/types.js'
export type { RunReporter } from './runtime/reporter.js'
export { AthanorError, isAthanorError } from './errors.js'
