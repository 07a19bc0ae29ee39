import type { Operation } from '../ops/operation.js'
import { commentOperation } from '../ops/comment-op.js'
import { quote, renderData } from '../ops/render-value.js'
import { compositeAfter, type CompositeAttribute, type CompositeType } from '../schema/pg-composite.js'
import { pgTypeKey } from './pg-type-key.js'
import { pgTypeName } from '../schema/pg-objects.js'

const keyOf = (o: { readonly name: string; readonly schema?: string }) => `${o.schema ?? ''}.${o.name}`
const schemaOf = (schema: string | undefined) => (schema === undefined ? {} : { schema })
const named = (type: CompositeType) => (type.schema === undefined ? type.name : `${type.schema}.${type.name}`)
const sameShape = (a: CompositeAttribute, b: CompositeAttribute) =>
  pgTypeKey(a.type) === pgTypeKey(b.type) && (a.collation ?? '') === (b.collation ?? '')

/**
 * The operations that bring the database's composite types to the models':
 * new ones created before the tables (`before`), removed ones dropped after
 * them (`after`), and attributes dropped and added in place (one `ALTER
 * TYPE`), as dropping the type would drop its columns. What ALTER TYPE
 * cannot do while columns use the type is only a comment saying what to
 * write: an attribute's new type, and an order it cannot reach (it adds
 * at the end). An attribute dropped beside one added is flagged as a
 * possible rename, which would keep its values.
 *
 * @example
 * const { before } = diffComposites([], [{ name: 'address', attributes: [{ name: 'city', type: 'text' }] }])
 * // before: [create_composite_type address]
 */
export function diffComposites(
  current: readonly CompositeType[],
  target: readonly CompositeType[],
  home?: string,
): { before: Operation[]; after: Operation[] } {
  const before: Operation[] = []
  const had = new Map(current.map((t) => [keyOf(t), t]))
  const wanted = new Set(target.map(keyOf))
  for (const type of usedFirst(target, home)) {
    const was = had.get(keyOf(type))
    before.push(...(was === undefined ? [{ kind: 'create_composite_type' as const, type }] : compositeChanges(was, type)))
  }
  const after: Operation[] = usedFirst(current, home)
    .reverse()
    .filter((t) => !wanted.has(keyOf(t)))
    .map((t) => ({ kind: 'drop_composite_type', name: t.name, ...schemaOf(t.schema), existing: t }))
  return { before, after }
}

function compositeChanges(was: CompositeType, wanted: CompositeType): Operation[] {
  const had = new Map(was.attributes.map((a) => [a.name, a]))
  const kept = new Set(wanted.attributes.map((a) => a.name))
  const dropped = was.attributes.filter((a) => !kept.has(a.name))
  const added = wanted.attributes.filter((a) => !had.has(a.name))
  const ops: Operation[] = []
  const retyped = wanted.attributes.filter((a) => had.has(a.name) && !sameShape(had.get(a.name)!, a))
  if (retyped.length > 0) {
    const list = retyped.map((a) => `${a.name} ${describe(had.get(a.name)!)} -> ${describe(a)}`).join(', ')
    ops.push(
      commentOperation(
        `composite type ${named(wanted)}: attribute type changed (${list}). PostgreSQL refuses ALTER TYPE … ALTER ATTRIBUTE … TYPE ` +
          'while a column uses the type: change those columns to another type first, or create a new type and move them to it. ' +
          'Write that here by hand.',
      ),
    )
  }
  const changes = changesOf(dropped, added)
  const order = (type: CompositeType) => type.attributes.map((a) => a.name).join(', ')
  // A dropped attribute and an added one of its type, in turn: a rename the models cannot tell from a drop and an add.
  const pairs = dropped.flatMap((d, i) => (added[i] !== undefined && sameShape(d, added[i]) ? [{ from: d.name, to: added[i].name }] : []))
  const renamed = pairs.map((p) => p.from)
  const renaming = {
    renameAttributes: pairs,
    ...changesOf(
      dropped.filter((a) => !renamed.includes(a.name)),
      added.filter((a) => !pairs.some((p) => p.to === a.name)),
    ),
  }
  const renameCall = `await op.alterCompositeType(${quote(wanted.name)}, ${renderData(renaming, { names: new Set() })})`
  if (order(compositeAfter(was, changes)) !== order(wanted)) {
    const reachedByRenames = pairs.length > 0 && order(compositeAfter(was, renaming)) === order(wanted)
    return [
      ...ops,
      commentOperation(
        `composite type ${named(wanted)}: attributes (${order(was)}) -> (${order(wanted)}). ` +
          (reachedByRenames ? `If that renames ${pairs.map((p) => `${p.from} to ${p.to}`).join(', ')}, write ${renameCall} here. ` : '') +
          'ALTER TYPE adds an attribute only at the end and cannot reorder them: put new attributes last in the models, ' +
          'or create a new type with this order, move every column to it and drop the old one. Write that here by hand.',
      ),
    ]
  }
  if (dropped.length === 0 && added.length === 0) return ops
  if (pairs.length > 0) {
    ops.push(
      commentOperation(
        `composite type ${named(wanted)}: dropping ${dropped.map((a) => a.name).join(', ')} loses its values in every column ` +
          `of the type. If that renames ${pairs.map((p) => `${p.from} to ${p.to}`).join(', ')}, write ${renameCall} ` +
          'instead of the change below, which keeps them.',
      ),
    )
  }
  ops.push({ kind: 'alter_composite_type', name: wanted.name, ...schemaOf(wanted.schema), changes, existing: was })
  return ops
}

function changesOf(dropped: readonly CompositeAttribute[], added: readonly CompositeAttribute[]) {
  return {
    ...(dropped.length === 0 ? {} : { dropAttributes: dropped.map((a) => a.name) }),
    ...(added.length === 0 ? {} : { addAttributes: added }),
  }
}

/**
 * The keys a column or attribute of `type` may be written by: its name as format_type writes it, and, in the home
 * schema, qualified with it too (`public.address`).
 */
export function typeKeysOf(type: { readonly name: string; readonly schema?: string }, home: string | undefined): string[] {
  const named = pgTypeKey(pgTypeName(type.name, type.schema))
  return type.schema === undefined && home !== undefined ? [named, pgTypeKey(pgTypeName(type.name, home))] : [named]
}

/** The key of the type a column or attribute of `type` holds, an array of it or not. */
export const elementTypeKey = (type: string) => pgTypeKey(type).replace(/\[\]$/, '')

/** The types in an order where each comes after the types its attributes are of (a composite of composites). */
function usedFirst(types: readonly CompositeType[], home: string | undefined): CompositeType[] {
  const byType = new Map(types.flatMap((t) => typeKeysOf(t, home).map((key) => [key, t] as const)))
  const uses = (t: CompositeType) =>
    t.attributes.flatMap((a) => {
      const used = byType.get(elementTypeKey(a.type))
      return used === undefined || used === t ? [] : [used]
    })
  const ordered: CompositeType[] = []
  const placing = new Set<CompositeType>()
  const place = (t: CompositeType) => {
    if (ordered.includes(t) || placing.has(t)) return
    placing.add(t)
    for (const used of uses(t)) place(used)
    ordered.push(t)
  }
  for (const t of types) place(t)
  return ordered
}

function describe(attribute: CompositeAttribute): string {
  return attribute.collation === undefined ? attribute.type : `${attribute.type} COLLATE ${attribute.collation}`
}
