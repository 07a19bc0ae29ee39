import type { Operation } from '../ops/operation.js'
import type { Sequence } from '../schema/pg-objects.js'
import type { Table } from '../schema/types.js'
import type { SequenceColumn } from '../ops/pg-object-ops.js'

const NEXTVAL = /nextval\(\s*'((?:[^']|'')*)'/gi
const INTEGERS = new Set(['smallint', 'integer', 'bigint'])

/**
 * For each sequence the migration drops that integer columns' defaults
 * draw from, an `advance_sequence` past those columns, to run before
 * anything else: the downgrade, which makes the sequence again at its
 * start, runs it last, when the columns are back as they were, so the
 * next `nextval` does not hand out a value a row already holds. The
 * values an application drew by name, into no such column, are not known.
 *
 * @example
 * const drawn = { kind: 'expression', sql: "nextval('order_no'::regclass)" } as const
 * const t: Table = { name: 't', columns: [{ name: 'id', type: { kind: 'bigint' }, serverDefault: drawn }] }
 * advancesOfDropped([{ name: 'order_no' }], [t], 'public')
 * // [{ kind: 'advance_sequence', name: 'order_no', columns: [{ table: 't', column: 'id' }] }]
 */
export function advancesOfDropped(dropped: readonly Sequence[], tables: readonly Table[], home: string): Operation[] {
  if (dropped.length === 0) return []
  return dropped.flatMap((sequence): Operation[] => {
    const columns: SequenceColumn[] = []
    for (const table of tables) {
      for (const column of table.columns) {
        const value = column.serverDefault
        if (value?.kind !== 'expression' || !INTEGERS.has(column.type.kind)) continue
        const calls = [...value.sql.matchAll(NEXTVAL)].map(([, written]) => calledSequence(written!, home))
        if (calls.some((called) => called.name === sequence.name && called.schema === (sequence.schema ?? home))) {
          columns.push({ table: table.name, ...(table.schema === undefined ? {} : { schema: table.schema }), column: column.name })
        }
      }
    }
    if (columns.length === 0) return []
    return [
      { kind: 'advance_sequence', name: sequence.name, ...(sequence.schema === undefined ? {} : { schema: sequence.schema }), columns },
    ]
  })
}

/** The sequence `nextval('…')` names: a bare name is found on the search path, the home schema first. */
function calledSequence(written: string, home: string): { readonly name: string; readonly schema: string } {
  const parts = (written.replaceAll("''", "'").match(/"(?:[^"]|"")*"|[^."]+/g) ?? []).map(unquoted)
  return { name: parts.at(-1) ?? '', schema: parts.length > 1 ? parts.at(-2)! : home }
}

/** An identifier as PostgreSQL reads it: a quoted one as written, a bare one folded to lower case. */
function unquoted(part: string): string {
  return part.startsWith('"') ? part.slice(1, -1).replaceAll('""', '"') : part.toLowerCase()
}
