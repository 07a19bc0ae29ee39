import type { Operation } from '../ops/operation.js'
import { dropRoutineOf } from '../ops/reverse-stored-code.js'
import type { Routine } from '../schema/stored-code.js'
import { namesMentioned } from '../dialect/view-support.js'
import { parsedWhenMade, type StoredCodeChanges } from './stored-code.js'

/**
 * `code` with each routine it keeps whose body PostgreSQL parsed as it made
 * it (BEGIN ATOMIC, RETURN: see parsedWhenMade) and that reads what the
 * migration changes under it dropped before the change and made again
 * after: a column whose type changes or that is dropped, in a table its
 * body names (PostgreSQL: "cannot alter type of a column used by a function
 * or procedure"), or a view dropped and made again ("cannot drop view …
 * because other objects depend on it"). Each routine found is `readsView`
 * when it reads such a view, so it can go before the view does.
 *
 * @example
 * import { noStoredCodeChanges } from './stored-code.js'
 * import type { Routine } from '../schema/stored-code.js'
 * const definition = 'CREATE FUNCTION sb() RETURNS text RETURN (SELECT max(b) FROM base)'
 * const sb: Routine = { name: 'sb', routineKind: 'function', definition }
 * const retype: Operation = { kind: 'alter_column', table: 'base', column: 'b', changes: { type: { kind: 'string', length: 50 } } }
 * withParsedReadersMadeAgain({ ...noStoredCodeChanges, keptRoutines: [{ was: sb, wanted: sb }] }, [retype], []).dropRoutines // [drop sb]
 */
export function withParsedReadersMadeAgain(
  code: StoredCodeChanges,
  tableOps: readonly Operation[],
  viewOps: readonly Operation[],
): StoredCodeChanges {
  const columns = new Map<string, string[]>()
  for (const op of tableOps) {
    if (op.kind !== 'drop_column' && (op.kind !== 'alter_column' || op.changes.type === undefined)) continue
    const table = op.table.toLowerCase()
    columns.set(table, [...(columns.get(table) ?? []), op.column])
  }
  const views = viewOps.flatMap((op) => (op.kind === 'drop_view' ? [op.name] : []))
  if (columns.size === 0 && views.length === 0) return code
  const reads = ({ was }: { readonly was: Routine }) => {
    const body = was.definition
    if (namesMentioned(body, views).length > 0) return true
    const tables = namesMentioned(body, [...columns.keys()])
    return tables.some((table) => namesMentioned(body, columns.get(table.toLowerCase()) ?? []).length > 0)
  }
  const riding = code.keptRoutines.filter((kept) => parsedWhenMade(kept.was) && reads(kept))
  if (riding.length === 0) return code
  return {
    ...code,
    dropRoutines: [...riding.map(({ was }) => dropRoutineOf(was)), ...code.dropRoutines],
    createRoutines: [...code.createRoutines, ...riding.map(({ wanted }): Operation => ({ kind: 'create_routine', routine: wanted }))],
    keptRoutines: code.keptRoutines.filter((kept) => !riding.includes(kept)),
  }
}
