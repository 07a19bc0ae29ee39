import type { Operation } from '../ops/operation.js'
import { extensionDestination } from './moved-extension-types.js'
import { diffDomains } from './pg-domains.js'
import { diffComposites, elementTypeKey, typeKeysOf } from './pg-composites.js'
import { diffRanges } from './pg-ranges.js'
import type { Table } from '../schema/types.js'
import type { EnumType, Extension, Sequence, SequenceChanges, SchemaObjects } from '../schema/pg-objects.js'
import { commentOperation } from '../ops/comment-op.js'
import { fullSequenceValues, RESTATED_ON_TURN, SEQUENCE_VALUE_KEYS, turnsDirection } from '../schema/sequence-defaults.js'

const keyOf = (o: { readonly name: string; readonly schema?: string }) => `${o.schema ?? ''}.${o.name}`
const schemaOf = (schema: string | undefined) => (schema === undefined ? {} : { schema })

/**
 * The operations on PostgreSQL's enum types, extensions and sequences that
 * turn `current` into `target`: `before` runs ahead of the table changes
 * (extensions first, then types and sequences the tables may use), `after`
 * drops what the tables no longer use, once they are gone.
 *
 * A label appended to an enum, at the end or between two kept labels, is an
 * `ALTER TYPE … ADD VALUE`. A removed or reordered label needs a new type
 * swapped in under every column, which rewrites their tables: that is never
 * generated silently, only as a comment the author must act on.
 *
 * @example
 * import { noSchemaObjects } from '../schema/pg-objects.js'
 * const { before } = diffSchemaObjects(noSchemaObjects, { enums: [{ name: 'mood', values: ['sad'] }], extensions: [], sequences: [] })
 * // before: [create_enum mood]
 */
export function diffSchemaObjects(
  current: SchemaObjects,
  target: SchemaObjects,
  checkKey: (expression: string) => string = (e) => e,
  home?: string,
  tables: readonly Table[] = [],
): { before: Operation[]; after: Operation[] } {
  const before: Operation[] = []
  const after: Operation[] = []
  const had = new Map(current.extensions.map((e) => [e.name, e]))
  const wants = new Set(target.extensions.map((e) => e.name))
  for (const extension of target.extensions) {
    const was = had.get(extension.name)
    if (was === undefined) before.push({ kind: 'create_extension', extension })
    else before.push(...extensionMove(was, extension, home))
  }
  for (const extension of current.extensions) {
    if (!wants.has(extension.name)) after.push({ kind: 'drop_extension', name: extension.name, existing: extension })
  }

  const enums = new Map(current.enums.map((e) => [keyOf(e), e]))
  const wantedEnums = new Set(target.enums.map(keyOf))
  for (const type of target.enums) {
    const was = enums.get(keyOf(type))
    if (was === undefined) before.push({ kind: 'create_enum', type })
    else before.push(...enumChanges(was, type))
  }
  const drops: Operation[] = []
  for (const type of current.enums) {
    if (!wantedEnums.has(keyOf(type))) drops.push({ kind: 'drop_enum', name: type.name, ...schemaOf(type.schema), existing: type })
  }

  const sequences = new Map(current.sequences.map((s) => [keyOf(s), s]))
  const wantedSequences = new Set(target.sequences.map(keyOf))
  for (const sequence of target.sequences) {
    const was = sequences.get(keyOf(sequence))
    if (was === undefined) before.push({ kind: 'create_sequence', sequence })
    else {
      const changes = sequenceChanges(was, sequence)
      if (Object.keys(changes).length > 0) {
        before.push({ kind: 'alter_sequence', name: sequence.name, ...schemaOf(sequence.schema), changes, existing: was })
      }
    }
  }
  for (const sequence of current.sequences) {
    if (!wantedSequences.has(keyOf(sequence))) {
      drops.push({ kind: 'drop_sequence', name: sequence.name, ...schemaOf(sequence.schema), existing: sequence })
    }
  }
  // Domains come after the types they may be over, and go before them.
  const domains = diffDomains(current.domains ?? [], target.domains ?? [], checkKey)
  // Composite types after the enum types and domains their attributes may be of, and go before them; a domain over
  // a composite type comes after it, and goes before it.
  // Range types after the enum types and domains their subtype may be, before the composite types an attribute of
  // which may be a range; a domain over a range comes after it too. Dropped after the composite types.
  const composites = diffComposites(current.composites ?? [], target.composites ?? [], home)
  const ranges = diffRanges(current.ranges ?? [], target.ranges ?? [], tables, home)
  const overComposite = domainsOverTypes(
    [...(current.composites ?? []), ...(target.composites ?? []), ...(current.ranges ?? []), ...(target.ranges ?? [])],
    home,
  )
  const [later, first] = partition(domains.before, overComposite)
  const [dropFirst, dropLater] = partition(domains.after, overComposite)
  // Types and sequences go after the tables that used them, and before the extensions their tables may have needed.
  return {
    before: [...before, ...first, ...ranges.before, ...composites.before, ...later],
    after: [...dropFirst, ...composites.after, ...ranges.after, ...dropLater, ...drops, ...after],
  }
}

/** Whether an operation creates or drops a domain whose base type is one of `types` (composite and range types). */
function domainsOverTypes(
  types: readonly { readonly name: string; readonly schema?: string }[],
  home: string | undefined,
): (op: Operation) => boolean {
  const names = new Set(types.flatMap((c) => typeKeysOf(c, home)))
  return (op) => {
    const type = op.kind === 'create_domain' ? op.domain.type : op.kind === 'drop_domain' ? op.existing?.type : undefined
    return type !== undefined && names.has(elementTypeKey(type))
  }
}

/** `items` split by `test`: those it holds for, then the rest, each in order. */
function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))]
}

/**
 * The move of an extension to the schema the models name. An extension
 * declared without a schema stays wherever it is: one database holds it
 * once, for every tenant's schema and for the app's `search_path`. One
 * PostgreSQL cannot move becomes a comment the author must act on.
 */
function extensionMove(was: Extension, wanted: Extension, home: string | undefined): Operation[] {
  const where = extensionDestination(was, wanted, home)
  if (where === undefined) return []
  const { from, to } = where
  if (was.relocatable === false) {
    return [
      commentOperation(
        `extension ${wanted.name}: in schema ${from}, the models want it in ${to}, and PostgreSQL cannot move it ` +
          '(ALTER EXTENSION … SET SCHEMA refuses it). Drop and create it there by hand, with whatever uses it, ' +
          'or name its schema in the models.',
      ),
    ]
  }
  return [{ kind: 'alter_extension', name: wanted.name, schema: to, existingSchema: from }]
}

/** Labels appended in place, or, when the old labels are not kept in order, the comment that says what to do. */
function enumChanges(was: EnumType, wanted: EnumType): Operation[] {
  const kept = wanted.values.filter((v) => was.values.includes(v))
  const inOrder = kept.length === was.values.length && kept.every((v, i) => v === was.values[i])
  if (!inOrder) {
    const name = wanted.schema === undefined ? wanted.name : `${wanted.schema}.${wanted.name}`
    return [
      commentOperation(
        `enum ${name}: labels removed or reordered (${was.values.join(', ')} -> ${wanted.values.join(', ')}). ` +
          'PostgreSQL cannot drop a label: create a new type, ALTER every column to it USING col::text::new_type ' +
          '(rewriting those tables), drop the old type and rename the new one. Write that here by hand.',
      ),
    ]
  }
  const ops: Operation[] = []
  wanted.values.forEach((value, index) => {
    if (was.values.includes(value)) return
    const next = wanted.values.slice(index + 1).find((v) => was.values.includes(v))
    ops.push({
      kind: 'add_enum_value',
      name: wanted.name,
      ...schemaOf(wanted.schema),
      value,
      ...(next === undefined ? {} : { before: next }),
    })
  })
  return ops
}

/**
 * The ALTER SEQUENCE that turns `was` into `wanted`. The options compare
 * with PostgreSQL's defaults filled in for each one's type and direction
 * (see fullSequenceValues), as a SERIAL's do: the catalog cannot tell
 * `cache: 1` or a bound at the type's limit from an absent option. One that
 * turns to count the other way names its bounds and start (ALTER keeps the
 * old ones, which the new direction's defaults would not fit) and restarts:
 * its current value lies outside the bounds it counts in now.
 */
function sequenceChanges(was: Sequence, wanted: Sequence): SequenceChanges {
  const changes: Record<string, unknown> = {}
  const from = fullSequenceValues(was, was.type ?? 'bigint')
  const to = fullSequenceValues(wanted, wanted.type ?? 'bigint')
  const turns = turnsDirection(from.increment, to.increment)
  for (const key of SEQUENCE_VALUE_KEYS) {
    const restated = turns && RESTATED_ON_TURN.has(key)
    // A start back at the default is written out: ALTER SEQUENCE has no NO START, and `null` would leave it as it was.
    if (String(from[key]) !== String(to[key]) || restated) changes[key] = wanted[key] ?? (key === 'start' ? to.start : null)
  }
  if (turns) changes['restart'] = true
  // First among the changes, as ALTER SEQUENCE writes it.
  if ((was.type ?? 'bigint') !== (wanted.type ?? 'bigint')) return { type: wanted.type ?? null, ...changes } as SequenceChanges
  return changes as SequenceChanges
}
