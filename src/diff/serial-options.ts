import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { Operation } from '../ops/operation.js'
import type { Sequence, SequenceChanges } from '../schema/pg-objects.js'
import {
  type FullSequenceValues,
  fullSequenceValues,
  RESTATED_ON_TURN,
  SEQUENCE_VALUE_KEYS,
  serialSequenceType,
  turnsDirection,
} from '../schema/sequence-defaults.js'
import type { Column, Table } from '../schema/types.js'

/** The options of a SERIAL column's sequence, every one of them written out (see fullSequenceValues). */
function fullOptions(column: Column): FullSequenceValues | undefined {
  if (column.autoincrement !== true || column.numbering?.kind !== 'serial') return undefined
  const { kind: _kind, sequence: _sequence, ...given } = column.numbering
  return fullSequenceValues(given, serialSequenceType(column))
}

/**
 * `ALTER SEQUENCE` for each SERIAL column whose sequence's options differ
 * from the models' (PostgreSQL): an option back at its default is `null`
 * (NO MINVALUE, …), and the start is only what RESTART goes back to, so the
 * values the column already drew are never handed out again; only a
 * sequence turning to count the other way restarts, as it must. The sequence
 * is the one the column draws from; a different name in the models is a
 * note of its own (see serialSequenceNotes).
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * const id = (cache: number) =>
 *   ({ name: 'id', type: { kind: 'integer' }, autoincrement: true, numbering: { kind: 'serial', sequence: 't_id_seq', cache } }) as const
 * const [was, wanted] = [{ name: 't', columns: [id(1)] }, { name: 't', columns: [id(20)] }]
 * serialSequenceChanges(was, wanted, new Map(), diffHooksFor('postgresql'))
 * // [{ kind: 'alter_sequence', name: 't_id_seq', changes: { cache: 20 }, existing: { name: 't_id_seq', increment: 1, start: 1, … } }]
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
    const turns = turnsDirection(from.increment, to.increment)
    for (const key of SEQUENCE_VALUE_KEYS) {
      if (String(from[key]) !== String(to[key]) || (turns && RESTATED_ON_TURN.has(key))) changes[key] = to[key] ?? null
    }
    if (Object.keys(changes).length === 0) continue
    if (turns) changes['restart'] = true
    const { minValue, maxValue, ...rest } = from
    const existing: Sequence = {
      name: column.numbering.sequence,
      ...rest,
      ...(minValue === null ? {} : { minValue }),
      ...(maxValue === null ? {} : { maxValue }),
    }
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
