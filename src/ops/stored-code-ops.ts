import type { Routine, RoutineKind, Trigger } from '../schema/stored-code.js'

/**
 * `op.createTrigger(...)` as data: the trigger's statement, run as it is.
 *
 * @example
 * const create: CreateTriggerOp = {
 *   kind: 'create_trigger',
 *   trigger: { name: 'orders_touch', table: 'orders', definition: 'CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW …' },
 * }
 */
export interface CreateTriggerOp {
  readonly kind: 'create_trigger'
  readonly trigger: Trigger
}

/**
 * `op.dropTrigger(...)` as data; autogenerate fills `existing` so the
 * downgrade can create the trigger again.
 *
 * @example
 * const drop: DropTriggerOp = { kind: 'drop_trigger', name: 'orders_touch', table: 'orders' }
 */
export interface DropTriggerOp {
  readonly kind: 'drop_trigger'
  readonly name: string
  /** PostgreSQL names a trigger within its table (`DROP TRIGGER … ON orders`). */
  readonly table: string
  readonly schema?: string
  readonly existing?: Trigger
}

/**
 * `op.createRoutine(...)` as data: a function's or procedure's statement, run as it is.
 *
 * @example
 * const create: CreateRoutineOp = {
 *   kind: 'create_routine',
 *   routine: { name: 'touch', routineKind: 'function', definition: 'CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ … $$' },
 * }
 */
export interface CreateRoutineOp {
  readonly kind: 'create_routine'
  readonly routine: Routine
  /**
   * `false`: PostgreSQL makes the routine without checking its body
   * (`check_function_bodies` off, as pg_dump does), for a SQL function made
   * before the tables its body reads because a table's check or default
   * calls it; the body is checked when the function first runs.
   */
  readonly checkBody?: false
}

/**
 * `op.dropRoutine(...)` as data; autogenerate fills `existing` for the downgrade.
 *
 * @example
 * const drop: DropRoutineOp = { kind: 'drop_routine', name: 'add_one', routineKind: 'function', arguments: 'integer' }
 */
export interface DropRoutineOp {
  readonly kind: 'drop_routine'
  readonly name: string
  readonly routineKind: RoutineKind
  readonly schema?: string
  /** PostgreSQL's argument types, for an overloaded name. */
  readonly arguments?: string
  readonly existing?: Routine
  /**
   * The reverse makes it again unchecked (CreateRoutineOp.checkBody): a SQL
   * function dropped after the tables whose checks call it comes back, in
   * the downgrade, before them and the tables its body reads.
   */
  readonly remakeUnchecked?: true
}

/**
 * `op.replaceRoutine(...)` as data: a routine given a new definition.
 * PostgreSQL replaces it in place (CREATE OR REPLACE, so the triggers
 * calling it stay); MySQL/MariaDB drop and create it.
 *
 * @example
 * const replace: ReplaceRoutineOp = {
 *   kind: 'replace_routine',
 *   routine: { name: 'add_one', routineKind: 'function', definition: 'CREATE FUNCTION add_one(a INT) RETURNS INT RETURN a + 1' },
 * }
 */
export interface ReplaceRoutineOp {
  readonly kind: 'replace_routine'
  readonly routine: Routine
  /** The routine as it was, when known: what the reverse puts back. */
  readonly existing?: Routine
}

/**
 * Every operation on a trigger or a routine.
 *
 * @example
 * const ops: StoredCodeOperation[] = [{ kind: 'drop_trigger', name: 'orders_touch', table: 'orders' }]
 */
export type StoredCodeOperation = CreateTriggerOp | DropTriggerOp | CreateRoutineOp | DropRoutineOp | ReplaceRoutineOp
