import type { Operation } from '../ops/operation.js'
import type { Index } from '../schema/types.js'
import { viewBehaviour, type View } from '../schema/view.js'
import { sameDefinition } from '../dialect/view-support.js'

/**
 * Asks the database how it would store each model view's definition, in
 * the order given (`undefined` for one it refuses as it stands). All at
 * once: a server that must create each view to see its stored form can
 * take them in one round trip.
 */
export type NormalizeViews = (views: readonly View[]) => Promise<readonly (string | undefined)[]>

/** View operations to run before the table changes (drops) and after them (creates). */
export interface ViewChanges {
  readonly before: readonly Operation[]
  readonly after: readonly Operation[]
}

const keyOf = (view: { readonly name: string; readonly schema?: string | undefined }) => `${view.schema ?? ''}.${view.name}`.toLowerCase()

/**
 * The operations that bring the database's views to the models' around
 * `tableOps`, the table changes of the same migration. A view dropped or
 * changed is dropped before the tables change and created after them
 * (PostgreSQL refuses to drop or retype a column a view reads, and a
 * SQLite table rebuild breaks the views over the table), and so is one
 * whose check option or security changes, and a view
 * the models keep unchanged when a table (or view) it reads is dropped,
 * renamed, rebuilt or has a column dropped, renamed or retyped, or a
 * routine it calls is dropped (and created again). A
 * changed view is dropped and created rather than replaced, so the drop's
 * `existing` is what the downgrade restores. A
 * definition that differs as text is compared in the form the database
 * stores (`normalize`), so a clean upgrade never leaves a difference. A
 * materialized view kept as it stands keeps its indexes: one that differs
 * (by `indexKeyOf`, names aside) is dropped first and made again last; one
 * made again comes back with its indexes. A view kept as it stands whose
 * comment differs has it set, last.
 *
 * @example
 * const current = [{ name: 'active', definition: 'SELECT id FROM users', dependsOn: ['users'] }]
 * const { before, after } = await diffViews(current, [], [], async (views) => views.map((v) => v.definition))
 * before // [{ kind: 'drop_view', name: 'active', existing: { … } }]
 */
export async function diffViews(
  current: readonly View[],
  target: readonly View[],
  tableOps: readonly Operation[],
  normalize: NormalizeViews,
  indexKeyOf: (index: Index) => string = (index) => JSON.stringify(index),
): Promise<ViewChanges> {
  const had = new Map(current.map((v) => [keyOf(v), v]))
  const want = new Map(target.map((v) => [keyOf(v), v]))
  const recreate = new Set<string>()
  const replace = new Set<string>()
  // Those whose text differs are compared in the database's form, all normalised at once.
  const differing: [key: string, was: View, wanted: View][] = []
  for (const [key, wanted] of want) {
    const was = had.get(key)
    if (was === undefined) continue
    const behaviour = (view: View) => JSON.stringify([viewBehaviour(view), view.columnNames ?? null])
    if ((was.materialized === true) !== (wanted.materialized === true) || behaviour(was) !== behaviour(wanted)) recreate.add(key)
    else if (!sameDefinition(was.definition, wanted.definition)) differing.push([key, was, wanted])
  }
  const stored = differing.length === 0 ? [] : await normalize(differing.map(([, , wanted]) => wanted))
  differing.forEach(([key, was], index) => {
    const normal = stored[index]
    if (normal === undefined || !sameDefinition(was.definition, normal)) replace.add(key)
  })
  for (const key of dependentsOf(current, touchedTables(tableOps), [...recreate, ...replace])) {
    if (want.has(key) && !replace.has(key)) recreate.add(key)
  }
  const indexes = { drop: [] as Operation[], create: [] as Operation[] }
  const comments: Operation[] = []
  for (const [key, wanted] of want) {
    const was = had.get(key)
    if (was === undefined || recreate.has(key) || replace.has(key)) continue
    const changes = indexChanges(was, wanted, indexKeyOf)
    indexes.drop.push(...changes.drop)
    indexes.create.push(...changes.create)
    // PostgreSQL keeps an empty comment as none.
    if ((was.comment || null) !== (wanted.comment || null)) comments.push(commentChange(was, wanted))
  }
  const dropped = [...had.keys()].filter((key) => !want.has(key) || recreate.has(key) || replace.has(key))
  const created = [...want.keys()].filter((key) => !had.has(key) || recreate.has(key) || replace.has(key))
  const before: Operation[] = creationOrder(
    dropped.map((k) => had.get(k)!),
    current,
  )
    .reverse()
    .map((view) => dropOf(view))
  const after: Operation[] = creationOrder(
    created.map((k) => want.get(k)!),
    target,
  ).map((view) => ({ kind: 'create_view', view: withAlgorithmOf(had.get(keyOf(view)), view) }))
  return { before: [...indexes.drop, ...before], after: [...after, ...indexes.create, ...comments] }
}

/**
 * A view made again (or changed) with the algorithm it had: the models do not
 * represent MySQL's ALGORITHM, so a migration keeps it rather than drops it.
 */
function withAlgorithmOf(was: View | undefined, view: View): View {
  return was?.algorithm === undefined || view.algorithm !== undefined ? view : { ...view, algorithm: was.algorithm }
}

/** The comment of a view kept as it stands, set to the models' (removed where they give none). */
function commentChange(was: View, wanted: View): Operation {
  return {
    kind: 'set_view_comment',
    name: wanted.name,
    ...(wanted.schema === undefined ? {} : { schema: wanted.schema }),
    ...(wanted.materialized === true ? { materialized: true } : {}),
    comment: wanted.comment || null,
    existing: was.comment || null,
  }
}

/** The indexes of a materialized view kept as it stands that differ, by name then by `indexKeyOf`. */
function indexChanges(was: View, wanted: View, indexKeyOf: (index: Index) => string): { drop: Operation[]; create: Operation[] } {
  const ref = wanted.schema === undefined ? { table: wanted.name } : { table: wanted.name, schema: wanted.schema }
  const had = new Map((was.indexes ?? []).map((index) => [index.name, index]))
  const want = new Map((wanted.indexes ?? []).map((index) => [index.name, index]))
  const differs = (index: Index, other: Index | undefined) => other === undefined || indexKeyOf(other) !== indexKeyOf(index)
  return {
    drop: [...had.values()]
      .filter((index) => differs(index, want.get(index.name)))
      .map((index): Operation => ({ kind: 'drop_index', ...ref, name: index.name, existing: index })),
    create: [...want.values()]
      .filter((index) => differs(index, had.get(index.name)))
      .map((index): Operation => ({ kind: 'create_index', ...ref, index })),
  }
}

function dropOf(view: View): Operation {
  const { dependsOn: _dependsOn, ...existing } = view
  return {
    kind: 'drop_view',
    name: view.name,
    ...(view.schema === undefined ? {} : { schema: view.schema }),
    ...(view.materialized === true ? { materialized: true } : {}),
    existing,
  }
}

/** Tables (and routines) whose change breaks the views that read (call) them. */
function touchedTables(ops: readonly Operation[]): Set<string> {
  const touched = new Set<string>()
  for (const op of ops) {
    switch (op.kind) {
      case 'drop_table':
      case 'rename_table':
      case 'drop_column':
      case 'batch_alter_table':
        touched.add(op.table.toLowerCase())
        break
      case 'alter_column':
        if (op.changes.type !== undefined || op.changes.newName !== undefined) touched.add(op.table.toLowerCase())
        break
      // PostgreSQL refuses to drop a function a view calls (the view's dependsOn names it).
      case 'drop_routine':
        touched.add(op.name.toLowerCase())
        break
      default:
        break
    }
  }
  return touched
}

/** The keys of the current views that read a touched table, or (transitively) a view being recreated. */
function dependentsOf(current: readonly View[], tables: ReadonlySet<string>, changing: readonly string[]): Set<string> {
  const found = new Set<string>(changing)
  const names = new Set([...tables])
  for (const key of changing) names.add(key.slice(key.indexOf('.') + 1))
  let grew = true
  while (grew) {
    grew = false
    for (const view of current) {
      const key = keyOf(view)
      if (found.has(key)) continue
      if ((view.dependsOn ?? []).some((name) => names.has(name.toLowerCase()))) {
        found.add(key)
        names.add(view.name.toLowerCase())
        grew = true
      }
    }
  }
  for (const key of changing) found.delete(key)
  return found
}

/** Views ordered so each comes after the views among `all` it reads (by catalog record or by name in its text). */
function creationOrder(views: readonly View[], all: readonly View[]): View[] {
  const names = new Set(all.map((v) => v.name.toLowerCase()))
  const reads = (view: View) =>
    new Set((view.dependsOn ?? mentioned(view.definition, names)).map((n) => n.toLowerCase()).filter((n) => n !== view.name.toLowerCase()))
  const pending = [...views]
  const ordered: View[] = []
  while (pending.length > 0) {
    const waiting = new Set(pending.map((v) => v.name.toLowerCase()))
    const index = pending.findIndex((v) => ![...reads(v)].some((n) => waiting.has(n)))
    ordered.push(...pending.splice(Math.max(index, 0), 1))
  }
  return ordered
}

function mentioned(definition: string, names: ReadonlySet<string>): string[] {
  return (definition.toLowerCase().match(/[a-z_][a-z0-9_$]*/g) ?? []).filter((word) => names.has(word))
}
