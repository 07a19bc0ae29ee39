import { AthanorError } from '../core/errors.js'
import { routineKindOf, triggerTableOf } from '../ops/stored-code-text.js'
import type { Routine, Trigger } from '../schema/stored-code.js'
import type { DefaultValue } from '../schema/types.js'

/**
 * A trigger in the models, as `trigger()` makes it.
 *
 * @example
 * const touch: ModelTrigger = trigger('touch', sql`CREATE TRIGGER touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION f()`)
 */
export interface ModelTrigger extends Trigger {
  readonly objectKind: 'trigger'
}

/**
 * A function, procedure or aggregate in the models, as `routine()` makes it.
 *
 * @example
 * const addOne: ModelRoutine = routine('add_one', sql`CREATE FUNCTION add_one(a INT) RETURNS INT DETERMINISTIC RETURN a + 1`)
 */
export interface ModelRoutine extends Routine {
  readonly objectKind: 'routine'
}

/**
 * Where a model trigger lives: the table, when its statement does not say
 * it plainly enough to be read, and the schema.
 *
 * @example
 * const options: TriggerOptions = { table: 'orders' }
 */
export interface TriggerOptions {
  readonly table?: string
  readonly schema?: string
}

const textOf = (definition: string | DefaultValue) =>
  (typeof definition === 'string' ? definition : definition.kind === 'expression' ? definition.sql : String(definition.value)).trim()

/**
 * Declares a trigger for `defineModels` by its full `CREATE TRIGGER`
 * statement, kept verbatim; its table is the one the statement names.
 * `check` compares it with the database's by the text the database would
 * report, and a change drops and creates it.
 *
 * @example
 * export const ordersTouch = trigger(
 *   'orders_touch',
 *   sql`CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch_updated_at()`,
 * )
 */
export function trigger(name: string, definition: string | DefaultValue, options: TriggerOptions = {}): ModelTrigger {
  const text = textOf(definition)
  const table = options.table ?? triggerTableOf(text)
  if (table === undefined) {
    throw new AthanorError('INVALID_MODEL', `trigger "${name}": its statement names no table (CREATE TRIGGER … ON table …); pass { table }`)
  }
  return { objectKind: 'trigger', name, table, definition: text, ...(options.schema === undefined ? {} : { schema: options.schema }) }
}

/**
 * Declares a stored function or procedure (PostgreSQL, MySQL, MariaDB), or a
 * PostgreSQL aggregate, by its full `CREATE FUNCTION|PROCEDURE|AGGREGATE`
 * statement, kept verbatim. It is created before the triggers that call it
 * and after the tables (an aggregate after its support functions), and a
 * change replaces it (PostgreSQL's CREATE OR REPLACE) or drops and creates it.
 * On PostgreSQL a routine is known by its name and argument types, read from
 * the statement: overloads are several `routine()`s of one name.
 *
 * @example
 * export const touchUpdatedAt = routine(
 *   'touch_updated_at',
 *   sql`CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$`,
 * )
 * export const addInts = routine('add', sql`CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql AS $$ SELECT a + b $$`)
 * export const addTexts = routine('add', sql`CREATE FUNCTION add(a text, b text) RETURNS text LANGUAGE sql AS $$ SELECT a || b $$`)
 * export const total = routine('total', sql`CREATE AGGREGATE total (numeric) (sfunc = numeric_add, stype = numeric, initcond = '0')`)
 */
export function routine(name: string, definition: string | DefaultValue, options: { readonly schema?: string } = {}): ModelRoutine {
  const text = textOf(definition)
  const routineKind = routineKindOf(text)
  if (routineKind === undefined) {
    throw new AthanorError('INVALID_MODEL', `routine "${name}": its statement is not CREATE FUNCTION, PROCEDURE or AGGREGATE`)
  }
  return { objectKind: 'routine', name, routineKind, definition: text, ...(options.schema === undefined ? {} : { schema: options.schema }) }
}

/**
 * Tells a model trigger or routine from the other values a models module holds.
 *
 * @example
 * isStoredCodeModel(trigger('t', 'CREATE TRIGGER t AFTER INSERT ON x BEGIN SELECT 1; END')) // true
 */
export function isStoredCodeModel(value: unknown): value is ModelTrigger | ModelRoutine {
  if (typeof value !== 'object' || value === null) return false
  const kind = (value as { objectKind?: unknown }).objectKind
  return kind === 'trigger' || kind === 'routine'
}
