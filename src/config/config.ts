import type { NamingConvention } from '../schema/naming-convention.js'
import type { EnvReference } from './env-reference.js'

/**
 * What a project's `athanor.config.ts` holds. Every field is optional: a
 * migrations folder with no config at all works on `--url`/`DATABASE_URL`.
 *
 * The config is found from the working directory upward, at the project's
 * root (`athanor.config.ts`) or inside its migrations folder
 * (`migrations/athanor.config.ts`, the layout `athanor init` writes). Its
 * relative paths (`directory`, `models`, `versionLocations`,
 * `scriptTemplate`) are relative to the config's folder; relative SQLite
 * URLs and `env` files are relative to the project's root: the config's
 * folder, or for a config inside its migrations folder, the folder above.
 *
 * @example
 * // athanor.config.ts, at the project's root
 * import { defineConfig, env } from 'athanor'
 * export default defineConfig({ url: env('DATABASE_URL'), directory: 'migrations', models: 'src/models.ts' })
 */
export interface AthanorConfig {
  /**
   * The database URL, or `env('VAR')` to read it from an environment
   * variable (or a `.env` file) when a command needs it; `--url` and
   * `DATABASE_URL` take precedence. A relative SQLite URL
   * (`sqlite:///app.db`) is relative to the project's root, wherever the
   * command runs.
   */
  readonly url?: string | EnvReference
  /**
   * Where `migrate --offline` and `check --offline` replay the migrations
   * to learn the schema they produce, instead of reading a live database:
   * a server URL of the project's dialect, on which a scratch database is
   * created and dropped (the URL's user must be allowed to create
   * databases). Without it, SQLite replays in memory and PostgreSQL on
   * PGlite in memory (`@electric-sql/pglite`); MySQL/MariaDB needs it.
   * `pglite://` asks for PGlite explicitly.
   *
   * @example
   * export default defineConfig({ url: env('DATABASE_URL'), shadowUrl: 'mysql://root@127.0.0.1:3306/', models: 'src/models.ts' })
   */
  readonly shadowUrl?: string | EnvReference
  /**
   * The migrations folder, relative to this file (default: `migrations`
   * beside it; a config that sits in its migrations folder is in it).
   * `-d DIR` overrides it.
   */
  readonly directory?: string
  /**
   * The `.env` files to read, relative to the project's root, each later one
   * winning over the earlier (default `['.env', '.env.local']`; `[]` reads
   * none). A variable already set in the environment always wins; a missing
   * file is skipped.
   */
  readonly env?: readonly string[]
  /**
   * Several databases served by one migrations folder (`athanor init
   * --multidb`), by name, as Flask-SQLAlchemy's `SQLALCHEMY_BINDS`. The
   * first one listed is the default database: tables without a `bind`
   * belong to it, and `DATABASE_URL` sets its URL. Excludes `url`.
   *
   * @example
   * export default defineConfig({
   *   databases: { default: { url: 'sqlite:///app.db' }, db1: { url: 'postgresql://app@localhost/progress' } },
   * })
   */
  readonly databases?: Readonly<Record<string, DatabaseConfig>>
  /**
   * The databases `--all` works on, one after another or `--parallel N` at
   * once, each with its own connection and lock, all taking the same
   * migrations: a list of URLs, a query against a control database that
   * returns URLs or names, or every schema (PostgreSQL) or database
   * (MySQL/MariaDB) of one server whose name matches a `LIKE` pattern.
   * Commands without `--all` still work on `url` alone. Excludes `databases`.
   *
   * @example
   * export default defineConfig({
   *   url: env('DATABASE_URL'),
   *   tenants: { pattern: 'tenant_%' }, // every schema tenant_… of the server DATABASE_URL reaches
   * })
   */
  readonly tenants?: TenantsConfig
  /**
   * Where the scripts live, relative to this file (default: `versions` in the
   * migrations folder). Several folders make one revision graph.
   */
  readonly versionLocations?: readonly string[]
  /**
   * The module that declares the target schema, for autogenerate, relative
   * to this file (`--models FILE`, relative to the working directory,
   * overrides it).
   */
  readonly models?: string
  /**
   * Tables autogenerate never touches: exact names or `*` patterns
   * (`'legacy_*'`), optionally schema-qualified (`'audit.*'`), compared
   * without regard to case. With several databases these apply to every
   * one, and each database's own `excludeTables` adds to them.
   */
  readonly excludeTables?: readonly string[]
  /**
   * `migrate` refuses (`POSSIBLE_RENAME`) a dropped and an added column of
   * one table, or a dropped and an added table, unless a rename flag or a
   * prompt says what they are; off by default, when such a script is written
   * with a comment naming the flag, and a warning. `--strict-renames` and
   * `--no-strict-renames` win.
   */
  readonly strictRenames?: boolean
  /**
   * `migrate` writes changes to tables that already exist in the forms that
   * do not block the application, where the dialect has them (PostgreSQL):
   * `createIndex`/`dropIndex` with `concurrently`, foreign keys and checks
   * with `notValid` followed by `validateConstraint`, and `nullable: false`
   * with `safe` (a validated check, then SET NOT NULL). Such a script
   * exports `transactional = false`, as those forms need. Default `true`;
   * `false` writes the plain forms in a transactional script. Tables the
   * migration creates get the plain forms either way.
   *
   * @example
   * export default defineConfig({ url: env('DATABASE_URL'), safeOperations: false })
   */
  readonly safeOperations?: boolean
  /**
   * The version table's name (default `athanor_version`); `alembic_version`
   * adopts an Alembic database. A database of several may name its own.
   */
  readonly versionTable?: string
  /**
   * The heads `athanor test` expects (ids, unique prefixes or branch labels),
   * for a project that keeps several branches on purpose; absent, it
   * expects a single head.
   */
  readonly expectedHeads?: readonly string[]
  /**
   * `per-migration` (default): each migration commits with its version row, so
   * a failure leaves the database at the last good revision. `single`: the
   * whole run is one transaction, all or nothing.
   */
  readonly transactionMode?: TransactionMode
  /**
   * The template for new scripts, relative to this file (default:
   * `script.ts.template` in the migrations folder, else the built-in one).
   * A file named here must exist: `revision` and `migrate` stop with
   * `TEMPLATE_NOT_FOUND` rather than fall back to another template.
   */
  readonly scriptTemplate?: string
  /**
   * New scripts' file names (Alembic's `file_template`), without `.ts`:
   * `{rev}`, `{slug}` (the message), and the UTC creation time as `{year}`,
   * `{month}`, `{day}`, `{hour}`, `{minute}`, `{second}`, `{epoch}`. Default
   * `'{rev}_{slug}'`; `'{year}{month}{day}_{rev}_{slug}'` sorts by creation.
   */
  readonly fileTemplate?: string
  /**
   * The history table's name (default `<versionTable>_history`): one row per
   * migration run, with its checksum, times and outcome.
   */
  readonly historyTable?: string
  /**
   * How long a run waits for another athanor run on the same database to
   * finish before giving up: seconds as a number, or a string with a unit
   * (`'90s'`, `'2m'`, `'500ms'`). Default 60 seconds; `--lock-timeout` wins.
   */
  readonly lockTimeout?: number | string
  /**
   * On a MariaDB Galera cluster, where the lock is a row every node sees:
   * how long the holder's heartbeat may be silent before a waiting runner
   * takes the lock over (a killed runner's). Seconds, or `'45s'`; default 30 s.
   */
  readonly clusterLockExpiry?: number | string
  /**
   * How long one migration may run before it is cancelled and rolled back
   * (where it ran in a transaction; else journaled where it stopped): seconds,
   * or `'5m'`, `'30s'`, `'300ms'`. Default: no limit; `--step-timeout` wins.
   */
  readonly stepTimeout?: number | string
  /**
   * How long one statement may run before the database cancels it:
   * PostgreSQL's `statement_timeout`, MariaDB's `max_statement_time` (MySQL's
   * `max_execution_time` covers SELECT only; SQLite has none). Default: the
   * server's own setting; `--statement-timeout` wins.
   */
  readonly statementTimeout?: number | string
  /**
   * How long one statement may wait for a lock another session holds (the
   * table lock an ALTER TABLE needs, a row lock): PostgreSQL's `lock_timeout`,
   * MySQL/MariaDB's `lock_wait_timeout` and `innodb_lock_wait_timeout` (whole
   * seconds), SQLite's busy timeout. Not `lockTimeout`, which is the wait for
   * another athanor run. Default on PostgreSQL, for migrations run in a
   * transaction: the session's own `lock_timeout` where the role or the
   * database sets one, else 2 s, retried (see `ddlLockRetries`); elsewhere
   * the server's own setting; 0 turns athanor's default off;
   * `--ddl-lock-timeout` wins.
   */
  readonly ddlLockTimeout?: number | string
  /**
   * How many times a migration that ran into `ddlLockTimeout` is rolled back
   * and run again, after a growing wait, before the run fails; only a
   * migration run in a transaction is retried. Default 4 (five attempts);
   * 0 for none; `--ddl-lock-retries` wins.
   */
  readonly ddlLockRetries?: number
  /**
   * The wait before the first such retry: seconds, or `'500ms'`; each next
   * wait doubles (up to a minute), and each is drawn at random between half
   * and all of that, so that runners that timed out together do not return
   * together. Default 1 s; `--ddl-lock-retry-delay` wins.
   */
  readonly ddlLockRetryDelay?: number | string
  /**
   * Names for constraints the database left unnamed, in SQLAlchemy's format,
   * so a SQLite table rebuild can drop them by name
   * (`dropConstraint('fk_order_user_id_user', 'order')`). Default:
   * SQLAlchemy's recommended convention (`fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s`, …).
   */
  readonly namingConvention?: NamingConvention
  /**
   * The database server's version, for `athanor lint` when it reads no
   * database: what is safe changes with it (`'16'`, `'8.0.36'`,
   * `'10.11-MariaDB'`). Read from the server when lint connects.
   */
  readonly serverVersion?: string
  /** `athanor lint`: rule severities, and whether `upgrade` lints first. */
  readonly lint?: LintConfig
}

/**
 * What `athanor lint` reports and how `upgrade` uses it.
 *
 * @example
 * const lint: LintConfig = { rules: { 'drop-column': 'error', 'missing-statement-timeout': 'off' }, onUpgrade: 'warn' }
 */
export interface LintConfig {
  /** A rule's severity by its code, over its default; `'off'` silences it. */
  readonly rules?: Readonly<Record<string, LintRuleSetting>>
  /**
   * Whether `upgrade` lints the migrations it is about to run before it
   * touches anything: `'warn'` prints the findings and goes on, `'error'`
   * refuses when any finding is an error; `'off'` (the default) lints only
   * with `upgrade --lint`.
   */
  readonly onUpgrade?: 'warn' | 'error' | 'off'
}

/**
 * A rule's setting in {@link LintConfig.rules}.
 *
 * @example
 * const setting: LintRuleSetting = 'warning'
 */
export type LintRuleSetting = 'off' | 'warning' | 'error'

/**
 * One database of a multi-database project. Each keeps its own version and
 * history tables, so every database knows its own revision.
 *
 * @example
 * const db1: DatabaseConfig = { url: 'sqlite:///db1.db', versionTable: 'athanor_version' }
 */
export interface DatabaseConfig {
  /**
   * Its URL, or `env('VAR')`; `DATABASE_URL_<NAME>` (`DATABASE_URL` for the
   * default database) and `--db NAME --url` take precedence.
   */
  readonly url?: string | EnvReference
  /** Its version table (default: the config's `versionTable`, else `athanor_version`). */
  readonly versionTable?: string
  /** Its history table (default: the config's `historyTable`, else `<versionTable>_history`). */
  readonly historyTable?: string
  /** Tables autogenerate never touches in this database, besides the config's own `excludeTables`. */
  readonly excludeTables?: readonly string[]
}

/**
 * Where `--all` finds its databases (see {@link AthanorConfig.tenants}):
 * exactly one of `urls`, `query` and `pattern`.
 *
 * @example
 * const listed: TenantsConfig = { urls: ['sqlite:///tenants/a.db', 'sqlite:///tenants/b.db'] }
 * const queried: TenantsConfig = { url: env('CONTROL_URL'), query: 'SELECT schema_name FROM tenant WHERE active' }
 * const matched: TenantsConfig = { url: 'mysql://root@127.0.0.1/', pattern: 'shop_%' }
 */
export interface TenantsConfig {
  /** The databases themselves, each a URL or `env('VAR')`, in the order they run. */
  readonly urls?: readonly (string | EnvReference)[]
  /**
   * A query run on `url` whose first column holds, per row, a database URL
   * or a name: on PostgreSQL a schema of that database, on MySQL/MariaDB a
   * database of that server. Rows run in the order the query returns them.
   */
  readonly query?: string
  /**
   * A `LIKE` pattern (`'tenant_%'`): every schema of the PostgreSQL database
   * `url` names, each run with its `search_path` set to it and keeping its
   * version table inside it, or every database of the MySQL/MariaDB server.
   * They run in name order.
   */
  readonly pattern?: string
  /**
   * The database `query` and `pattern` read, and the server the names they
   * find live on (default: the project's URL: `--url`, `DATABASE_URL`, then `url`).
   */
  readonly url?: string | EnvReference
}

/**
 * How a run commits (see {@link AthanorConfig.transactionMode}):
 * `per-migration`, each migration with its version row, or `single`, the
 * whole run at once.
 *
 * @example
 * const mode: TransactionMode = 'single'
 * await upgrade({ directory: 'migrations', transactionMode: mode }) // all of it, or none
 */
export type TransactionMode = 'per-migration' | 'single'

/**
 * Identity function that gives a config file its type, so an editor checks
 * and completes the options.
 *
 * @example
 * // athanor.config.ts
 * export default defineConfig({ url: 'sqlite:///app.db', models: 'src/models.ts', excludeTables: ['legacy_*'] })
 */
export function defineConfig(config: AthanorConfig): AthanorConfig {
  return config
}

export const DEFAULT_VERSION_TABLE = 'athanor_version'

/** The history table of a version table: `athanor_version` → `athanor_version_history`. */
export function defaultHistoryTable(versionTable: string): string {
  return `${versionTable}_history`
}
export const CONFIG_FILE_NAMES = ['athanor.config.ts', 'athanor.config.mts', 'athanor.config.js', 'athanor.config.mjs'] as const
