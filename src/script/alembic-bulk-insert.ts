import type { BulkInsertOp, RowValue, TableRef } from '../ops/operation.js'
import { calleeName, CallArgs, literalString } from './alembic-args.js'
import { rowValue } from './alembic-execute.js'
import { dottedName, UnsupportedPython, type PyCall, type PyExpr } from './alembic-expr.js'

/**
 * The table `op.bulk_insert` is given: `sa.table('t', sa.column(...))`,
 * `sa.Table('t', metadata, ...)`, `metadata.tables['t']`, or the value of
 * an `op.create_table('t', ...)` the script assigned.
 */
function target(expr: PyExpr): TableRef {
  if (expr.kind === 'call') {
    const callee = calleeName(expr)
    const creates = dottedName(expr.func) === 'op.create_table'
    if ((callee === 'table' || callee === 'Table' || creates) && expr.args[0] !== undefined) {
      const schema = expr.kwargs.get('schema')
      const named = schema === undefined || (schema.kind === 'const' && schema.value === null)
      return { table: literalString(expr.args[0], 'the table name'), ...(named ? {} : { schema: literalString(schema, 'schema') }) }
    }
    // `metadata.tables['t']`, as the parser reads a subscript.
    if (
      expr.func.kind === 'attr' &&
      expr.func.name === '__getitem__' &&
      expr.func.object.kind === 'attr' &&
      expr.func.object.name === 'tables'
    )
      return { table: literalString(expr.args[0] ?? { kind: 'const', value: null }, 'metadata.tables[...]') }
  }
  throw new UnsupportedPython('op.bulk_insert() into something other than sa.table(...), sa.Table(...) or a created table')
}

function row(expr: PyExpr): Record<string, RowValue> {
  if (expr.kind !== 'dict') throw new UnsupportedPython('op.bulk_insert() of a row that is not a dict of literals')
  return Object.fromEntries(expr.entries.map(([key, value]) => [literalString(key, 'a row key'), rowValue(value, 'a row value')]))
}

/**
 * `op.bulk_insert(table, [{...}, ...], multiinsert=...)` with literal rows,
 * as athanor's `bulk_insert`: an INSERT per row offline, with literals, and
 * bound multi-row INSERTs online, as Alembic does.
 *
 * @example
 * import { asCall } from './alembic-args.js'
 * import { parseExpression } from './alembic-expr.js'
 * import { tokenizePython } from './alembic-tokens.js'
 * const call = asCall(parseExpression(tokenizePython("op.bulk_insert(sa.table('kind', sa.column('name')), [{'name': 'a'}])")[0]!.tokens))
 * bulkInsertOperation(call) // { kind: 'bulk_insert', table: 'kind', rows: [{ name: 'a' }] }
 */
export function bulkInsertOperation(call: PyCall): BulkInsertOp {
  const args = new CallArgs(call, ['table', 'rows', 'multiinsert'])
  const rows = args.get('rows')
  if (rows === undefined || (rows.kind !== 'list' && rows.kind !== 'tuple'))
    throw new UnsupportedPython('op.bulk_insert() of rows that are not a list of dicts')
  return { kind: 'bulk_insert', ...target(args.get('table') ?? { kind: 'const', value: null }), rows: rows.items.map(row) }
}
