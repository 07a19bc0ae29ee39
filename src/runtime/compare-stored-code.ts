import { isSqlLanguage } from '../ops/stored-code-text.js'
import { namesMentioned } from '../dialect/view-support.js'
import { AthanorError } from '../core/errors.js'
import type { TableName } from '../diff/index.js'
import { diffStoredCode, noStoredCodeChanges, type StatementNormalizers, type StoredCodeChanges } from '../diff/stored-code.js'
import type { DatabaseConnection } from '../dialect/driver.js'
import { dialectNamed } from '../dialect/registry.js'
import type { StoredCodeSupport } from '../dialect/stored-code-support.js'
import type { Operation } from '../ops/operation.js'
import type { StoredCode } from '../schema/stored-code.js'
import { withTriggersOnRecreatedViews } from '../diff/view-triggers.js'
import type { CatalogPrefetch } from './catalog-prefetch.js'
import { routinesAfterTheirTables, routinesGoneBeforeTheirTables } from './routines-after-their-tables.js'

/**
 * The trigger and routine changes of a comparison: the database's (on the
 * tables `include` lets through) against the models'. `target` undefined
 * means the models say nothing about this database's (a database of a
 * multi-database project other than the default): they are left as they are.
 * Those in `schemas` and in the schemas the models' triggers and routines
 * name are compared too, besides the connection's own.
 * Models declaring a routine where the database has none are refused before
 * anything is written, naming it.
 *
 * @example
 * import { openConnection } from '../dialect/registry.js'
 * const connection = await openConnection(parseDatabaseUrl('sqlite:///app.db'))
 * const { createTriggers } = await compareStoredCode(connection, { triggers: [], routines: [] }, () => true)
 */
export async function compareStoredCode(
  connection: DatabaseConnection,
  target: StoredCode | undefined,
  include: (name: TableName) => boolean,
  schemas: readonly string[] = [],
  prefetched?: CatalogPrefetch,
): Promise<StoredCodeChanges> {
  if (target === undefined) return noStoredCodeChanges
  const support = dialectNamed(connection.dialect).storedCode
  const [declared] = target.routines
  if (!support.routines && declared !== undefined) {
    throw new AthanorError(
      'UNSUPPORTED_OPERATION',
      `the models declare ${declared.routineKind} "${declared.name}", but ${connection.dialect} has no stored functions or procedures`,
    )
  }
  // The schemas the models name, besides the connection's own: theirs are the models' too.
  const named = [...target.triggers, ...target.routines].flatMap((code) => (code.schema === undefined ? [] : [code.schema]))
  const all = [...new Set([...schemas, ...named])]
  const current = await (prefetched?.code(all) ?? support.read(connection, { schemas: all }))
  const onIncluded = (code: StoredCode): StoredCode => ({ ...code, triggers: code.triggers.filter((t) => include({ name: t.table })) })
  return diffStoredCode(
    onIncluded(current),
    onIncluded(target),
    {
      trigger: (trigger) => support.normalizeTrigger(connection, trigger),
      routine: (routine) => support.normalizeRoutine(connection, routine),
      ...(support.argumentsOf === undefined ? {} : { signature: signatureOf(support, connection) }),
    },
    { firingOrder: support.firingOrder === true },
  )
}

/** How the dialect tells a model routine's overloads apart: from its text, else from the database. */
function signatureOf(support: StoredCodeSupport, connection: DatabaseConnection): NonNullable<StatementNormalizers['signature']> {
  return {
    of: (routine) => support.argumentsOf?.(routine),
    ask: async (routine) => support.routineArguments?.(connection, routine),
  }
}

/**
 * One migration's operations in the order that runs: triggers dropped,
 * views dropped, what calls a routine that is dropped and created taken off
 * (`around.detach`), routines dropped, the table changes, routines created,
 * what was taken off put back (`around.reattach`), views created, triggers
 * created, those on a view dropped and created among them (see
 * {@link StoredCodeChanges}, and `routineDependents` in diff/). A
 * routine the table changes call (a column default, a check, a generated
 * column: `name(` or `"name"(` in their SQL) is created before them and dropped after
 * them instead, as the database will not make a table that calls a
 * function not there yet, nor drop a function a table still calls; one
 * dropped and created again stays where it is, `around` keeping its callers out of its way.
 * A policy made by the migration waits for the routines it calls instead,
 * and so does a table's check, default or index that calls a routine
 * PostgreSQL parses as it makes it, when the routine's body names a table
 * made with or after its caller (see routinesAfterTheirTables).
 *
 * @example
 * import { noStoredCodeChanges } from '../diff/stored-code.js'
 * const code = noStoredCodeChanges
 * const ops = inRunOrder(code, { before: [], after: [] }, [{ kind: 'drop_table', table: 'old' }])
 */
export function inRunOrder(
  changes: StoredCodeChanges,
  views: { readonly before: readonly Operation[]; readonly after: readonly Operation[] },
  tableOps: readonly Operation[],
  around: { readonly detach: readonly Operation[]; readonly reattach: readonly Operation[] } = { detach: [], reattach: [] },
): Operation[] {
  const code = withTriggersOnRecreatedViews(changes, views)
  const recreated = new Set(recreatedRoutines(code).map((name) => name.toLowerCase()))
  const routineOf = (op: Operation) =>
    op.kind === 'drop_routine' ? op.name : op.kind === 'create_routine' || op.kind === 'replace_routine' ? op.routine.name : ''
  const calledIn = (ops: readonly Operation[]) => {
    const text = JSON.stringify(ops)
    return (op: Operation) => {
      const name = routineOf(op)
      const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      // The name bare or quoted ("Twice"(1), a quote being \" in the JSON text).
      return (
        name !== '' &&
        !recreated.has(name.toLowerCase()) &&
        new RegExp(`(?<![\\w$])(?:${escaped}|\\\\"${escaped}\\\\")\\s*\\(`, 'i').test(text)
      )
    }
  }
  // A policy is made after its table, so one calling a routine the migration makes waits for the routine, which can
  // then follow the tables its body reads: PostgreSQL checks a SQL function's body as it makes it.
  const waits = (op: Operation) => op.kind === 'create_policy'
  const createdFirst = code.createRoutines.filter(calledIn(tableOps.filter((op) => !waits(op))))
  const droppedLast = code.dropRoutines.filter(calledIn(tableOps))
  const createdAfter = code.createRoutines.filter((op) => !createdFirst.includes(op))
  const waiting = tableOps.filter((op) => waits(op) && createdAfter.some(calledIn([op])))
  const places = routinesAfterTheirTables(
    createdFirst,
    tableOps.filter((op) => !waiting.includes(op)),
    (op, routine) => calledIn([op])(routine),
  )
  const gone = routinesGoneBeforeTheirTables(droppedLast, places.tableOps, (op, routine) => calledIn([op])(routine))
  const afterViews = readingViews(createdAfter, views.after, (op) => calledIn([op]))
  const beforeViews = readersOfDroppedViews(code.dropRoutines, views.before)
  return [
    ...code.dropTriggers,
    ...beforeViews,
    ...views.before,
    ...around.detach,
    ...code.dropRoutines.filter((op) => !droppedLast.includes(op) && !beforeViews.includes(op)),
    ...gone.beforeTables,
    ...eachBeforeItsFirstCaller(places.ahead.map(aheadOfTables), gone.tableOps, (op) => calledIn([op])),
    ...gone.afterTables.map(backAheadOfTables),
    ...createdAfter.filter((op) => !afterViews.includes(op)),
    ...places.afterTables,
    ...waiting,
    ...around.reattach,
    ...views.after,
    ...afterViews,
    ...code.createTriggers,
  ]
}

/**
 * The routines made after the tables whose text names a view the migration
 * makes (a body reading it, RETURNS SETOF it, an argument of its row type)
 * and that no view it makes calls: PostgreSQL refuses them before the view
 * (`relation … does not exist`, `type … does not exist`), so they follow the views.
 */
function readingViews(
  routines: readonly Operation[],
  viewOps: readonly Operation[],
  callsOf: (op: Operation) => (routine: Operation) => boolean,
): Operation[] {
  const made = viewOps.filter((op) => op.kind === 'create_view')
  const names = made.map((op) => (op.kind === 'create_view' ? op.view.name : ''))
  return routines.filter(
    (routine) =>
      routine.kind === 'create_routine' &&
      // A dollar quote ($function$SELECT …) is no part of the names beside it.
      namesMentioned(routine.routine.definition.replace(/\$[A-Za-z_0-9]*\$/g, ' '), names).length > 0 &&
      !made.some((view) => callsOf(view)(routine)),
  )
}

/**
 * The routines dropped whose body reads a view the migration drops: they
 * go first, as PostgreSQL refuses to drop a view a function parsed as it was
 * made (BEGIN ATOMIC, RETURN) reads.
 */
function readersOfDroppedViews(dropRoutines: readonly Operation[], viewOps: readonly Operation[]): Operation[] {
  const views = viewOps.flatMap((op) => (op.kind === 'drop_view' ? [op.name] : []))
  if (views.length === 0) return []
  return dropRoutines.filter(
    (op) => op.kind === 'drop_routine' && op.existing !== undefined && namesMentioned(op.existing.definition, views).length > 0,
  )
}

/**
 * The table changes with each routine they call made just before the first
 * of them that calls it, after the tables made ahead of that: a SQL function
 * whose body is SQL-standard (BEGIN ATOMIC, RETURN) is checked as it is made
 * whatever check_function_bodies says, and may read a table made before its caller.
 */
function eachBeforeItsFirstCaller(
  routines: readonly Operation[],
  tableOps: readonly Operation[],
  callsOf: (op: Operation) => (routine: Operation) => boolean,
): Operation[] {
  const waiting = [...routines]
  const ordered: Operation[] = []
  for (const op of tableOps) {
    const now = waiting.filter(callsOf(op))
    ordered.push(...now, op)
    for (const routine of now) waiting.splice(waiting.indexOf(routine), 1)
  }
  return [...waiting, ...ordered]
}

/**
 * A routine made before the tables, as a table's check or default calls it:
 * a SQL function's body, which PostgreSQL checks as it makes the function,
 * may read those tables, so it is made unchecked (see CreateRoutineOp.checkBody).
 */
function aheadOfTables(op: Operation): Operation {
  if (op.kind !== 'create_routine' || !isSqlLanguage(op.routine.definition)) return op
  return { ...op, checkBody: false }
}

/** A routine dropped after the tables that call it: its downgrade makes it again before them (see DropRoutineOp.remakeUnchecked). */
function backAheadOfTables(op: Operation): Operation {
  if (op.kind !== 'drop_routine' || op.existing === undefined || !isSqlLanguage(op.existing.definition)) return op
  return { ...op, remakeUnchecked: true }
}

/**
 * The names of the routines a migration drops and creates again (its head
 * changed, or it is over one that did): what calls them must step aside meanwhile.
 *
 * @example
 * import { noStoredCodeChanges } from '../diff/stored-code.js'
 * const dropped: Operation = { kind: 'drop_routine', name: 'twice', routineKind: 'function', arguments: 'integer' }
 * const routine: Routine = { name: 'twice', routineKind: 'function', definition: 'CREATE FUNCTION twice(b int) …' }
 * const created: Operation = { kind: 'create_routine', routine }
 * const code = { ...noStoredCodeChanges, dropRoutines: [dropped], createRoutines: [created] }
 * recreatedRoutines(code) // ['twice']
 */
export function recreatedRoutines(code: StoredCodeChanges): string[] {
  const created = new Set(code.createRoutines.flatMap((op) => (op.kind === 'create_routine' ? [op.routine.name.toLowerCase()] : [])))
  const names = code.dropRoutines.flatMap((op) => (op.kind === 'drop_routine' && created.has(op.name.toLowerCase()) ? [op.name] : []))
  return [...new Set(names)]
}
