import type { Routine, StoredCode, Trigger } from '../schema/stored-code.js'
import type { IntrospectOptions, Queryable } from './introspector.js'

/**
 * A dialect's triggers and routines: reading them from a live database
 * with the statement the database reports for each, and asking the
 * database how it would report a model's statement. PostgreSQL rebuilds
 * the text of both from its catalog, MySQL/MariaDB rebuild a routine's
 * head (`RETURNS int(11)`) and keep a trigger as written, SQLite keeps a
 * trigger as written; so a model's statement is compared with the stored
 * one in the database's own form, and a clean upgrade leaves no difference.
 *
 * @example
 * import { dialectNamed, openConnection } from './registry.js'
 * const db = await openConnection(parseDatabaseUrl('sqlite:///app.db'))
 * const { triggers } = await dialectNamed('sqlite').storedCode.read(db)
 * triggers // [{ name: 'touch', table: 'orders', definition: 'CREATE TRIGGER …' }]
 */
export interface StoredCodeSupport {
  /** Whether the database has stored functions and procedures (not SQLite). */
  readonly routines: boolean
  /**
   * Whether a table's triggers for one event fire in the order they were
   * made (MySQL/MariaDB's ACTION_ORDER), which `read` lists them in.
   */
  readonly firingOrder?: boolean
  /** The triggers and routines of the connection's own schema. */
  read(db: Queryable, options?: IntrospectOptions): Promise<StoredCode>
  /** `trigger`'s statement as the database would report it; `undefined` when it refuses it as it stands. */
  normalizeTrigger(db: Queryable, trigger: Trigger): Promise<string | undefined>
  /** The same for a routine. */
  normalizeRoutine(db: Queryable, routine: Routine): Promise<string | undefined>
  /**
   * Where routines of one name are told apart by their argument types
   * (PostgreSQL's overloads): a routine's, as the catalog prints them,
   * read from its statement (`undefined` when the text cannot say). Absent,
   * a routine is known by its name alone.
   */
  argumentsOf?(routine: Routine): string | undefined
  /** The same, asked of the database (the statement run and rolled back), for what the text cannot say. */
  routineArguments?(db: Queryable, routine: Routine): Promise<string | undefined>
}

/**
 * Runs `work` in a transaction that is always rolled back: a statement
 * tried there to see how the database stores it leaves nothing behind
 * (PostgreSQL and SQLite, whose DDL is transactional). `undefined` when
 * the database refuses what `work` runs.
 *
 * @example
 * import { openConnection } from './registry.js'
 * const db = await openConnection(parseDatabaseUrl('sqlite://'))
 * await inRolledBackTransaction(db, async () => (await db.query('SELECT 1 AS one'))[0]?.['one']) // 1
 */
export async function inRolledBackTransaction<T>(db: Queryable, work: () => Promise<T>): Promise<T | undefined> {
  await db.query('BEGIN')
  try {
    return await work()
  } catch {
    return undefined
  } finally {
    await db.query('ROLLBACK')
  }
}
