import type { DatabaseUrl } from '../core/database-url.js'
import type { DialectName } from '../core/dialect-name.js'
import type { NamingConvention } from '../schema/naming-convention.js'
import type { CatalogObjectReader } from './catalog-objects.js'
import type { DiffHooks } from './diff-hooks.js'
import type { DatabaseConnection, Driver } from './driver.js'
import type { ViewSupport } from './view-support.js'
import type { StoredCodeSupport } from './stored-code-support.js'
import type { IntrospectOptions, Introspector, Queryable, UnmanagedReader } from './introspector.js'
import type { SchemaObjects } from '../schema/pg-objects.js'
import type { InvalidIndexes } from './invalid-indexes.js'
import type { MissingTypesReader } from './missing-types.js'
import type { LockOptions, MigrationLock } from './lock.js'
import type { LockState } from './lock-state.js'
import type { RebuildEvents } from './rebuild-events.js'
import type { SessionTimeouts } from './session-timeouts.js'
import type { ScratchDatabases } from './scratch.js'
import type { ServerSessions } from './server-sessions.js'
import type { TenantScopes } from './tenant-scopes.js'
import type { DialectCompiler, TableRebuild } from './types.js'
import type { DialectLint } from './lint/types.js'

/**
 * What a database family can do, for the runtime's choices. The SQL-level
 * traits (transactional DDL, parameter style, …) are the compiler's; these
 * are the ones about running.
 *
 * @example
 * import { dialectNamed } from './registry.js'
 * dialectNamed('mysql').capabilities.transactionalDdl // false: a failed step's DDL stays applied
 * dialectNamed('sqlite').capabilities.batchedStatements // false: statements run one at a time
 */
export interface DialectCapabilities {
  /** DDL inside a transaction rolls back with it (not MySQL: DDL commits implicitly). */
  readonly transactionalDdl: boolean
  /** SAVEPOINT / RELEASE / ROLLBACK TO inside a transaction. */
  readonly savepoints: boolean
  /** `INSERT … RETURNING` (PostgreSQL, SQLite 3.35+; not MySQL). */
  readonly returning: boolean
  /**
   * Several `;`-separated statements go to the server in one round trip.
   * SQLite has no round trips to save, and its write transactions must
   * begin IMMEDIATE, so it runs them one by one.
   */
  readonly batchedStatements: boolean
  /**
   * Extra connections the catalog read uses side by side: PostgreSQL's
   * catalog queries run faster each on a backend of its own, and
   * MySQL/MariaDB's split over two keep two server threads busy.
   */
  readonly catalogConnections: number
  /**
   * Several migrations may share one commit. Right for a SQLite file, where
   * a commit costs a disk flush and the write lock a migration holds blocks
   * no reader for long; wrong for a server, where a quick `ALTER TABLE`'s
   * lock would be held through the migrations after it, blocking the
   * application's queries: there each migration commits on its own.
   */
  readonly sharedCommits: boolean
  /**
   * The migration lock lives in the database (an advisory lock, GET_LOCK),
   * so every runner meets it, by whatever URL it came. SQLite's lock file
   * sits beside one path to the database, and a hard link escapes it: there
   * the run also re-reads the version rows whenever it opens a transaction.
   */
  readonly lockSeesEveryRunner: boolean
}

/**
 * A table rebuild in an offline script: the statements the script holds so
 * far replayed into a scratch database, so the rebuild can read the table
 * as the script leaves it.
 *
 * @example
 * import { dialectNamed } from './registry.js'
 * const session = dialectNamed('sqlite').tableRebuild?.offline(undefined)
 * session?.record('CREATE TABLE "t" ("a" INTEGER)')
 */
export interface OfflineRebuildSession {
  /** A statement the script holds, applied to the scratch copy. */
  record(sql: string): void
  /** Writes the rebuild's statements through `write` and a note through `note`. */
  rebuild(request: TableRebuild, write: (sql: string) => void, note: (line: string) => void, convention: NamingConvention): Promise<void>
}

/**
 * The rebuild of a table for changes ALTER TABLE cannot make (SQLite's
 * "batch mode"): create the new table, copy the rows, swap the names.
 *
 * @example
 * import { DEFAULT_NAMING_CONVENTION } from '../schema/naming-convention.js'
 * import { dialects, openConnection } from './registry.js'
 * const connection = await openConnection(parseDatabaseUrl('sqlite:///app.db'))
 * const alter: AlterColumnOp = { kind: 'alter_column', table: 'user', column: 'email', changes: { nullable: false } }
 * const compiled = dialects.sqlite.compiler.compile(alter, 'online')
 * if (compiled.kind === 'rebuild') await dialects.sqlite.tableRebuild?.live(connection, compiled, DEFAULT_NAMING_CONVENTION)
 */
export interface TableRebuilder {
  live(connection: DatabaseConnection, request: TableRebuild, convention: NamingConvention, events?: RebuildEvents): Promise<void>
  /**
   * An offline session; `replay` first applies the migrations before the
   * script's start, through an executor whose output goes nowhere.
   */
  offline(replay: ((session: OfflineRebuildSession) => Promise<void>) | undefined): OfflineRebuildSession
}

/**
 * Everything one database family decides, in one value: its capabilities,
 * its DDL compiler (types, literals, the version table's SQL), what the
 * differ counts as equal, how its catalog is read, how one runner at a time
 * is ensured, how a table is rebuilt where ALTER TABLE falls short, and
 * which drivers reach it. Code outside `src/dialect/` asks these members
 * instead of branching on the name. A new family is a folder with one such
 * value and a line in `registry.ts`; the compiler refuses it until every
 * member is there.
 *
 * @example
 * import { dialectNamed } from './registry.js'
 * const dialect = dialectNamed('postgresql')
 * dialect.compiler.compileSql({ kind: 'drop_table', table: 'user' }, 'offline') // [{ sql: 'DROP TABLE "user"' }]
 */
export interface Dialect {
  readonly name: DialectName
  readonly capabilities: DialectCapabilities
  readonly compiler: DialectCompiler
  readonly diffHooks: DiffHooks
  /**
   * The diff hooks refined by what one server reports (PostgreSQL's default
   * operator classes, extensions' included; whether a MySQL or MariaDB
   * version keeps DESC index keys); absent where `diffHooks` say it all.
   */
  readonly serverDiffHooks?: (db: Queryable) => Promise<DiffHooks>
  /** Reads a live database into the schema model; loads its code on first use. */
  readonly introspect: Introspector
  /** Lists the objects the schema model leaves out (events, domains, policies, …), for `pull` and `check` to name. */
  readonly unmanaged: UnmanagedReader
  /** Reads views and normalises a model's view definition the way the database stores it. */
  readonly views: ViewSupport
  /** Reads triggers, functions and procedures, and normalises a model's statement the way the database reports it. */
  readonly storedCode: StoredCodeSupport
  /** Reads PostgreSQL's enum types, extensions and free sequences (MariaDB's sequences); absent where the dialect has none. */
  readonly introspectObjects?: (db: Queryable, options?: IntrospectOptions) => Promise<SchemaObjects>
  /**
   * Of the objects besides tables, this dialect holds sequences only (MariaDB):
   * the others a model declares are refused. Resolves to the server, as
   * named in the refusal (`MySQL 8.0.36`), where it has no sequences either;
   * to undefined where it has them. Absent where the dialect holds every kind.
   */
  readonly sequencesOnly?: (db: Queryable) => Promise<string | undefined>
  /**
   * Of the schemas the models name, those the database has, so that
   * autogenerate creates the others first (PostgreSQL); absent where a
   * model's schema is nothing a migration creates.
   */
  readonly presentSchemas?: (db: Queryable, names: readonly string[]) => Promise<string[]>
  /**
   * The types and collations the models use that the database lacks and
   * the models do not create (PostgreSQL: a range type, a collation made
   * by hand), for `migrate` and `check` to refuse before a script is
   * written; absent where every type a model names is the dialect's own.
   */
  readonly missingTypes?: MissingTypesReader
  /**
   * Why the models cannot name a schema here (the clause after `but` in the
   * one line that refuses them at migrate and check, before any script is
   * written); absent where {@link Dialect.presentSchemas} tells which exist.
   */
  readonly schemasRefused?: string
  /**
   * The schema unqualified names land in on this connection (PostgreSQL's
   * `current_schema()`), whose objects the introspector reads with no
   * schema; absent where a model's schema is refused anyway.
   */
  readonly currentSchema?: (db: Queryable) => Promise<string | undefined>
  /**
   * The schemas holding a table named one of `names` (PostgreSQL): where a
   * table the models want elsewhere may stand, for the rename resolver to
   * offer as a move; absent where tables have no schemas.
   */
  readonly schemasHolding?: (db: Queryable, names: readonly string[]) => Promise<string[]>
  /** Reads what the schema model holds no place for (views, triggers, routines, enum types, sequences), for `athanor test`. */
  readonly readCatalogObjects: CatalogObjectReader
  /** Makes the throwaway databases `athanor test` runs the migrations on. */
  readonly scratch: ScratchDatabases
  /**
   * Why the database behind `connection` cannot take migrations (a
   * PostgreSQL standby in recovery, a MySQL replica set `read_only`), or
   * `null` when it can. Asked before the lock: locks are per server, so a
   * standby would grant one that the primary never sees.
   */
  readOnlyReason(connection: DatabaseConnection): Promise<string | null>
  /** Takes the migration lock on the database behind `connection`. */
  acquireLock(connection: DatabaseConnection, url: DatabaseUrl, options: LockOptions): Promise<MigrationLock>
  /** Whether the migration lock of `versionTable` is held now and, if the database can tell, by whom (for `status`). */
  readLockState(connection: DatabaseConnection, url: DatabaseUrl, versionTable: string): Promise<LockState>
  /** `null` where ALTER TABLE makes every change the compiler accepts. */
  readonly tableRebuild: TableRebuilder | null
  /** `null` where no migration ever needs to run apart (see {@link StepIsolation}). */
  readonly stepIsolation: StepIsolation | null
  /**
   * Statements that let a run's commits skip waiting for the disk, and the
   * one that makes everything committed durable at its end; `null` where
   * commits are shared (SQLite) or the server offers no such setting.
   */
  readonly runDurability: RunDurability | null
  /**
   * Finds and drops the indexes an interrupted build left invalid
   * (PostgreSQL's `CREATE INDEX CONCURRENTLY`); `null` where a failed index
   * build leaves nothing behind. Read it through `readInvalidIndexes`.
   */
  readonly invalidIndexes: InvalidIndexes | null
  /** The session settings that bound a statement's run and lock wait, and the errors that say one was exceeded. */
  readonly sessionTimeouts: SessionTimeouts
  /**
   * Makes a session that runs migrations refuse to change data silently
   * (MySQL's strict mode where the server's sql_mode lacks it); absent
   * where the database always refuses.
   */
  readonly strictSession?: (connection: DatabaseConnection) => Promise<void>
  /**
   * The statements an offline script (`upgrade --sql`) starts with, so the
   * client running it has the session settings a live run's connection
   * has (MySQL's character set and strict mode); absent where there are none.
   */
  readonly scriptSession?: readonly string[]
  /** Finds, in the raw SQL a script sends, the statements that would take a transaction out of the runner's hands. */
  readonly transactionControl: TransactionControl
  /** `null` where there is no server whose sessions outlive their client (see {@link ServerSessions}). */
  readonly sessions: ServerSessions | null
  /** What a tenant's name is on one server (a schema, a database); `null` where a server holds no others (SQLite). */
  readonly tenantScopes: TenantScopes | null
  /**
   * A query for the names of a table's columns (one row each, column
   * `name`), where unqualified table names resolve: how athanor finds that
   * one of its own tables has an older layout.
   */
  columnNamesSql(table: string): string
  /** Where `migrate --offline` and `check --offline` may replay the migrations. */
  readonly shadow: ShadowDatabases
  /** The drivers that reach this family, the default first; each loads on first use. */
  readonly drivers: readonly [DriverEntry, ...DriverEntry[]]
  /** Its part of `athanor lint`: the rules, and what it reads of a live server (version, row counts). */
  readonly lint: DialectLint
}

/**
 * Where a family replays migrations to learn the schema they produce
 * (`--offline`) when the config names no `shadowUrl`: a database embedded
 * in this process, made as a scratch database of its URL's driver.
 *
 * @example
 * import { dialectNamed } from './registry.js'
 * dialectNamed('postgresql').shadow.embeddedUrl // 'pglite://'
 * dialectNamed('mysql').shadow.embeddedUrl // null: a shadowUrl is needed
 */
export interface ShadowDatabases {
  /** A database in memory in this process; `null` where the family has none (MySQL). */
  readonly embeddedUrl: string | null
}

/**
 * One driver of a dialect, by the name a URL may ask for (`postgresql+pg://`).
 *
 * @example
 * import { dialectNamed } from './registry.js'
 * const [entry] = dialectNamed('postgresql').drivers
 * entry.name // 'pg'
 * const driver = await entry.load() // imports the pg package on first use
 */
export interface DriverEntry {
  readonly name: string
  /** Where this driver can do less than the family's usual one (PGlite: one session, so no catalog helpers). */
  readonly capabilities?: Partial<DialectCapabilities>
  load(): Promise<Driver>
  /**
   * How `athanor test` makes scratch databases through this driver, where
   * the dialect's way does not fit it (an embedded server, whose scratch
   * database is a new instance in memory); absent, the dialect's `scratch`.
   */
  readonly scratch?: ScratchDatabases
}

/**
 * A migration that must run apart from the others: connection settings
 * that only change outside a transaction are switched before it begins and
 * back after it ends, and a check runs before it commits. SQLite's table
 * rebuild is the case: foreign-key enforcement must be off while the old
 * table is dropped (https://sqlite.org/lang_altertable.html#otheralter),
 * and `PRAGMA foreign_keys` is a no-op inside a transaction.
 *
 * @example
 * import type { DatabaseConnection } from './driver.js'
 * import { dialectNamed } from './registry.js'
 * declare const connection: DatabaseConnection
 * const isolation = dialectNamed('sqlite').stepIsolation
 * await isolation?.enter(connection)
 */
export interface StepIsolation {
  /** Outside any transaction, before the migration's BEGIN. */
  enter(connection: DatabaseConnection): Promise<void>
  /** Inside the migration's transaction, before COMMIT; throws to fail it. */
  verify(connection: DatabaseConnection): Promise<void>
  /** After COMMIT or ROLLBACK, whatever happened. */
  leave(connection: DatabaseConnection): Promise<void>
  /** The same as script text, for offline runs: before BEGIN, before COMMIT, after COMMIT. */
  readonly script: { readonly before: readonly string[]; readonly verify: readonly string[]; readonly after: readonly string[] }
}

/**
 * Raised inside a migration that turns out to need {@link StepIsolation}
 * while the runner's transaction is open. The runner rolls the migration
 * back and runs it again, isolated; it never reaches the user.
 *
 * @example
 * throw new StepIsolationRequired('rebuilding table "posts" needs foreign keys off')
 */
export class StepIsolationRequired extends Error {
  constructor(readonly reason: string) {
    super(reason)
    this.name = 'StepIsolationRequired'
  }
}

/**
 * A run of many migrations, each its own transaction, without a disk flush
 * per commit: the session's commits stop waiting for the flush, and at the
 * run's end one commit that does wait makes all of them durable. A crash in
 * between loses only the last migrations whole, never half of one, and the
 * version rows lost with them say so.
 *
 * @example
 * import { dialectNamed } from './registry.js'
 * dialectNamed('postgresql').runDurability?.relax // ['SET synchronous_commit = off']
 */
export interface RunDurability {
  /** Before the run's first transaction. */
  readonly relax: readonly string[]
  /** After its last: a transaction whose commit waits for the flush of everything before it. */
  readonly restore: readonly string[]
}

/**
 * The statements that begin, end or change a transaction (`COMMIT`,
 * `ROLLBACK`, `BEGIN`, savepoints, `SET autocommit`, and each family's
 * own), found in raw SQL before it is sent: the runner owns the transaction
 * a migration runs in, and a script that ends it would leave half a
 * migration committed. The text is split into statements where the server
 * splits it, so a keyword inside a string, a quoted name, a comment or a
 * stored routine's body is not one.
 *
 * @example
 * import { dialectNamed } from './registry.js'
 * const control = dialectNamed('postgresql').transactionControl
 * control.find("UPDATE t SET note = 'COMMIT'") // undefined
 * control.find('/* done *\/ UPDATE t SET n = 1; commit') // 'commit'
 */
export interface TransactionControl {
  /** The first statement of `sql` that controls a transaction, as written (on one line, shortened); `undefined` when none does. */
  find(sql: string): string | undefined
  /**
   * Whether `sql` begins with a statement that commits any open transaction
   * before it runs (MySQL's DDL): a transaction opened just before it would
   * end unused. Absent where DDL is transactional; `false` when unsure.
   */
  commitsFirst?(sql: string): boolean
  /**
   * Whether `sql` may begin a transaction of its own that the reply's
   * status cannot tell from the one it ran in (MySQL: a procedure's START
   * TRANSACTION commits the open one and begins another). Absent where no
   * statement but those {@link find} finds can; `true` when unsure.
   */
  mayBegin?(sql: string): boolean
}
