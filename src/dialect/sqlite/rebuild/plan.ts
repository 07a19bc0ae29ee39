import { AthanorError } from '../../../core/errors.js'
import { isBatchOperation, type BatchOperation, type Operation } from '../../../ops/operation.js'
import { BARE_NAME } from '../../../schema/bare-name.js'

/** A string literal, a name in any of SQLite's quotings, or a bare name. */
const TEXT_OR_NAME = new RegExp(String.raw`'(?:[^']|'')*'|"(?:[^"]|"")*"|\`[^\`]*\`|\[[^\]]*\]|${BARE_NAME}`, 'g')

/** A rebuild request split into column renames (run first) and the rest. */
export interface RebuildPlan {
  readonly table: string
  readonly renames: readonly { readonly from: string; readonly to: string }[]
  readonly ops: readonly BatchOperation[]
}

/**
 * The changes of an operation that needs a rebuild. Renames come out first:
 * ALTER TABLE RENAME COLUMN (SQLite 3.25+) rewrites every index, trigger,
 * view and constraint that names the column, which a copy could not do as
 * well; the remaining changes, and earlier ones, then use the new name.
 *
 * @example
 * planRebuild({ kind: 'alter_column', table: 't', column: 'a', changes: { newName: 'b', nullable: false } })
 * // { table: 't', renames: [{ from: 'a', to: 'b' }],
 * //   ops: [{ kind: 'alter_column', table: 't', column: 'b', changes: { nullable: false } }] }
 */
export function planRebuild(op: Operation & { readonly table: string }): RebuildPlan {
  const ops = op.kind === 'batch_alter_table' ? [...op.ops] : [op]
  const renames: { from: string; to: string }[] = []
  let out: BatchOperation[] = []
  for (const sub of ops) {
    if (!isBatchOperation(sub)) {
      throw new AthanorError('SQLITE_REBUILD_UNSUPPORTED', `a table rebuild of "${op.table}" cannot include ${sub.kind}`)
    }
    const change = sub
    if (change.kind === 'alter_column' && change.changes.newName !== undefined) {
      const { newName, ...rest } = change.changes
      renames.push({ from: change.column, to: newName })
      out = out.map((o) => renamed(o, change.column, newName))
      if (Object.values(rest).some((v) => v !== undefined)) out.push({ ...change, column: newName, changes: rest })
    } else out.push(change)
  }
  return { table: op.table, renames, ops: out }
}

/** An earlier change, with a column renamed later in the batch given its new name. */
function renamed(op: BatchOperation, from: string, to: string): BatchOperation {
  const swap = (c: string) => (c.toLowerCase() === from.toLowerCase() ? to : c)
  switch (op.kind) {
    case 'alter_column':
      return { ...op, column: swap(op.column) }
    case 'drop_column':
      return { ...op, column: swap(op.column) }
    case 'create_index':
      return op.index.expressions === true ? op : { ...op, index: { ...op.index, columns: op.index.columns.map(swap) } }
    case 'create_unique_constraint':
      return { ...op, constraint: { ...op.constraint, columns: op.constraint.columns.map(swap) } }
    case 'create_foreign_key':
      return { ...op, constraint: { ...op.constraint, columns: op.constraint.columns.map(swap) } }
    case 'drop_constraint': {
      const columns = op.columns === undefined ? {} : { columns: op.columns.map(swap) }
      const expression = op.expression === undefined ? {} : { expression: withRenamed(op.expression, from, to) }
      return { ...op, ...columns, ...expression }
    }
    default:
      return op
  }
}

/** A check's expression as RENAME COLUMN leaves it: the column's name, bare or quoted, outside string literals, replaced. */
function withRenamed(expression: string, from: string, to: string): string {
  const quoted = `"${to.replace(/"/g, '""')}"`
  return expression.replace(TEXT_OR_NAME, (token) =>
    !token.startsWith("'") && unquoted(token).toLowerCase() === from.toLowerCase() ? quoted : token,
  )
}

function unquoted(token: string): string {
  const first = token[0]
  if (first === '"' || first === '`' || first === '[') return token.slice(1, -1).replace(/""/g, '"')
  return token
}
