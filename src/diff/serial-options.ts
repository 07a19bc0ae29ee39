import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { Operation } from '../ops/operation.js'
import type { Sequence, SequenceChanges } from '../schema/pg-objects.js'
import { sequenceDefaults, serialSequenceType, withoutSequenceDefaults } from '../schema/sequence-defaults.js'
import type { Column, SequenceValues, Table } from '../schema/types.js'

const OPTIONS = ['increment', 'minValue', 'maxValue', 'start', 'cache', 'cycle'] as const

/**
 * The options of a SERIAL column's sequence, every one of them written out:
 * what `ALTER SEQUENCE` needs to put one back exactly (a start back at the
 * default is `START WITH 1`, which PostgreSQL's NO-forms cannot say).
 */
function fullOptions(column: Column): SequenceValues | undefined {
  if (column.autoincrement !== true || column.numbering?.kind !== 'serial') return undefined
  const { kind: _kind, sequence: _sequence, ...given } = column.numbering
  const type = serialSequenceType(column)
  const options = withoutSequenceDefaults(given, type)
  const increment = options.increment ?? 1
  const defaults = sequenceDefaults(type, increment)
  const start = options.start ?? (increment > 0 ? (options.minValue ?? Number(defaults.minValue)) : (options.maxValue ?? -1))
  return { ...options, increment, start, cache: options.cache ?? 1, cycle: options.cycle === true }
}

/**
 * `ALTER SEQUENCE` for each SERIAL column whose sequence's options differ
 * from the models' (PostgreSQL): an option back at its default is `null`
 * (NO MINVALUE, …), and the start is only what RESTART goes back to, so the
 * values the column already drew are never handed out again. The sequence
 * is the one the column draws from; a different name in the models is a
 * note of its own (see serialSequenceNotes).
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * const id = (options: object) =>
 *   ({ name: 'id', type: { kind: 'integer' }, autoincrement: true, numbering: { kind: 'serial', sequence: 't_id_seq', ...options } }) as const
 * serialSequenceChanges({ name: 't', columns: [id({})] }, { name: 't', columns: [id({ cache: 20 })] }, new Map(), diffHooksFor('postgresql'))
 * // [{ kind: 'alter_sequence', name: 't_id_seq', changes: { cache: 20 }, existing: { name: 't_id_seq', increment: 1, start: 1, cache: 1, cycle: false } }]
 */
export function serialSequenceChanges(was: Table, wanted: Table, renamed: ReadonlyMap<string, string>, hooks: DiffHooks): Operation[] {
  const wantedColumns = new Map(wanted.columns.map((c) => [hooks.nameKey(c.name), c]))
  const ops: Operation[] = []
  for (const column of was.columns) {
    const target = wantedColumns.get(hooks.nameKey(renamed.get(column.name) ?? column.name))
    const from = fullOptions(column)
    const to = target === undefined ? undefined : fullOptions(target)
    if (from === undefined || to === undefined || column.numbering?.kind !== 'serial') continue
    const changes: Record<string, unknown> = {}
    for (const key of OPTIONS) if (from[key] !== to[key]) changes[key] = to[key] ?? null
    if (Object.keys(changes).length === 0) continue
    const existing: Sequence = { name: column.numbering.sequence, ...from }
    ops.push({
      kind: 'alter_sequence',
      name: column.numbering.sequence,
      ...(was.schema === undefined ? {} : { schema: was.schema }),
      changes: changes as SequenceChanges,
      existing,
    })
  }
  return ops
}
