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
export { current, type CurrentResult } from './command/current.js'
export { status, type DatabaseStatus, type PendingRevision, type StatusResult } from './command/status.js'
export type { LockState } from './dialect/lock-state.js'
export {
  checkAll,
  currentAll,
  downgradeAll,
  stampAll,
  statusAll,
  upgradeAll,
  type FanOutOptions,
  type FanOutResult,
  type MigrateAllOptions,
  type TenantResult,
  type TenantStatus,
} from './command/all-databases.js'
export { heads } from './command/heads.js'
export { branches } from './command/branches.js'
export { history, type HistoryOptions } from './command/history.js'
export { show } from './command/show.js'
export { revision, type RevisionOptions, type RevisionResult } from './command/revision.js'
export { merge } from './command/merge.js'
export { init, type InitResult } from './command/init.js'
export type { CommandOptions } from './config/project.js'
export type { DatabaseMigrations } from './script/database-module.js'
export type { MigrateOptions, MigrateResult } from './runtime/run-migrations.js'
export type { RevisionView } from './script/revision-view.js'

// defineConfig, env, parseDatabaseUrl, redactUrl, t, sql and the error
// classes: also the light entry a config file is pointed at.
export * from './light.js'
export type {
  AthanorConfig,
  DatabaseConfig,
  LintConfig,
  LintRuleSetting,
  TenantsConfig,
  TransactionMode,
} from './config/config.js'
export type { EnvReference } from './config/env-reference.js'
export type { DatabaseUrl } from './core/database-url.js'

export {
  Operations,
  type AlterColumnInput,
  type ColumnInput,
  type CreateTableOptions,
  type CreateViewOptions,
  type DropViewOptions,
  type DropRoutineOptions,
  type ForeignKeyOptions,
  type IndexOptions,
  type MigrationContext,
} from './ops/operations.js'
export type { BatchOperations } from './ops/batch-operations.js'
export type * from './ops/operation.js'
export type { ColumnTypeInput, DefaultInput } from './schema/column-types.js'
export type * from './schema/types.js'
export type * from './schema/view.js'
export type * from './schema/stored-code.js'

export type { PlanStep, VersionRowChange } from './revision/types.js'
export type { RunReporter } from './runtime/reporter.js'
export type { ErrorCode, ErrorCodeInfo } from './core/errors.js'
export { resolve, acceptEdited, type Resolution, type ResolveOptions, type ResolveResult } from './command/resolve.js'
export { appliedHistory, type AppliedHistory } from './command/applied-history.js'
export type { StampResult } from './command/stamp.js'
export type { MigrationLockOptions } from './runtime/locked-run.js'
export type { HistoryRow, HistoryDirection, HistoryStatus } from './runtime/history-entry.js'
export type { EditedScript } from './runtime/history-checks.js'

export { migrate, type AutogenerateOptions, type AutogenerateResult } from './command/migrate.js'
export { check as checkModels, type CheckResult } from './command/check.js'
export { pull, type PullOptions } from './command/pull.js'
export {
  testMigrations,
  type DatabaseTestReport,
  type TestName,
  type TestOptions,
  type TestOutcome,
  type TestReport,
} from './command/test.js'
export {
  lint,
  lintAll,
  type LintAllOptions,
  type LintAllReport,
  type LintFinding,
  type LintOptions,
  type LintReport,
  type LintRuleInfo,
  type LintSeverity,
  type LintedDatabase,
  type TenantLintGroup,
} from './command/lint.js'
export { convertAlembic, type ConvertAlembicOptions, type ConvertAlembicResult } from './command/convert-alembic.js'
export type { CompareOptions } from './runtime/compare-models.js'
export {
  col,
  ColumnBuilder,
  table,
  index,
  unique,
  foreignKey,
  check,
  defineModels,
  view,
  trigger,
  routine,
  type ModelTrigger,
  type ModelRoutine,
  type TriggerOptions,
  type Models,
  type TableOptions,
  type ViewOptions,
  pgEnum,
  extension,
  sequence,
  type ModelObject,
  type PgEnum,
  type PgExtension,
  type PgSequence,
  pgDomain,
  type PgDomain,
  type PgDomainOptions,
  pgComposite,
  type CompositeAttributeSpec,
  type PgComposite,
  pgRange,
  type PgRange,
  type PgRangeOptions,
  type TypeColumnOptions,
  partition,
  type PartitionOptions,
  type PgPartition,
  policy,
} from './models/index.js'
export type { Policy, PolicyCommand } from './schema/policy.js'
export type { EnumType, Extension, Sequence, SequenceChanges, SequenceOptions } from './schema/pg-objects.js'
export type { Domain, DomainChanges, DomainCheck } from './schema/pg-domain.js'
export type { CompositeAttribute, CompositeChanges, CompositeType } from './schema/pg-composite.js'
export type { RangeType } from './schema/pg-range.js'
export type { Partition, PostgresTableOptions } from './schema/partitioning.js'
export type { RenamedRelation, RenameResolver, TableName } from './diff/index.js'
