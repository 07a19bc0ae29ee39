/**
 * Triggers, stored functions and procedures: code the database keeps and
 * runs itself. Each is held as the full `CREATE …` statement the database
 * reports for it (`pg_get_triggerdef`, `pg_get_functiondef`, `SHOW CREATE
 * TRIGGER|FUNCTION|PROCEDURE` without its DEFINER, `sqlite_master.sql`),
 * verbatim: athanor runs it as it is, and compares it after asking the
 * database how it would store the models' text (see the dialect's `storedCode`).
 */

/**
 * A trigger on a table (or a view, for INSTEAD OF triggers).
 *
 * @example
 * const touch: Trigger = {
 *   name: 'orders_touch',
 *   table: 'orders',
 *   definition: 'CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch_updated_at()',
 * }
 */
export interface Trigger {
  readonly name: string
  /** The table it fires on; a trigger is dropped with it, so it is dropped first and created after it. */
  readonly table: string
  readonly schema?: string
  readonly definition: string
}

/**
 * A stored function or procedure, or a PostgreSQL aggregate. PostgreSQL
 * tells routines of one name apart by their argument types (overloads):
 * there, each is its own object.
 *
 * @example
 * const add: Routine = { name: 'add_one', routineKind: 'function', definition: 'CREATE FUNCTION add_one(a INT) RETURNS INT RETURN a + 1' }
 */
export interface Routine {
  readonly name: string
  readonly routineKind: RoutineKind
  readonly schema?: string
  readonly definition: string
  /**
   * PostgreSQL's argument types (`integer, text`; `*` for an aggregate of
   * none) as `DROP FUNCTION` needs them and as `format_type` prints them:
   * with the name, what tells overloads apart. Filled by introspection, and
   * by autogenerate from the statement; absent, the routine is dropped by
   * name, which PostgreSQL accepts while the name is not overloaded.
   */
  readonly arguments?: string
}

/**
 * What a routine is: a function returns a value, a procedure is CALLed,
 * an aggregate (PostgreSQL's CREATE AGGREGATE) folds rows with its support functions.
 *
 * @example
 * const kind: RoutineKind = 'procedure'
 */
export type RoutineKind = 'function' | 'procedure' | 'aggregate'

/**
 * A schema's triggers and routines.
 *
 * @example
 * const code: StoredCode = { triggers: [], routines: [] }
 */
export interface StoredCode {
  readonly triggers: readonly Trigger[]
  readonly routines: readonly Routine[]
}

/**
 * No triggers and no routines.
 *
 * @example
 * const code: StoredCode = noStoredCode
 */
export const noStoredCode: StoredCode = { triggers: [], routines: [] }
