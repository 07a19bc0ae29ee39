import { AthanorError, type ErrorCode } from './errors.js'

// The errors a caller acts on, with what it needs as readonly fields (as
// Alembic's MultipleHeads carries its heads). Each is an AthanorError with
// the code and message it always had. An error with one of these codes is
// an instance of its class, except that a failure inside a migration script
// is a MigrationFailedError keeping the code of the error inside (which is
// its cause). The name stays 'AthanorError', so the printed error is as
// before. `instanceof` on a subclass is the ordinary prototype check; only
// `instanceof AthanorError` looks for the brand.

interface Options {
  readonly cause?: unknown
}

/**
 * `MULTIPLE_HEADS`: several heads where one revision was needed (`upgrade`
 * to `head`, a new revision without `--head`).
 *
 * @example
 * import { MultipleHeadsError, upgrade } from 'athanor'
 *
 * try {
 *   await upgrade({ directory: 'migrations' }, 'head')
 * } catch (error) {
 *   if (!(error instanceof MultipleHeadsError)) throw error
 *   await upgrade({ directory: 'migrations' }, 'heads')
 *   console.error(`upgraded all of ${error.heads.join(', ')}`)
 * }
 */
export class MultipleHeadsError extends AthanorError {
  declare readonly code: 'MULTIPLE_HEADS'
  /** The heads, full ids. */
  readonly heads: readonly string[]

  constructor(message: string, details: { readonly heads: readonly string[] }, options?: Options) {
    super('MULTIPLE_HEADS', message, options)
    this.heads = Object.freeze([...details.heads])
  }
}

/**
 * `REVISION_NOT_FOUND`: no revision or branch label matches a name.
 *
 * @example
 * import { RevisionNotFoundError, show } from 'athanor'
 *
 * try {
 *   await show({ directory: 'migrations' }, 'ae10')
 * } catch (error) {
 *   if (error instanceof RevisionNotFoundError) console.error(`no revision ${error.revision}`)
 *   else throw error
 * }
 */
export class RevisionNotFoundError extends AthanorError {
  declare readonly code: 'REVISION_NOT_FOUND'
  /** The id, partial id or label as it was given. */
  readonly revision: string

  constructor(message: string, details: { readonly revision: string }, options?: Options) {
    super('REVISION_NOT_FOUND', message, options)
    this.revision = details.revision
  }
}

/**
 * `AMBIGUOUS_REVISION`: a partial id (or a dependency) matches several
 * revisions.
 *
 * @example
 * import { AmbiguousRevisionError, show } from 'athanor'
 *
 * try {
 *   await show({ directory: 'migrations' }, 'ae10')
 * } catch (error) {
 *   if (!(error instanceof AmbiguousRevisionError)) throw error
 *   console.error(`'${error.revision}' could be ${error.candidates.join(' or ')}`)
 * }
 */
export class AmbiguousRevisionError extends AthanorError {
  declare readonly code: 'AMBIGUOUS_REVISION'
  /** The partial id as it was given. */
  readonly revision: string
  /** Every revision it matches. */
  readonly candidates: readonly string[]

  constructor(message: string, details: { readonly revision: string; readonly candidates: readonly string[] }, options?: Options) {
    super('AMBIGUOUS_REVISION', message, options)
    this.revision = details.revision
    this.candidates = Object.freeze([...details.candidates])
  }
}

/**
 * `LOCK_TIMEOUT`: another athanor run held the migration lock for longer
 * than the lock timeout.
 *
 * @example
 * import { LockTimeoutError, upgrade } from 'athanor'
 *
 * try {
 *   await upgrade({ directory: 'migrations', lockTimeout: '2m' }, 'head')
 * } catch (error) {
 *   if (!(error instanceof LockTimeoutError)) throw error
 *   console.error(`gave up after ${error.timeoutMs} ms waiting for ${error.holder ?? 'another run'} on ${error.scope}`)
 * }
 */
export class LockTimeoutError extends AthanorError {
  declare readonly code: 'LOCK_TIMEOUT'
  /** The database the lock is for, its URL redacted. */
  readonly scope: string
  readonly timeoutMs: number
  /** Who holds the lock, when the database can tell; no lock strategy reports it yet. */
  readonly holder: string | undefined

  constructor(
    message: string,
    details: { readonly scope: string; readonly timeoutMs: number; readonly holder?: string },
    options?: Options,
  ) {
    super('LOCK_TIMEOUT', message, options)
    this.scope = details.scope
    this.timeoutMs = details.timeoutMs
    this.holder = details.holder
  }
}

/**
 * A migration script failed while it ran. The code is `MIGRATION_FAILED`,
 * or the athanor code of the error inside (`SQL_FAILED` for a statement the
 * database refused), or `MIGRATION_INCOMPLETE` when the step ran outside a
 * transaction and stopped midway: then nothing more runs until `resolve`
 * settles it, and `statementIndex` and `sql` say where it stopped.
 *
 * @example
 * import { MigrationFailedError, resolve, upgrade } from 'athanor'
 *
 * const options = { directory: 'migrations', url: 'mysql://root@127.0.0.1/app' }
 * try {
 *   await upgrade(options, 'head')
 * } catch (error) {
 *   if (!(error instanceof MigrationFailedError)) throw error
 *   console.error(`${error.revision} (${error.file}) failed at statement ${error.statementIndex}: ${error.sql}`)
 *   if (error.code === 'MIGRATION_INCOMPLETE') await resolve(options, error.revision, 'rolled-back')
 * }
 */
export class MigrationFailedError extends AthanorError {
  /** The revision whose step failed. */
  readonly revision: string
  readonly direction: 'upgrade' | 'downgrade'
  /** The script's file (set on every failure of a run). */
  readonly file: string | undefined
  /** The 1-based statement of the step that failed, when the step ran outside a transaction. */
  readonly statementIndex: number | undefined
  /** The statement that failed, when known. */
  readonly sql: string | undefined

  constructor(
    message: string,
    details: {
      readonly code?: ErrorCode
      readonly revision: string
      readonly direction: 'upgrade' | 'downgrade'
      readonly file?: string | undefined
      readonly statementIndex?: number | undefined
      readonly sql?: string | undefined
    },
    options?: Options,
  ) {
    super(details.code ?? 'MIGRATION_FAILED', message, options)
    this.revision = details.revision
    this.direction = details.direction
    this.file = details.file
    this.statementIndex = details.statementIndex
    this.sql = details.sql
  }
}

/**
 * `UNRESOLVED_MIGRATION`: an earlier step failed or stopped outside a
 * transaction, and every run refuses the database until `resolve` says
 * what state it is in.
 *
 * @example
 * import { UnresolvedMigrationError, upgrade } from 'athanor'
 *
 * try {
 *   await upgrade({ directory: 'migrations' }, 'head')
 * } catch (error) {
 *   if (!(error instanceof UnresolvedMigrationError)) throw error
 *   console.error(`fix the database, then: athanor resolve ${error.revision} --retry`)
 * }
 */
export class UnresolvedMigrationError extends AthanorError {
  declare readonly code: 'UNRESOLVED_MIGRATION'
  /** The revision whose step is unresolved: the argument `resolve` needs. */
  readonly revision: string

  constructor(message: string, details: { readonly revision: string }, options?: Options) {
    super('UNRESOLVED_MIGRATION', message, options)
    this.revision = details.revision
  }
}

/**
 * `CONNECTION_FAILED`: the database server could not be reached or refused
 * the login (`host`, `port` and `user` say where and as whom), or a SQLite
 * file could not be opened (`file`). The cause is the driver's error with
 * any password blanked.
 *
 * @example
 * import { ConnectionError, current } from 'athanor'
 *
 * try {
 *   await current({ directory: 'migrations' })
 * } catch (error) {
 *   if (!(error instanceof ConnectionError)) throw error
 *   if (error.file !== undefined) console.error(`cannot open ${error.file}`)
 *   else console.error(`is ${error.server} up at ${error.host}:${error.port} for ${error.user}?`)
 * }
 */
export class ConnectionError extends AthanorError {
  declare readonly code: 'CONNECTION_FAILED'
  /** `PostgreSQL`, `MySQL/MariaDB` or `SQLite`. */
  readonly server: string
  /** The server's host; undefined for SQLite. */
  readonly host: string | undefined
  /** The server's port; undefined for SQLite. */
  readonly port: number | undefined
  /** The user it logged in as; undefined for SQLite. */
  readonly user: string | undefined
  /** SQLite: the database file. */
  readonly file: string | undefined

  constructor(
    message: string,
    details: { readonly server: string; readonly host?: string; readonly port?: number; readonly user?: string; readonly file?: string },
    options?: Options,
  ) {
    super('CONNECTION_FAILED', message, options)
    this.server = details.server
    this.host = details.host
    this.port = details.port
    this.user = details.user
    this.file = details.file
  }
}

/**
 * `SQL_FAILED`: the database refused a statement. The message shows the
 * statement shortened to one line; `sql` holds all of it, and the cause is
 * the driver's error.
 *
 * @example
 * import { SqlError, upgrade } from 'athanor'
 *
 * try {
 *   await upgrade({ directory: 'migrations' }, 'head')
 * } catch (error) {
 *   const cause = error instanceof Error ? error.cause : undefined
 *   const sqlError = error instanceof SqlError ? error : cause instanceof SqlError ? cause : undefined
 *   if (sqlError === undefined) throw error
 *   console.error(sqlError.sql)
 * }
 */
export class SqlError extends AthanorError {
  declare readonly code: 'SQL_FAILED'
  /** The statement as it was sent. */
  readonly sql: string

  constructor(message: string, details: { readonly sql: string }, options?: Options) {
    super('SQL_FAILED', message, options)
    this.sql = details.sql
  }
}
