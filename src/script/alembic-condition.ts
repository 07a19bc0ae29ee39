import { DIALECT_URLS, type DialectName } from '../core/dialect-name.js'
import { isBind } from './alembic-execute.js'
import { dottedName, UnsupportedPython, type PyCall, type PyExpr } from './alembic-expr.js'

/** A condition's value under one dialect: a string, a boolean, None, or a tuple of them. */
type Value = string | number | boolean | null | readonly Value[]

/**
 * Whether a resolved expression is the name of the migration's dialect:
 * `op.get_bind().dialect.name`, `op.get_context().dialect.name`,
 * `conn.engine.name` (with `conn` bound to `op.get_bind()`), and so on.
 *
 * @example
 * import { parseExpression } from './alembic-expr.js'
 * import { tokenizePython } from './alembic-tokens.js'
 * isDialectName(parseExpression(tokenizePython('op.get_bind().dialect.name')[0]!.tokens)) // true
 */
export function isDialectName(expr: PyExpr): boolean {
  if (expr.kind !== 'attr' || expr.name !== 'name') return false
  const owner = expr.object
  if (owner.kind !== 'attr' || (owner.name !== 'dialect' && owner.name !== 'engine')) return false
  return isBind(owner.object)
}

/**
 * Whether a resolved expression is the URL the migration runs on
 * (`op.get_bind().engine.url`, or `str()` of it), which a script tests with
 * `url.startswith('mysql')` to tell the dialects apart.
 *
 * @example
 * import { parseExpression } from './alembic-expr.js'
 * import { tokenizePython } from './alembic-tokens.js'
 * isBindUrl(parseExpression(tokenizePython('str(op.get_bind().engine.url)')[0]!.tokens)) // true
 */
export function isBindUrl(expr: PyExpr): boolean {
  if (expr.kind === 'attr') return expr.name === 'url' && isBind(expr.object)
  return expr.kind === 'call' && dottedName(expr.func) === 'str' && expr.args.length === 1 && isBindUrl(expr.args[0]!)
}

/** A string method a condition may call on a known string. */
function stringMethod(expr: PyCall, sqlalchemyName: string): Value {
  if (expr.func.kind !== 'attr') throw new UnsupportedPython('a condition on something other than the dialect name or constants')
  const text = evaluate(expr.func.object, sqlalchemyName)
  const args = expr.args.map((a) => evaluate(a, sqlalchemyName))
  if (typeof text !== 'string') throw new UnsupportedPython(`.${expr.func.name}() on something other than a string`)
  const [first] = args
  switch (expr.func.name) {
    case 'startswith':
    case 'endswith': {
      const prefixes = Array.isArray(first) ? first : [first]
      if (!prefixes.every((p) => typeof p === 'string'))
        throw new UnsupportedPython(`.${expr.func.name}() of something other than a string`)
      return prefixes.some((p) => (expr.func.kind === 'attr' && expr.func.name === 'startswith' ? text.startsWith(p) : text.endsWith(p)))
    }
    case 'lower':
      return text.toLowerCase()
    case 'upper':
      return text.toUpperCase()
    default:
      throw new UnsupportedPython(`a condition calling .${expr.func.name}()`)
  }
}

function evaluate(expr: PyExpr, sqlalchemyName: string): Value {
  if (isDialectName(expr)) return sqlalchemyName
  // SQLAlchemy writes a URL as `drivername://…`, the drivername starting with the dialect's name (`mysql+pymysql`).
  if (isBindUrl(expr)) return `${sqlalchemyName}://`
  if (expr.kind === 'attr' && expr.name === 'drivername' && isBindUrl(expr.object)) return sqlalchemyName
  switch (expr.kind) {
    case 'str':
    case 'num':
    case 'const':
      return expr.value
    case 'tuple':
    case 'list':
      return expr.items.map((item) => evaluate(item, sqlalchemyName))
    case 'op': {
      const [left, right] = expr.operands.map((o) => evaluate(o, sqlalchemyName))
      switch (expr.op) {
        case 'not':
          return !truthy(left!)
        case 'and':
          return expr.operands.every((o) => truthy(evaluate(o, sqlalchemyName)))
        case 'or':
          return expr.operands.some((o) => truthy(evaluate(o, sqlalchemyName)))
        case '==':
        case 'is':
          return left === right
        case '!=':
        case 'is not':
          return left !== right
        case 'in':
        case 'not in': {
          if (!Array.isArray(right) && typeof right !== 'string') throw new UnsupportedPython("'in' over something not a tuple or list")
          const found = typeof right === 'string' ? typeof left === 'string' && right.includes(left) : right.includes(left as Value)
          return expr.op === 'in' ? found : !found
        }
      }
      break
    }
    case 'call':
      if (expr.func.kind === 'attr' && expr.func.name === 'get_backend_name' && isBindUrl(expr.func.object)) return sqlalchemyName
      return stringMethod(expr, sqlalchemyName)
    default:
      break
  }
  throw new UnsupportedPython('a condition on something other than the dialect name or constants')
}

function truthy(value: Value): boolean {
  if (Array.isArray(value)) return value.length > 0
  return Boolean(value)
}

/**
 * The athanor dialects on which an `if` condition holds, evaluated as
 * SQLAlchemy would name each one (MariaDB runs as `mysql`, as SQLAlchemy
 * 1.4 names it on a `mysql://` URL). Constants decide it everywhere alike;
 * anything the converter cannot know before the migration runs is refused.
 *
 * @example
 * import { parseExpression } from './alembic-expr.js'
 * import { tokenizePython } from './alembic-tokens.js'
 * dialectsWhere(parseExpression(tokenizePython("op.get_bind().dialect.name != 'sqlite'")[0]!.tokens)) // ['postgresql', 'mysql']
 */
export function dialectsWhere(condition: PyExpr): DialectName[] {
  const names = Object.keys(DIALECT_URLS) as DialectName[]
  return names.filter((name) => truthy(evaluate(condition, DIALECT_URLS[name].schemes[0])))
}
