import type { Operation } from '../../ops/operation.js'
import type { DatabaseConnection } from '../driver.js'
import type { CompoundBodies } from '../default/sql-statements.js'
import type { SqlLexicon } from '../default/sql-tokens.js'

/**
 * How bad a finding is: `error` fails `athanor lint` (and `upgrade --lint`)
 * by default, `warning` only with `--fail-on warning`.
 *
 * @example
 * const severity: LintSeverity = 'warning'
 */
export type LintSeverity = 'warning' | 'error'

/**
 * A database server's version, as far as the rules need it: what is safe
 * changes with it (PostgreSQL 11 adds a column with a constant default
 * without rewriting the table; MySQL 8.0.12 adds one instantly).
 *
 * @example
 * const pg16: ServerVersion = { major: 16, minor: 0, flavor: '', text: '16.0' }
 */
export interface ServerVersion {
  readonly major: number
  readonly minor: number
  /** A fork that shares the dialect but not its version numbers: `mariadb`; empty for the dialect's own server. */
  readonly flavor: string
  /** As given in the config or read from the server. */
  readonly text: string
}

/**
 * One statement a migration sends, as `--sql` renders it, with what the
 * rules need to judge it.
 *
 * @example
 * declare const statement: LintStatement
 * statement.shape.startsWith('CREATE INDEX') // a plain index build
 */
export interface LintStatement {
  readonly sql: string
  /**
   * Its tokens: keywords and bare names upper-cased, quoted names unquoted
   * (as written), strings kept with their quotes, punctuation one symbol each.
   */
  readonly words: readonly string[]
  /** The words joined by single spaces, for pattern tests. */
  readonly shape: string
  /** The operation that rendered it (`execute` for raw SQL). */
  readonly op: Operation
  /** The line of the script that called the operation, when it could be told. */
  readonly line: number | undefined
  /** Whether it runs inside a transaction the runner opened. */
  readonly inTransaction: boolean
  /** Part of a table rebuild (SQLite's answer to what its ALTER TABLE cannot do). */
  readonly rebuild: boolean
}

/**
 * One migration's statements and what the rules may weigh them against.
 *
 * @example
 * declare const migration: LintMigration
 * migration.createdTables.has('users') // created in this very migration: empty, so its index builds block nobody
 */
export interface LintMigration {
  readonly revision: string
  readonly file: string
  /** False when the script exports `transactional = false`: it runs outside any transaction and may stop halfway. */
  readonly transactional: boolean
  readonly statements: readonly LintStatement[]
  /** Tables this migration creates, lower-cased: empty, so what is done to them locks nobody out. */
  readonly createdTables: ReadonlySet<string>
  readonly version: ServerVersion
  /** Session limits the runner itself sets from the config (`ddlLockTimeout`, `statementTimeout`). */
  readonly runnerSets: { readonly lockTimeout: boolean; readonly statementTimeout: boolean }
}

/**
 * What a rule found in one statement: why it is dangerous (which lock,
 * which rewrite, which failure) and the safe way on this dialect and version.
 *
 * @example
 * declare const statement: LintStatement
 * const hit: RuleHit = { statement, table: 'users', why: 'locks users against writes', fix: 'CREATE INDEX CONCURRENTLY' }
 */
export interface RuleHit {
  readonly statement: LintStatement
  /** The table it touches, lower-cased, to rank findings by the rows they touch. */
  readonly table?: string
  readonly why: string
  readonly fix: string
}

/**
 * A lint rule: a stable code (a few words in kebab case, the same on every
 * dialect for the same hazard), a default severity and its check.
 *
 * @example
 * const rule: LintRule = { code: 'truncate', severity: 'error', what: 'TRUNCATE', check: () => [] }
 */
export interface LintRule {
  readonly code: string
  readonly severity: LintSeverity
  /** One line: what it flags. */
  readonly what: string
  /** The hazard grows with the table: a table known (from a live database) to hold fewer rows is not reported. */
  readonly minRows?: number
  check(migration: LintMigration): RuleHit[]
}

/**
 * A dialect's part of `athanor lint`: its rules, how to read its SQL, and
 * what it reads from a live server (the version, and the row counts that
 * rank findings).
 *
 * @example
 * import { dialectNamed } from '../registry.js'
 * dialectNamed('postgresql').lint.rules.map((rule) => rule.code)
 */
export interface DialectLint {
  readonly rules: readonly LintRule[]
  readonly lexicon: SqlLexicon
  readonly bodies: CompoundBodies
  /**
   * The statement a block of the dialect's own runs only when its object is
   * missing (PostgreSQL's guarded ADD CONSTRAINT), which the rules judge in
   * its place; `undefined` for any other statement.
   */
  readonly guardedStatement?: (sql: string) => string | undefined
  /** The version assumed when neither the config nor a server says. */
  readonly assumedVersion: ServerVersion
  /** Reads a version as the config gives it or the server reports it; `undefined` when it is not one. */
  parseVersion(text: string): ServerVersion | undefined
  /** The server's version string. */
  readVersion(connection: DatabaseConnection): Promise<string>
  /** Estimated rows per table, keyed by lower-cased name. */
  readTableRows(connection: DatabaseConnection): Promise<Map<string, number>>
  /**
   * Where an offline rendering reads tables (SQLite's rebuild): the
   * statements that make again what the database holds, so lint renders a
   * pending revision from the database as it is rather than from scripts
   * replayed from base, which an adopted database's tables never came from.
   */
  readSchemaStatements?(connection: DatabaseConnection): Promise<string[]>
}
