import { AthanorError } from '../core/errors.js'
import { namesMentioned, sameDefinition } from '../dialect/view-support.js'
import type { Operation } from '../ops/operation.js'
import { dropRoutineOf, dropTriggerOf } from '../ops/reverse-stored-code.js'
import { quotedRoutineName } from '../ops/stored-code-text.js'
import type { Routine, StoredCode, Trigger } from '../schema/stored-code.js'

/**
 * Asks the database how it would report a model's statement (`undefined`
 * when it refuses the statement as it stands).
 *
 * @example
 * const asWritten: StatementNormalizers = { trigger: async (t) => t.definition, routine: async (r) => r.definition }
 */
export interface StatementNormalizers {
  trigger(trigger: Trigger): Promise<string | undefined>
  routine(routine: Routine): Promise<string | undefined>
  /**
   * Where routines of one name are told apart by their argument types
   * (PostgreSQL): a model routine's, from its text (`of`), else from the database (`ask`).
   */
  readonly signature?: {
    of(routine: Routine): string | undefined
    ask(routine: Routine): Promise<string | undefined>
  }
}

/**
 * The trigger and routine operations of one migration, in the four places
 * they go around the view and table changes: triggers are dropped first
 * (before the tables and views they sit on), routines are dropped before
 * the tables change and created after (a SQL function's body is checked
 * against the tables it reads), and triggers are created last, once their
 * table and the function they call exist. The downgrade, the same reversed,
 * keeps that order the other way round.
 */
export interface StoredCodeChanges {
  readonly dropTriggers: readonly Operation[]
  readonly dropRoutines: readonly Operation[]
  readonly createRoutines: readonly Operation[]
  readonly createTriggers: readonly Operation[]
  /**
   * The triggers the migration leaves as they are, as the database holds
   * them: one on a view that goes and comes back must come back with it.
   */
  readonly keptTriggers: readonly Trigger[]
  /**
   * The routines the migration leaves as they are: as the database holds
   * them (`was`) and as the models say (`wanted`), for one that must be
   * made again around a change under it.
   */
  readonly keptRoutines: readonly KeptRoutine[]
}

/** A routine both sides hold alike. */
export interface KeptRoutine {
  readonly was: Routine
  readonly wanted: Routine
}

/**
 * Nothing to do.
 *
 * @example
 * const changes: StoredCodeChanges = noStoredCodeChanges
 */
export const noStoredCodeChanges: StoredCodeChanges = {
  dropTriggers: [],
  dropRoutines: [],
  createRoutines: [],
  createTriggers: [],
  keptTriggers: [],
  keptRoutines: [],
}

const triggerKey = (t: Trigger) => `${t.schema ?? ''}.${t.table}.${t.name}`.toLowerCase()
// A name in double quotes is PostgreSQL's as written ("Add" and add are two routines); any other in any case.
const nameKey = (r: Routine) => `${(r.schema ?? '').toLowerCase()}.${quotedRoutineName(r.definition) ?? r.name.toLowerCase()}`
const routineKey = (r: Routine) => `${nameKey(r)}(${(r.arguments ?? '').toLowerCase()})`
const sameName = (a: Routine, b: Routine) => nameKey(a) === nameKey(b)

/**
 * The models' routines each with its argument types, where the dialect
 * tells overloads apart: read from the statement, else (or when the
 * database holds a routine of that name the text does not match) asked of
 * the database, else those of the one routine of that name it holds.
 * Two routines of one name and the same argument types are refused.
 */
async function withArguments(current: readonly Routine[], target: readonly Routine[], normalize: StatementNormalizers): Promise<Routine[]> {
  const { signature } = normalize
  if (signature === undefined) return [...target]
  const known = new Set(current.map(routineKey))
  const keyed: Routine[] = []
  for (const wanted of target) {
    let args = signature.of(wanted)
    const namesakes = current.filter((r) => sameName(r, wanted))
    if (namesakes.length > 0 && (args === undefined || !known.has(routineKey({ ...wanted, arguments: args })))) {
      args = (await signature.ask(wanted)) ?? args
    }
    if (args === undefined && namesakes.length === 1) args = namesakes[0]?.arguments
    const routine = args === undefined ? wanted : { ...wanted, arguments: args }
    if (keyed.some((r) => routineKey(r) === routineKey(routine))) {
      throw new AthanorError('INVALID_MODEL', `${routine.routineKind} "${routine.name}(${args ?? ''})" is declared twice`)
    }
    keyed.push(routine)
  }
  return keyed
}

/**
 * The operations that bring the database's triggers and routines to the
 * models'. A statement that differs as text is compared in the form the
 * database reports (`normalize`). A changed trigger is dropped and created;
 * a changed routine is replaced, unless its name, arguments or return type
 * (what CREATE OR REPLACE cannot change) differ, when it is dropped and
 * created, and so is every trigger that calls it.
 *
 * @example
 * const current = { triggers: [{ name: 't', table: 'x', definition: 'CREATE TRIGGER t …' }], routines: [] }
 * const asWritten: StatementNormalizers = { trigger: async (t) => t.definition, routine: async (r) => r.definition }
 * const { dropTriggers } = await diffStoredCode(current, { triggers: [], routines: [] }, asWritten)
 * dropTriggers // [{ kind: 'drop_trigger', name: 't', table: 'x', existing: { … } }]
 */
export async function diffStoredCode(
  current: StoredCode,
  wanted: StoredCode,
  normalize: StatementNormalizers,
  { firingOrder = false }: { readonly firingOrder?: boolean } = {},
): Promise<StoredCodeChanges> {
  const target: StoredCode = { ...wanted, routines: await withArguments(current.routines, wanted.routines, normalize) }
  const hadRoutines = new Map(current.routines.map((r) => [routineKey(r), r]))
  const dropRoutines: Routine[] = []
  const createRoutines: Array<{ readonly routine: Routine; readonly replacing?: Routine }> = []
  for (const [key, was] of hadRoutines) if (!target.routines.some((r) => routineKey(r) === key)) dropRoutines.push(was)
  for (const wanted of target.routines) {
    const was = hadRoutines.get(routineKey(wanted))
    if (was === undefined) createRoutines.push({ routine: wanted })
    else if (!sameDefinition(was.definition, wanted.definition)) {
      const stored = await normalize.routine(wanted)
      if (stored !== undefined && sameDefinition(was.definition, stored)) continue
      if (stored !== undefined && was.routineKind === wanted.routineKind && sameHead(was.definition, stored)) {
        createRoutines.push({ routine: wanted, replacing: was })
      } else {
        dropRoutines.push(was)
        createRoutines.push({ routine: wanted })
      }
    }
  }
  recreateDependents(dropRoutines, createRoutines, hadRoutines, target.routines)
  const dropped = dropRoutines.map((r) => r.name)
  const hadTriggers = new Map(current.triggers.map((t) => [triggerKey(t), t]))
  const wantTriggers = new Map(target.triggers.map((t) => [triggerKey(t), t]))
  const changed = new Set<string>()
  for (const [key, wanted] of wantTriggers) {
    const was = hadTriggers.get(key)
    if (was !== undefined && !(await sameStored(was.definition, wanted, normalize.trigger))) changed.add(key)
    // A trigger calling a routine that is dropped and created goes with it: PostgreSQL refuses to drop the routine under it.
    else if (was !== undefined && namesMentioned(was.definition, dropped).length > 0) changed.add(key)
  }
  if (firingOrder) keepFiringOrder(current.triggers, wantTriggers, changed)
  const goes = [...hadTriggers].filter(([key]) => !wantTriggers.has(key) || changed.has(key))
  // Dropped last first, so the downgrade makes them again in the order they fired.
  const dropTriggers: Operation[] = (firingOrder ? goes.reverse() : goes).map(([, was]) => dropTriggerOf(was))
  const createTriggers: Operation[] = [...wantTriggers]
    .filter(([key]) => !hadTriggers.has(key) || changed.has(key))
    .map(([, trigger]) => ({ kind: 'create_trigger', trigger }))

  return {
    dropTriggers,
    dropRoutines: creationOrder(dropRoutines, current.routines)
      .reverse()
      .map((r) => dropRoutineOf(r)),
    createRoutines: creationOrder(
      createRoutines.map((c) => c.routine),
      target.routines,
    ).map((routine): Operation => {
      const replacing = createRoutines.find((c) => c.routine === routine)?.replacing
      return replacing === undefined ? { kind: 'create_routine', routine } : { kind: 'replace_routine', routine, existing: replacing }
    }),
    createTriggers,
    keptTriggers: [...hadTriggers].filter(([key]) => wantTriggers.has(key) && !changed.has(key)).map(([, was]) => was),
    keptRoutines: target.routines.flatMap((wanted) => {
      const was = hadRoutines.get(routineKey(wanted))
      const changing = was === undefined || dropRoutines.includes(was) || createRoutines.some((c) => c.routine === wanted)
      return changing ? [] : [{ was, wanted }]
    }),
  }
}

/**
 * Where a table's triggers fire in the order they were made, one made again
 * would fire last: the triggers made after it on its table are made again
 * too, after it, as they were.
 */
function keepFiringOrder(had: readonly Trigger[], wanted: ReadonlyMap<string, Trigger>, changed: Set<string>): void {
  const moved = new Set<string>()
  for (const trigger of had) {
    const key = triggerKey(trigger)
    const table = `${trigger.schema ?? ''}.${trigger.table}`.toLowerCase()
    if (changed.has(key)) moved.add(table)
    else if (moved.has(table) && wanted.has(key)) changed.add(key)
  }
}

/**
 * A routine kept as it is that PostgreSQL records as depending on a routine
 * dropped (and created again, its head changed) is dropped before it and
 * created after it, as PostgreSQL refuses to drop a function under it: an
 * aggregate over its support function, and a function or procedure whose
 * SQL-standard body (`RETURN …`, `BEGIN ATOMIC … END`, parsed when made)
 * calls it; then, in turn, those over them. By name, so an overload of the same name counts too.
 */
function recreateDependents(
  dropRoutines: Routine[],
  createRoutines: Array<{ readonly routine: Routine; readonly replacing?: Routine }>,
  had: ReadonlyMap<string, Routine>,
  wanted: readonly Routine[],
): void {
  for (let grew = true; grew; ) {
    grew = false
    const dropped = dropRoutines.map((r) => r.name)
    for (const routine of wanted) {
      const was = had.get(routineKey(routine))
      if (was === undefined || dropRoutines.includes(was) || !parsedWhenMade(was)) continue
      if (namesMentioned(was.definition, dropped).filter((n) => n.toLowerCase() !== was.name.toLowerCase()).length === 0) continue
      dropRoutines.push(was)
      const replacing = createRoutines.findIndex((c) => c.routine === routine)
      if (replacing >= 0) createRoutines.splice(replacing, 1)
      createRoutines.push({ routine })
      grew = true
    }
  }
}

// A body in quotes (AS $$ … $$, AS '…') is not parsed when the routine is made, so PostgreSQL records no dependency.
const QUOTED_BODY = /\bAS\s+(?:\$[A-Za-z_0-9]*\$|')/i

/**
 * Whether PostgreSQL parses the routine as it makes it, whatever
 * `check_function_bodies` says, and records what it calls and reads: an
 * aggregate, and a SQL-standard body (`RETURN …`, `BEGIN ATOMIC … END`).
 *
 * @example
 * const atomic = 'CREATE FUNCTION n() RETURNS bigint BEGIN ATOMIC SELECT count(*) FROM t; END'
 * parsedWhenMade({ name: 'n', routineKind: 'function', definition: atomic }) // true
 * const quoted = 'CREATE FUNCTION n() RETURNS bigint LANGUAGE sql AS $$ SELECT 1 $$'
 * parsedWhenMade({ name: 'n', routineKind: 'function', definition: quoted }) // false
 */
export function parsedWhenMade(routine: Routine): boolean {
  return (
    routine.routineKind === 'aggregate' ||
    (!QUOTED_BODY.test(routine.definition) && /\b(?:RETURN|BEGIN\s+ATOMIC)\b/i.test(routine.definition))
  )
}

async function sameStored<T extends { readonly definition: string }>(
  stored: string,
  wanted: T,
  normalize: (object: T) => Promise<string | undefined>,
): Promise<boolean> {
  if (sameDefinition(stored, wanted.definition)) return true
  const normal = await normalize(wanted)
  return normal !== undefined && sameDefinition(stored, normal)
}

const CHARACTERISTIC =
  'LANGUAGE|AS|IMMUTABLE|STABLE|VOLATILE|STRICT|CALLED|SECURITY|PARALLEL|COST|ROWS|SET|WINDOW|LEAKPROOF|SUPPORT|TRANSFORM|' +
  'DETERMINISTIC|NOT|NO|READS|MODIFIES|CONTAINS|COMMENT|RETURN|BEGIN'
const RETURNS = new RegExp(`^\\s*RETURNS\\s+[\\s\\S]*?(?=\\s+(?:${CHARACTERISTIC})\\b|\\n|$)`, 'i')

/**
 * A routine's name, arguments and return type: what identifies it, and what CREATE OR REPLACE cannot change
 * (an aggregate's return type is its final function's, else its state type's).
 */
function headOf(definition: string): string {
  if (/^\s*CREATE\s+(?:OR\s+REPLACE\s+)?AGGREGATE\b/i.test(definition)) {
    const resultOptions = definition.match(/^\s*(?:STYPE|FINALFUNC)\s*=.*$/gim) ?? []
    return [headOf(definition.replace(/^\s*CREATE\s+(?:OR\s+REPLACE\s+)?AGGREGATE\b/i, 'CREATE FUNCTION')), ...resultOptions].join('\n')
  }
  const open = definition.indexOf('(')
  if (open < 0) return definition
  let depth = 0
  let close = open
  for (; close < definition.length; close++) {
    if (definition[close] === '(') depth++
    else if (definition[close] === ')' && --depth === 0) break
  }
  return definition.slice(0, close + 1) + (RETURNS.exec(definition.slice(close + 1))?.[0] ?? '')
}

function sameHead(a: string, b: string): boolean {
  return sameDefinition(headOf(a), headOf(b))
}

/** Routines ordered so each comes after the routines among `all` its statement names (a SQL function's body is checked when made). */
function creationOrder(routines: readonly Routine[], all: readonly Routine[]): Routine[] {
  const names = all.map((r) => r.name)
  const pending = [...routines]
  const ordered: Routine[] = []
  while (pending.length > 0) {
    const waiting = new Set(pending.map((r) => r.name.toLowerCase()))
    const calls = (r: Routine) => namesMentioned(r.definition, names).filter((n) => n.toLowerCase() !== r.name.toLowerCase())
    const index = pending.findIndex((r) => !calls(r).some((n) => waiting.has(n.toLowerCase())))
    ordered.push(...pending.splice(Math.max(index, 0), 1))
  }
  return ordered
}
