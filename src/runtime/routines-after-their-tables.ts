import { namesMentioned } from '../dialect/view-support.js'
import { refOf } from '../diff/keys.js'
import { puttingBack, tableNotCalling, takingOff } from '../diff/routine-callers.js'
import { parsedWhenMade } from '../diff/stored-code.js'
import type { Operation } from '../ops/operation.js'

/** Where the routines a migration's tables call go: see {@link routinesAfterTheirTables}. */
export interface RoutinePlaces {
  /** Made ahead of the tables, each just before its first caller. */
  readonly ahead: Operation[]
  /** The table changes, less what calls a routine that comes after them. */
  readonly tableOps: Operation[]
  /** Once every table is made: those routines, then what calls them, put back. */
  readonly afterTables: Operation[]
}

/**
 * A routine PostgreSQL parses as it makes it (a SQL-standard body, see
 * parsedWhenMade) must come after the tables its body reads, whatever
 * `check_function_bodies` says. When a table the migration makes calls such
 * a routine (from a check, a default, an index or a policy) and the
 * routine's body names that table or one made after it, the routine cannot
 * come before its caller: as pg_dump does, the tables are made without what
 * calls it, the routine after every table, and what was taken off is put
 * back after the routine. A caller that cannot wait (a generated column, a
 * column added to a table already there) leaves the routine ahead.
 * `routines` are those the tables call; `calls` says whether an operation calls a routine.
 *
 * @example
 * declare const routines: Operation[]
 * declare const tableOps: Operation[]
 * const places = routinesAfterTheirTables(routines, tableOps, (op, routine) => JSON.stringify(op).includes('counted('))
 */
export function routinesAfterTheirTables(
  routines: readonly Operation[],
  tableOps: readonly Operation[],
  calls: (op: Operation, routine: Operation) => boolean,
): RoutinePlaces {
  const ahead: Operation[] = []
  let ops = [...tableOps]
  const later: Operation[] = []
  const putBack: Operation[] = []
  for (const routine of routines) {
    const waited = routine.kind === 'create_routine' && parsedWhenMade(routine.routine) ? waitForTables(routine, ops, calls) : undefined
    if (waited === undefined) {
      ahead.push(routine)
      continue
    }
    ops = waited.tableOps
    later.push(routine)
    putBack.push(...waited.putBack)
  }
  return { ahead, tableOps: ops, afterTables: [...later, ...putBack] }
}

/** The table changes without what calls `routine`, and what puts it back; `undefined` when the routine may stay ahead or must. */
function waitForTables(
  routine: Extract<Operation, { kind: 'create_routine' }>,
  ops: readonly Operation[],
  calls: (op: Operation, routine: Operation) => boolean,
): { tableOps: Operation[]; putBack: Operation[] } | undefined {
  const first = ops.findIndex((op) => calls(op, routine))
  if (first < 0) return undefined
  const madeFromThere = ops.slice(first).flatMap((op) => (op.kind === 'create_table' ? [op.table.name] : []))
  if (namesMentioned(routine.routine.definition, madeFromThere).length === 0) return undefined
  const callsIt = textCalls(routine.routine.name)
  const tableOps: Operation[] = []
  const putBack: Operation[] = []
  for (const op of ops) {
    if (!calls(op, routine)) tableOps.push(op)
    else if (op.kind === 'create_check_constraint' || op.kind === 'create_index' || op.kind === 'create_policy') putBack.push(op)
    else if (op.kind === 'create_table') {
      const { table, taken } = tableNotCalling(op.table, callsIt)
      const made = { ...op, table }
      // A generated column cannot wait (tableNotCalling leaves it out), nor a call the text search missed.
      if (table.columns.length !== op.table.columns.length || calls(made, routine)) return undefined
      tableOps.push(made)
      putBack.push(...puttingBack(refOf(op.table), taken))
    } else return undefined
  }
  return { tableOps, putBack }
}

/**
 * The way down of {@link routinesAfterTheirTables}: a routine parsed as it
 * was made depends on the tables its body reads, and PostgreSQL will not
 * drop one of them under it. When the migration drops such a routine and a
 * table it reads, and a table it drops calls the routine, what calls it is
 * taken off those tables first, then the routine is dropped, then the
 * tables. The downgrade runs it backwards: the tables, the routine, then its
 * callers. `routines` are those dropped after the tables, as the tables
 * call them; returns those dropped before the tables (what calls them
 * first), the table changes, and those still dropped after.
 *
 * @example
 * declare const routines: Operation[]
 * declare const tableOps: Operation[]
 * const { beforeTables } = routinesGoneBeforeTheirTables(routines, tableOps, (op, routine) => JSON.stringify(op).includes('ok('))
 */
export function routinesGoneBeforeTheirTables(
  routines: readonly Operation[],
  tableOps: readonly Operation[],
  calls: (op: Operation, routine: Operation) => boolean,
): { beforeTables: Operation[]; tableOps: Operation[]; afterTables: Operation[] } {
  const takenOff: Operation[] = []
  const dropped: Operation[] = []
  const after: Operation[] = []
  let ops = [...tableOps]
  for (const routine of routines) {
    const existing = routine.kind === 'drop_routine' ? routine.existing : undefined
    const freed = existing !== undefined && parsedWhenMade(existing) ? freeFromCallers(routine, existing.definition, ops, calls) : undefined
    if (freed === undefined) {
      after.push(routine)
      continue
    }
    ops = freed.tableOps
    takenOff.push(...freed.takenOff)
    dropped.push(routine)
  }
  return { beforeTables: [...takenOff, ...dropped], tableOps: ops, afterTables: after }
}

/** The table changes without what calls `routine`, and what takes it off first; `undefined` when the routine may go last or must. */
function freeFromCallers(
  routine: Operation,
  definition: string,
  ops: readonly Operation[],
  calls: (op: Operation, routine: Operation) => boolean,
): { tableOps: Operation[]; takenOff: Operation[] } | undefined {
  const droppedTables = ops.flatMap((op) => (op.kind === 'drop_table' ? [op.table] : []))
  if (namesMentioned(definition, droppedTables).length === 0) return undefined
  const callsIt = textCalls(routine.kind === 'drop_routine' ? routine.name : '')
  const tableOps: Operation[] = []
  const takenOff: Operation[] = []
  for (const op of ops) {
    if (!calls(op, routine)) tableOps.push(op)
    else if (op.kind === 'drop_constraint' || op.kind === 'drop_index' || op.kind === 'drop_policy') takenOff.push(op)
    else if (op.kind === 'drop_table' && op.existing !== undefined) {
      const { table, taken } = tableNotCalling(op.existing, callsIt)
      const dropped = { ...op, existing: table }
      if (table.columns.length !== op.existing.columns.length || calls(dropped, routine)) return undefined
      tableOps.push(dropped)
      takenOff.push(...takingOff({ table: op.table, ...(op.schema === undefined ? {} : { schema: op.schema }) }, taken))
    } else return undefined
  }
  return { tableOps, takenOff }
}

/** Whether SQL text calls the routine named, bare or quoted. */
function textCalls(name: string): (sql: string | undefined) => boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const call = new RegExp(`(?<![\\w$])(?:${escaped}|"${escaped}")\\s*\\(`, 'i')
  return (sql) => sql !== undefined && call.test(sql)
}
