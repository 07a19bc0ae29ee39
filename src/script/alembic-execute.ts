import type { ExecuteOp, RowValue } from '../ops/operation.js'
import { calleeName, literalString } from './alembic-args.js'
import { dottedName, UnsupportedPython, type PyCall, type PyExpr } from './alembic-expr.js'

/**
 * The migration's connection: `op.get_bind()`, or the context's
 * (`op.get_context().bind`), as an assignment bound it (`conn = op.get_bind()`).
 *
 * @example
 * import { parseExpression } from './alembic-expr.js'
 * import { tokenizePython } from './alembic-tokens.js'
 * isBind(parseExpression(tokenizePython('op.get_bind()')[0]!.tokens)) // true
 */
export function isBind(expr: PyExpr): boolean {
  if (expr.kind === 'call') {
    const callee = expr.func
    return callee.kind === 'attr' && (callee.name === 'get_bind' || callee.name === 'get_context') && expr.args.length === 0
  }
  if (expr.kind === 'attr') return ['engine', 'bind', 'connection', 'dialect'].includes(expr.name) && isBind(expr.object)
  return false
}

/**
 * A Python literal as a value to bind.
 *
 * @example
 * rowValue({ kind: 'str', value: 'a' }, 'a value') // 'a'
 */
export function rowValue(expr: PyExpr, what: string): RowValue {
  if (expr.kind === 'str' || expr.kind === 'num') return expr.value
  if (expr.kind === 'const') return expr.value
  // `op.inline_literal('x')` is the same value written into the SQL.
  if (expr.kind === 'call' && calleeName(expr) === 'inline_literal' && expr.args.length === 1) return rowValue(expr.args[0]!, what)
  if (expr.kind === 'call' && calleeName(expr) === 'null' && expr.args.length === 0) return null
  throw new UnsupportedPython(`${what} that is not a literal`)
}

/** `{'a': 1}` or `a=1`: parameters by name. */
function namedValues(dict: PyExpr | undefined, kwargs: ReadonlyMap<string, PyExpr>, what: string): Record<string, RowValue> {
  const values: Record<string, RowValue> = {}
  if (dict !== undefined) {
    if (dict.kind !== 'dict') throw new UnsupportedPython(`${what} that is not a dict of literals`)
    for (const [key, value] of dict.entries) values[literalString(key, `a key of ${what}`)] = rowValue(value, `a value of ${what}`)
  }
  for (const [key, value] of kwargs) values[key] = rowValue(value, `${what} ${key}=`)
  return values
}

const SAFE_IDENTIFIER = /^[a-z_][a-z0-9_]*$/
const RESERVED = new Set(['user', 'order', 'group', 'key', 'table', 'column', 'select', 'where', 'from', 'index', 'default', 'check'])

/** A name written bare, as SQLAlchemy writes a lower-case name that is not a keyword; others are left to a person. */
function identifier(name: string): string {
  if (!SAFE_IDENTIFIER.test(name) || RESERVED.has(name))
    throw new UnsupportedPython(`a table or column named '${name}', which needs quoting that differs between dialects`)
  return name
}

interface Sql {
  readonly sql: string
  readonly params: Record<string, RowValue>
}

/** `sa.table('t', sa.column('a'), schema='s')` → `s.t`. */
function tableName(expr: PyExpr): string {
  if (expr.kind !== 'call' || calleeName(expr) !== 'table' || expr.args[0] === undefined)
    throw new UnsupportedPython('an update, insert or delete on something other than sa.table(...)')
  const name = identifier(literalString(expr.args[0], 'sa.table() name'))
  const schema = expr.kwargs.get('schema')
  return schema === undefined ? name : `${identifier(literalString(schema, 'schema'))}.${name}`
}

/** `t.c.name` → `name`. */
function columnOf(expr: PyExpr): string | undefined {
  if (expr.kind === 'attr' && expr.object.kind === 'attr' && expr.object.name === 'c') return identifier(expr.name)
  if (expr.kind === 'call' && calleeName(expr) === 'column' && expr.args[0]?.kind === 'str') return identifier(expr.args[0].value)
  return undefined
}

class Statement {
  readonly params: Record<string, RowValue> = {}

  value(expr: PyExpr): string {
    const column = columnOf(expr)
    if (column !== undefined) return column
    const value = rowValue(expr, 'a value in the statement')
    if (value === null) return 'NULL'
    const name = `p${Object.keys(this.params).length + 1}`
    this.params[name] = value
    return `:${name}`
  }

  condition(expr: PyExpr): string {
    if (expr.kind === 'op' && (expr.op === '==' || expr.op === '!=')) {
      const [left, right] = expr.operands.map((o) => this.value(o))
      if (right === 'NULL') return `${left} IS ${expr.op === '==' ? '' : 'NOT '}NULL`
      return `${left} ${expr.op === '==' ? '=' : '<>'} ${right}`
    }
    if (expr.kind === 'op' && (expr.op === 'and' || expr.op === 'or'))
      return expr.operands.map((o) => `(${this.condition(o)})`).join(` ${expr.op.toUpperCase()} `)
    if (expr.kind === 'call' && (calleeName(expr) === 'and_' || calleeName(expr) === 'or_'))
      return expr.args.map((o) => `(${this.condition(o)})`).join(calleeName(expr) === 'and_' ? ' AND ' : ' OR ')
    if (expr.kind === 'call' && expr.func.kind === 'attr') {
      const column = columnOf(expr.func.object)
      const [arg] = expr.args
      if (column !== undefined && (expr.func.name === 'is_' || expr.func.name === 'isnot' || expr.func.name === 'is_not'))
        return `${column} IS ${expr.func.name === 'is_' ? '' : 'NOT '}${arg === undefined ? 'NULL' : this.value(arg)}`
      if (column !== undefined && expr.func.name === 'in_' && arg !== undefined && (arg.kind === 'list' || arg.kind === 'tuple'))
        return `${column} IN (${arg.items.map((i) => this.value(i)).join(', ')})`
    }
    throw new UnsupportedPython('a where clause other than comparisons of columns with literals')
  }
}

/** The method calls of `t.update().where(…).values(…)`, innermost first, and the table. */
function chain(expr: PyExpr): { table: PyExpr; calls: { name: string; call: PyCall }[] } {
  const calls: { name: string; call: PyCall }[] = []
  let at = expr
  while (at.kind === 'call' && at.func.kind === 'attr') {
    calls.unshift({ name: at.func.name, call: at })
    at = at.func.object
  }
  return { table: at, calls }
}

/** `t.update().where(…).values(…)`, `t.delete().where(…)`, `t.insert().values(…)` as SQL with parameters. */
function construct(expr: PyExpr): Sql {
  const { table, calls } = chain(expr)
  const [verb, ...rest] = calls
  if (verb === undefined || !['update', 'delete', 'insert'].includes(verb.name) || verb.call.args.length > 0)
    throw new UnsupportedPython('a statement other than sa.text(), an update, an insert or a delete')
  const name = tableName(table)
  const statement = new Statement()
  const where: string[] = []
  let values: [string, string][] = []
  for (const { name: method, call } of rest) {
    if (method === 'where' && call.args.length === 1 && call.kwargs.size === 0) where.push(statement.condition(call.args[0]!))
    else if (method === 'values') {
      const dict = call.args[0]
      if (call.args.length > 1 || (dict !== undefined && dict.kind !== 'dict')) throw new UnsupportedPython('values() that is not a dict')
      const entries: (readonly [PyExpr, PyExpr])[] = [...(dict?.kind === 'dict' ? dict.entries : [])]
      for (const [key, value] of call.kwargs) entries.push([{ kind: 'str', value: key }, value])
      values = entries.map(([key, value]) => [columnOf(key) ?? identifier(literalString(key, 'a values() key')), statement.value(value)])
    } else throw new UnsupportedPython(`${verb.name}().${method}() is not translated`)
  }
  const filter = where.length === 0 ? '' : ` WHERE ${where.join(' AND ')}`
  if (verb.name === 'delete') return { sql: `DELETE FROM ${name}${filter}`, params: statement.params }
  if (values.length === 0) throw new UnsupportedPython(`${verb.name}() without values()`)
  if (verb.name === 'insert') {
    if (where.length > 0) throw new UnsupportedPython('insert().where()')
    const sql = `INSERT INTO ${name} (${values.map(([c]) => c).join(', ')}) VALUES (${values.map(([, v]) => v).join(', ')})`
    return { sql, params: statement.params }
  }
  return { sql: `UPDATE ${name} SET ${values.map(([c, v]) => `${c}=${v}`).join(', ')}${filter}`, params: statement.params }
}

/** What `execute` is given: a string, `sa.text(…)` (with `.bindparams(…)`), or an update, insert or delete. */
function executable(expr: PyExpr): Sql {
  if (expr.kind === 'str') return { sql: expr.value, params: {} }
  if (expr.kind === 'call' && expr.func.kind === 'attr' && expr.func.name === 'execution_options') return executable(expr.func.object)
  if (expr.kind === 'call' && expr.func.kind === 'attr' && expr.func.name === 'bindparams') {
    const inner = executable(expr.func.object)
    return { sql: inner.sql, params: { ...inner.params, ...namedValues(undefined, expr.kwargs, 'bindparams()') } }
  }
  if (expr.kind === 'call' && calleeName(expr) === 'text' && expr.args.length === 1 && expr.kwargs.size === 0)
    return { sql: literalString(expr.args[0]!, 'sa.text()'), params: {} }
  return construct(expr)
}

/**
 * `op.execute(statement)` or `conn.execute(statement, params)` on the
 * migration's connection as an `execute` operation: SQL text with its
 * `:name` parameters, which athanor binds online and writes as literals
 * offline, as Alembic does.
 *
 * @example
 * import { asCall } from './alembic-args.js'
 * import { parseExpression } from './alembic-expr.js'
 * import { tokenizePython } from './alembic-tokens.js'
 * const call = asCall(parseExpression(tokenizePython("conn.execute(sa.text('DELETE FROM t WHERE id = :id'), {'id': 3})")[0]!.tokens))
 * executeOperation(call) // { kind: 'execute', sql: 'DELETE FROM t WHERE id = :id', params: { id: 3 } }
 */
export function executeOperation(call: PyCall): ExecuteOp {
  const [statement, dict, ...more] = call.args
  if (statement === undefined || more.length > 0)
    throw new UnsupportedPython(`${dottedName(call.func) ?? 'execute'}() with these arguments`)
  const kwargs = new Map([...call.kwargs].filter(([key]) => key !== 'execution_options'))
  const { sql, params: own } = executable(call.kwargs.get('sqltext') ?? statement)
  const params = { ...own, ...namedValues(dict, kwargs, 'the parameters') }
  return { kind: 'execute', sql, ...(Object.keys(params).length === 0 ? {} : { params }) }
}

/**
 * `op.execute('COMMIT')` (or through the bind) and `op.get_bind().commit()`:
 * the way older Alembic scripts end Alembic's transaction so that what
 * follows, typically an index built CONCURRENTLY, runs outside one.
 *
 * @example
 * import { asCall } from './alembic-args.js'
 * import { parseExpression } from './alembic-expr.js'
 * import { tokenizePython } from './alembic-tokens.js'
 * endsTransaction(asCall(parseExpression(tokenizePython("op.execute('COMMIT')")[0]!.tokens))) // true
 */
export function endsTransaction(call: PyCall): boolean {
  if (call.func.kind !== 'attr') return false
  const { name, object } = call.func
  if (name === 'commit') return call.args.length === 0 && call.kwargs.size === 0 && isBind(object)
  if (name !== 'execute' || call.args.length !== 1 || call.kwargs.size > 0) return false
  if (!(isBind(object) || dottedName(object) === 'op')) return false
  const statement = call.args[0]!
  const text = statement.kind === 'call' && calleeName(statement) === 'text' ? statement.args[0] : statement
  return text?.kind === 'str' && /^\s*COMMIT\s*;?\s*$/i.test(text.value)
}
