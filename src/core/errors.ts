/**
 * What the table says about one error code.
 *
 * @example
 * import { ERROR_CODES, type ErrorCodeInfo } from 'athanor'
 *
 * const info: ErrorCodeInfo = ERROR_CODES.MULTIPLE_HEADS
 * console.log(info.exit, info.description)
 */
export interface ErrorCodeInfo {
  /** The status the CLI exits with when a command fails with this code. */
  readonly exit: number
  /** One line on what went wrong; the error's own message names the revision, file or object. */
  readonly description: string
}

/**
 * Every code an {@link AthanorError} can carry, with the CLI's exit status
 * and a one-line description: the one list of what can go wrong. A code not
 * in this table does not compile. A usage error (an unknown command or
 * option, a missing or malformed argument) exits 2, as argparse and getopt
 * tools do, so a script tells a typo from a failed migration; a run stopped
 * by SIGINT (130) or SIGTERM (143) exits 128 + the signal's number, what a
 * shell expects of a process the signal ended; every other code exits 1.
 * `athanor check` and `athanor status` exit 1 for a result (drift,
 * something pending) and 2 for any error, since there the error means the
 * question could not be answered. The README's "Error codes" table lists
 * the same codes (a test keeps the two equal).
 *
 * @example
 * import { ERROR_CODES, type ErrorCode } from 'athanor'
 *
 * const code: ErrorCode = 'LOCK_TIMEOUT'
 * console.log(`${code}: ${ERROR_CODES[code].description} (exit ${ERROR_CODES[code].exit})`)
 */
export const ERROR_CODES = {
  ALEMBIC_SCRIPT_UNREADABLE: { exit: 1, description: 'an Alembic .py script cannot be read for conversion' },
  AMBIGUOUS_CURRENT: { exit: 1, description: "'current' in a history range while the databases are at different revisions" },
  AMBIGUOUS_REVISION: { exit: 1, description: 'a partial revision id matches several revisions' },
  AMBIGUOUS_TARGET: { exit: 1, description: 'a relative target could start from, or move to, several revisions' },
  CANNOT_CONTINUE: { exit: 1, description: "resolve --continue cannot tell the script's first statements are those that ran" },
  CANNOT_CREATE_DIRECTORY: { exit: 1, description: 'init cannot create the migrations folder' },
  CANNOT_RESOLVE: { exit: 1, description: 'resolve cannot tell which version rows a failed step changes' },
  CONFIG_NOT_FOUND: { exit: 1, description: 'the config file given does not exist' },
  CONNECTION_FAILED: { exit: 1, description: 'the database server cannot be reached or refused the login' },
  CONNECTION_LOST: {
    exit: 1,
    description: 'the connection to the database server was lost mid-command, or the server ended the session (a KILL, a restart)',
  },
  CYCLE: { exit: 1, description: "the revisions' down revisions or dependencies form a cycle" },
  DATABASE_ERROR: { exit: 1, description: "a database error whose text held the URL's password, shown redacted" },
  DATABASE_IN_USE: { exit: 1, description: 'a PGlite data directory stayed open elsewhere for longer than the connect timeout' },
  DDL_LOCK_TIMEOUT: {
    exit: 1,
    description: 'a statement waited longer than ddlLockTimeout for a lock another session holds, on every attempt',
  },
  DIRECTORY_NOT_EMPTY: { exit: 1, description: "init's folder exists and is not empty" },
  DRIVER_NOT_INSTALLED: {
    exit: 1,
    description: 'the database driver package a URL needs (pg, mysql2, better-sqlite3, @electric-sql/pglite) is not installed',
  },
  DUPLICATE_BRANCH_LABEL: { exit: 1, description: 'two revisions claim the same branch label' },
  DUPLICATE_HEAD: { exit: 1, description: 'the same parent revision is given twice' },
  DUPLICATE_REVISION: { exit: 1, description: 'two scripts define the same revision id' },
  EDITED_MIGRATION: { exit: 1, description: 'an applied migration script was edited after it ran' },
  FOREIGN_KEY_VIOLATION: { exit: 1, description: 'a migration run with foreign keys off left rows that violate one; it was rolled back' },
  GALERA_RSU: { exit: 1, description: 'a Galera session uses RSU, which applies DDL to one node only, without --galera-osu rsu' },
  IDENTIFIER_TOO_LONG: { exit: 1, description: 'a name is longer than the database allows' },
  INTERRUPTED: { exit: 130, description: 'SIGINT stopped a run: the step in progress was rolled back, or journaled where it stopped' },
  INVALID_ARGUMENT: { exit: 1, description: 'an operation in a script was given an argument of the wrong type, or an empty one' },
  INVALID_AUTOINCREMENT: { exit: 1, description: 'autoincrement on a column that cannot have it' },
  INVALID_BRANCH_LABEL: { exit: 1, description: 'a branch label has characters or a name that are not allowed' },
  INVALID_CONFIG: { exit: 1, description: 'the config file cannot be loaded or holds an invalid setting' },
  INVALID_CONSTRAINT: { exit: 1, description: 'a constraint or index is incomplete or contradicts the table' },
  INVALID_HISTORY_TABLE: {
    exit: 1,
    description: "the history table is not athanor's: another table or a view of that name, or altered by hand",
  },
  INVALID_IDENTIFIER: { exit: 1, description: 'a name is empty or holds a NUL character' },
  INVALID_INDEX: { exit: 1, description: 'an interrupted index build left an invalid index to drop or build again first' },
  INVALID_LOCK_TIMEOUT: { exit: 1, description: 'lockTimeout or --lock-timeout is not a duration' },
  INVALID_MODEL: {
    exit: 1,
    description:
      'a model table is malformed, e.g. has no columns or is declared twice, ' +
      "or cannot be created in the database's dialect (a foreign key to columns no key holds, …)",
  },
  INVALID_MODELS: { exit: 1, description: 'the models module exports no tables' },
  INVALID_OPTION: { exit: 2, description: 'a command option has a value it cannot use, or cannot go with another option' },
  INVALID_RANGE: { exit: 1, description: 'a history range is not [start]:[end] or goes past the chain' },
  INVALID_REVISION_ID: { exit: 1, description: 'a revision id has characters or a form that are not allowed' },
  INVALID_TABLE: { exit: 1, description: 'a table to create is malformed, e.g. has no columns' },
  INVALID_TABLE_OPTION: { exit: 1, description: 'a MySQL table option is not a plain name (autoIncrement: not a whole number from 1)' },
  INVALID_TARGET: { exit: 1, description: 'a target revision cannot be used for this command' },
  INVALID_TENANT: { exit: 1, description: 'a tenant query returned a row that is neither a URL nor a name the server can reach' },
  INVALID_TYPE: { exit: 1, description: 'a column type is malformed, e.g. an enum with no values' },
  INVALID_URL: { exit: 1, description: 'a database URL cannot be parsed' },
  INVALID_VERSION_TABLE: {
    exit: 1,
    description:
      "the version table is not athanor's: another table or view of that name, altered, or dropped while history says it is in use",
  },
  INVALID_X_ARGUMENT: { exit: 2, description: 'an -x argument is not key=value' },
  IRREVERSIBLE_OPERATION: { exit: 1, description: 'an operation has no reverse for a generated downgrade' },
  LINT_FAILED: { exit: 1, description: 'upgrade --lint found errors in the migrations it was about to run; nothing was run' },
  LOCK_LOST: { exit: 1, description: "a cluster lock row was taken over after this runner's heartbeat stopped" },
  LOCK_TIMEOUT: { exit: 1, description: 'another run held the migration lock for longer than the lock timeout' },
  MERGE_NEEDS_REVISIONS: { exit: 2, description: 'merge was given no revisions to merge' },
  MIGRATION_FAILED: { exit: 1, description: 'a migration script failed and its step was rolled back' },
  MIGRATION_INCOMPLETE: { exit: 1, description: 'a migration failed outside a transaction and must be resolved' },
  MISSING_ARGUMENT: { exit: 2, description: 'a command is missing a required argument' },
  MISSING_DOWN_REVISION: { exit: 1, description: 'a down revision or dependency names no script' },
  MISSING_OPTION_VALUE: { exit: 2, description: 'an option that needs a value was given none' },
  MISSING_TYPE: {
    exit: 1,
    description:
      'a model column, domain or composite type uses a type or collation the database lacks and the models do not create ' +
      '(PostgreSQL: a collation or type made by hand)',
  },
  MODELS_NOT_FOUND: { exit: 1, description: 'the models module does not exist' },
  MULTIDB_NEEDS_DB: { exit: 1, description: 'several databases are configured and the command needs --db' },
  MULTIPLE_HEADS: { exit: 1, description: 'several heads where one revision was needed' },
  MYSQL_CONSTRAINT_TYPE_REQUIRED: { exit: 1, description: 'dropping a constraint on MySQL needs its type' },
  MYSQL_EXISTING_COLUMN_REQUIRED: { exit: 1, description: "altering a column on MySQL needs the column's existing definition" },
  MYSQL_VARCHAR_LENGTH_REQUIRED: { exit: 1, description: 'a VARCHAR column on MySQL needs a length' },
  NEVER_SETTLED: { exit: 1, description: 'a migration script, config or models module awaits a promise that nothing left can settle' },
  NON_TRANSACTIONAL_IN_SINGLE_MODE: { exit: 1, description: "a script with transactional = false under transactionMode 'single'" },
  NOTHING_TO_RESOLVE: { exit: 1, description: 'resolve named a revision with no failed or unfinished step' },
  NOT_A_DIRECTORY: { exit: 1, description: 'a path that must be a folder is not one' },
  NOT_A_HEAD: { exit: 1, description: "a new revision's parent is not a head and --splice was not given" },
  NOT_A_SQLITE_DATABASE: { exit: 1, description: 'a sqlite:/// URL names a folder, a device or a file that is not a SQLite database' },
  NOT_MULTIDB: { exit: 1, description: '--db was given but the config declares no databases' },
  NOT_UP_TO_DATE: { exit: 1, description: 'the database is not at head, so the models cannot be compared with it' },
  NO_ALEMBIC_SCRIPTS: { exit: 1, description: 'the Alembic versions folder holds no .py scripts' },
  NO_DATABASE_URL: { exit: 1, description: 'a configured database has no URL' },
  NO_MIGRATIONS_FOLDER: { exit: 1, description: 'the migrations folder does not exist' },
  NO_MODELS: { exit: 1, description: 'no models module is configured' },
  NO_TENANTS: { exit: 1, description: '--all was given but the config has no tenants section' },
  NO_VERSIONS_FOLDER: { exit: 1, description: 'a versions folder does not exist' },
  OFFLINE_QUERY: { exit: 1, description: 'a script reads rows with op.query() in --sql mode' },
  OFFLINE_RANGE_REQUIRED: { exit: 1, description: 'downgrade --sql needs a FROM:TO range' },
  POSSIBLE_RENAME: { exit: 1, description: 'a drop and an add that may be a rename, with --strict-renames and no rename flag' },
  READ_ONLY_DATABASE: { exit: 1, description: 'a command that writes was pointed at a read-only standby or replica' },
  RENAME_NOT_MATCHED: { exit: 1, description: 'a --rename-table or --rename-column matches no dropped and added pair' },
  REVISION_NOT_FOUND: { exit: 1, description: 'no revision or branch label matches the name given' },
  REVISION_NOT_IN_BRANCH: { exit: 1, description: 'a revision is not on the branch named with it' },
  RUNNER_STILL_RUNNING: { exit: 1, description: "a stopped runner's statement was still running on the server after the wait" },
  SCHEMA_NOT_FOUND: { exit: 1, description: 'the PostgreSQL schema named in the URL does not exist' },
  SCRATCH_DATABASE_FAILED: { exit: 1, description: 'athanor test cannot create the temporary database it runs on' },
  SCRATCH_NOT_EMPTY: { exit: 1, description: 'the database athanor test would run in holds tables, or was left holding some' },
  SCRIPTS_CHANGED: { exit: 1, description: 'another command wrote a script into the folder while this one made its revision' },
  SCRIPT_BAD_EXPORT: { exit: 1, description: "a migration script's export has the wrong type or value" },
  SCRIPT_EXISTS: { exit: 1, description: 'convert-alembic would overwrite an existing script' },
  SCRIPT_IMPORT: { exit: 1, description: 'a migration script or models module imports a module, or a name from one, that is not there' },
  SCRIPT_LOAD: { exit: 1, description: 'a migration script or models module threw while loading' },
  SCRIPT_MISSING_EXPORT: { exit: 1, description: 'a migration script lacks a required export' },
  SCRIPT_SYNTAX: { exit: 1, description: 'a migration script or models module has a syntax error' },
  SCRIPT_UNREADABLE: {
    exit: 1,
    description: 'an entry of a versions folder named like a script cannot be read as one (a symbolic link to nothing, a named pipe)',
  },
  SHADOW_REPLAY_FAILED: { exit: 1, description: 'a revision failed when replayed on the shadow database of --offline' },
  SHADOW_URL_REQUIRED: { exit: 1, description: '--offline on a dialect with no embedded database, and no shadowUrl in the config' },
  SHARED_VERSION_TABLE: { exit: 1, description: 'two configured databases are one database with one version table' },
  SQLITE_ALTER_UNSUPPORTED: { exit: 1, description: "SQLite's ALTER TABLE cannot make a change and no table rebuild may" },
  SQLITE_AMBIGUOUS_CONSTRAINT: { exit: 1, description: 'several SQLite constraints match the one to drop' },
  SQLITE_DUPLICATE_COLUMN: { exit: 1, description: 'a SQLite table rebuild adds a column the table already has' },
  SQLITE_DUPLICATE_CONSTRAINT: { exit: 1, description: 'a SQLite table rebuild adds a foreign key of a name the table already has' },
  SQLITE_NO_SUCH_COLUMN: { exit: 1, description: 'a SQLite table rebuild names a column the table lacks' },
  SQLITE_NO_SUCH_CONSTRAINT: { exit: 1, description: 'a SQLite table rebuild names a constraint the table lacks' },
  SQLITE_NO_SUCH_INDEX: { exit: 1, description: 'a SQLite table rebuild names an index the table lacks' },
  SQLITE_NO_SUCH_TABLE: { exit: 1, description: 'a SQLite table rebuild names a table that does not exist' },
  SQLITE_OFFLINE_REBUILD: { exit: 1, description: 'a SQLite table rebuild cannot be written in --sql mode' },
  SQLITE_REBUILD_FAILED: { exit: 1, description: 'the rows do not fit the rebuilt SQLite table; the table is unchanged' },
  SQLITE_REBUILD_UNSUPPORTED: { exit: 1, description: 'an operation cannot be part of a SQLite table rebuild' },
  SQLITE_UNPARSEABLE_TABLE: { exit: 1, description: "a SQLite table's CREATE TABLE statement cannot be read" },
  SQL_FAILED: { exit: 1, description: 'a SQL statement failed on the database' },
  STATEMENT_TIMEOUT: { exit: 1, description: 'a statement ran longer than statementTimeout and the database cancelled it' },
  STEP_TIMEOUT: { exit: 1, description: 'a migration ran longer than stepTimeout and was cancelled' },
  TEMPLATE_NOT_FOUND: { exit: 1, description: 'the script template does not exist' },
  TEMPLATE_UNKNOWN_FIELD: { exit: 1, description: 'the script template uses an unknown {{field}}' },
  TENANTS_FAILED: { exit: 1, description: '--all ran and one or more of its databases failed; the table names each' },
  TERMINATED: { exit: 143, description: 'SIGTERM stopped a run: the step in progress was rolled back, or journaled where it stopped' },
  TRANSACTION_CONTROL: { exit: 1, description: "a script's raw SQL would begin or end a transaction athanor owns; refused before it ran" },
  TRANSACTION_STATE_CHANGED: { exit: 1, description: "a migration's statement ended or opened a transaction behind the runner's back" },
  TYPE_IN_USE: {
    exit: 1,
    description: 'a changed PostgreSQL range type must be dropped and made again, and a column of the database uses it',
  },
  UNCERTAIN_STATEMENT: {
    exit: 1,
    description: 'resolve --continue of a step whose statement may or may not have taken effect needs --from to say which',
  },
  UNEXPECTED_ARGUMENT: { exit: 2, description: 'a command was given more arguments than it takes' },
  UNEXPECTED_OPTION_VALUE: { exit: 2, description: 'a flag that takes no value was given one' },
  UNKNOWN_COMMAND: { exit: 2, description: 'the CLI has no such command' },
  UNKNOWN_DATABASE: { exit: 1, description: "a model table's bind names no configured database" },
  UNKNOWN_DATABASE_REVISION: { exit: 1, description: 'the version table holds a revision no script defines' },
  UNKNOWN_OPTION: { exit: 2, description: 'the CLI has no such option' },
  UNKNOWN_VERSION_PATH: { exit: 1, description: '--version-path is not a configured version location' },
  UNPORTED_MIGRATION: { exit: 1, description: 'a converted Alembic script whose body was not translated was run' },
  UNREACHABLE_TARGET: { exit: 1, description: 'the target cannot be reached from the current heads in that direction' },
  UNRESOLVED_MIGRATION: { exit: 1, description: 'a step failed or stopped outside a transaction and is not resolved yet' },
  UNSUPPORTED_COLUMN: {
    exit: 1,
    description: 'a column uses what its dialect cannot create: UNSIGNED or SET off MySQL, a virtual generated column on PostgreSQL',
  },
  UNSUPPORTED_DIALECT: { exit: 1, description: 'a URL scheme or dialect that athanor does not support' },
  UNSUPPORTED_FEATURE: { exit: 1, description: 'the database lacks a feature the schema uses' },
  UNSUPPORTED_LITERAL: { exit: 1, description: 'a value has no SQL literal' },
  UNSUPPORTED_OPERATION: { exit: 1, description: 'an operation on an object the dialect lacks, e.g. a PostgreSQL enum type on SQLite' },
  VERSION_PATH_REQUIRED: { exit: 1, description: 'several version locations are configured and --version-path is missing' },
  VERSION_ROWS_MISMATCH: { exit: 1, description: 'a migration left the version rows other than its plan says; it was rolled back' },
  VERSION_TABLE_CHANGED: { exit: 1, description: 'the version rows changed under a run: another run migrated the same database' },
  VERSION_TABLE_CONFLICT: { exit: 1, description: "the version table's rows cannot follow the command" },
  WRITE_FAILED: {
    exit: 1,
    description: 'a file could not be written (a full disk, a folder that cannot be written into); nothing was written',
  },
} as const satisfies Readonly<Record<string, ErrorCodeInfo>>

/**
 * The closed union of error codes: `switch (error.code)` over it can be
 * checked for exhaustiveness, and a new code does not compile until it is in
 * {@link ERROR_CODES}.
 *
 * @example
 * import { isAthanorError, upgrade, type ErrorCode } from 'athanor'
 *
 * function retryable(code: ErrorCode): boolean {
 *   return code === 'LOCK_TIMEOUT' || code === 'CONNECTION_FAILED'
 * }
 * try {
 *   await upgrade({ directory: 'migrations' }, 'head')
 * } catch (error) {
 *   if (isAthanorError(error) && retryable(error.code)) console.error(`will retry: ${error.message}`)
 *   else throw error
 * }
 */
export type ErrorCode = keyof typeof ERROR_CODES

/**
 * The table's entry for a code, or `undefined` for a string that is not one
 * (an error from a newer copy of athanor may carry a code this one lacks).
 *
 * @example
 * import { errorCodeInfo } from 'athanor'
 *
 * const info = errorCodeInfo('REVISION_NOT_FOUND')
 * if (info) console.log(info.description, info.exit)
 */
export function errorCodeInfo(code: string): ErrorCodeInfo | undefined {
  return Object.hasOwn(ERROR_CODES, code) ? ERROR_CODES[code as ErrorCode] : undefined
}

const ERROR_BRAND = Symbol.for('athanor.error')

/**
 * Every failure a user can cause is an AthanorError: a stable `code` from
 * {@link ERROR_CODES} for scripts and tests, and a message that is one line
 * naming the revision, file, table or option at fault. The CLI prints the
 * message alone (the stack only with `--verbose`) and exits with the code's
 * status. Errors a caller acts on are subclasses carrying the data as
 * readonly fields (`MultipleHeadsError`, `RevisionNotFoundError`, ...).
 *
 * @example
 * import { AthanorError } from 'athanor'
 * import { RevisionGraph } from 'athanor/tools'
 *
 * const graph = RevisionGraph.build([{ id: 'ae1027a6acf0', downRevisions: [], branchLabels: [], dependsOn: [] }])
 * try {
 *   graph.resolve('ffff9999')
 * } catch (error) {
 *   if (error instanceof AthanorError && error.code === 'REVISION_NOT_FOUND') console.error(error.message)
 * }
 */
export class AthanorError extends Error {
  readonly code: ErrorCode
  readonly [ERROR_BRAND] = true

  /**
   * Two copies of athanor can meet in one process (the CLI that runs, and the
   * one a project's scripts import): an error from either is an AthanorError.
   * A subclass is checked the usual way, by its prototype.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class instanceof asks about, a subclass or AthanorError itself
    if (this !== AthanorError) return Function.prototype[Symbol.hasInstance].call(this, value)
    return typeof value === 'object' && value !== null && (value as { [ERROR_BRAND]?: unknown })[ERROR_BRAND] === true
  }

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
    this.name = 'AthanorError'
  }
}

/**
 * True when `error` is an athanor error, optionally with the given code.
 *
 * @example
 * import { isAthanorError, upgrade } from 'athanor'
 *
 * try {
 *   await upgrade({ directory: 'migrations' }, 'head')
 * } catch (error) {
 *   if (!isAthanorError(error, 'LOCK_TIMEOUT')) throw error
 *   console.error('another deploy is migrating; skipped')
 * }
 */
export function isAthanorError(error: unknown, code?: ErrorCode): error is AthanorError {
  return error instanceof AthanorError && (code === undefined || error.code === code)
}
