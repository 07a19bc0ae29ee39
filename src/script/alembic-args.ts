import { dottedName, UnsupportedPython, type PyCall, type PyExpr } from './alembic-expr.js'

/**
 * Reading the arguments of a Python call the way Python binds them:
 * by position or by keyword, each at most once, and no argument the
 * translation does not know (an unknown one might change the DDL, so the
 * call is left for a person rather than translated without it).
 *
 * @example
 * import { parseExpression } from './alembic-expr.js'
 * import { tokenizePython } from './alembic-tokens.js'
 * const tokens = tokenizePython("op.drop_column('user', column_name='email')")[0]!.tokens
 * const args = new CallArgs(asCall(parseExpression(tokens)), ['table_name', 'column_name'])
 * args.string('table_name') // 'user'
 */
export class CallArgs {
  readonly #values = new Map<string, PyExpr>()
  readonly #name: string

  constructor(call: PyCall, positional: readonly string[], keywordOnly: readonly string[] = [], ignored: readonly string[] = []) {
    this.#name = dottedName(call.func) ?? 'call'
    if (call.args.length > positional.length) throw new UnsupportedPython(`${this.#name}() with ${call.args.length} positional arguments`)
    for (const [i, arg] of call.args.entries()) this.#values.set(positional[i]!, arg)
    for (const [key, value] of call.kwargs) {
      if (ignored.includes(key)) continue
      if (!positional.includes(key) && !keywordOnly.includes(key)) throw new UnsupportedPython(`${this.#name}(${key}=...)`)
      if (this.#values.has(key)) throw new UnsupportedPython(`${this.#name}() given '${key}' twice`)
      this.#values.set(key, value)
    }
  }

  /** The argument, or undefined when absent or None. */
  get(key: string): PyExpr | undefined {
    const value = this.#values.get(key)
    return value?.kind === 'const' && value.value === null ? undefined : value
  }

  has(key: string): boolean {
    return this.#values.has(key)
  }

  string(key: string): string {
    const value = this.optionalString(key)
    if (value === undefined) throw new UnsupportedPython(`${this.#name}() without a literal '${key}'`)
    return value
  }

  /** A literal string; `op.f('name')` (a name exempt from naming conventions) counts as one. */
  optionalString(key: string): string | undefined {
    const value = this.get(key)
    return value === undefined ? undefined : literalString(value, `${this.#name}(${key}=...)`)
  }

  optionalBoolean(key: string): boolean | undefined {
    const value = this.get(key)
    if (value === undefined) return undefined
    if (value.kind !== 'const' || typeof value.value !== 'boolean')
      throw new UnsupportedPython(`${this.#name}(${key}=...) that is not True or False`)
    return value.value
  }

  optionalNumber(key: string): number | undefined {
    const value = this.get(key)
    if (value === undefined) return undefined
    if (value.kind !== 'num') throw new UnsupportedPython(`${this.#name}(${key}=...) that is not a number`)
    return value.value
  }

  /** A list or tuple of literal strings (or one string, as Alembic accepts for columns). */
  strings(key: string): string[] {
    const value = this.get(key)
    if (value === undefined) throw new UnsupportedPython(`${this.#name}() without '${key}'`)
    return stringList(value, `${this.#name}(${key}=...)`)
  }
}

/**
 * A literal string argument, or `op.f('name')`.
 *
 * @example
 * literalString({ kind: 'str', value: 'user' }, 'table_name') // 'user'
 */
export function literalString(value: PyExpr, what: string): string {
  if (value.kind === 'str') return value.value
  // `op.f(...)` and, in a batch, `batch_op.f(...)`.
  if (value.kind === 'call' && dottedName(value.func)?.endsWith('.f') && value.args.length === 1 && value.args[0]!.kind === 'str')
    return value.args[0]!.value
  throw new UnsupportedPython(`${what} that is not a literal string`)
}

/**
 * A list or tuple of literal strings; one string counts as a list of one.
 *
 * @example
 * stringList({ kind: 'list', items: [{ kind: 'str', value: 'id' }] }, 'columns') // ['id']
 */
export function stringList(value: PyExpr, what: string): string[] {
  if (value.kind === 'str') return [value.value]
  if (value.kind === 'list' || value.kind === 'tuple') return value.items.map((item) => literalString(item, what))
  throw new UnsupportedPython(`${what} that is not a list of strings`)
}

/**
 * The last part of a dotted callee: `sa.String` and `sqlalchemy.String` are both `String`.
 *
 * @example
 * import { parseExpression } from './alembic-expr.js'
 * import { tokenizePython } from './alembic-tokens.js'
 * calleeName(parseExpression(tokenizePython('sa.String(50)')[0]!.tokens)) // 'String'
 */
export function calleeName(expr: PyExpr): string | undefined {
  const target = expr.kind === 'call' ? expr.func : expr
  return dottedName(target)?.split('.').at(-1)
}

/**
 * A call with no arguments for a bare name (`sa.Integer` written without parentheses).
 *
 * @example
 * import { parseExpression } from './alembic-expr.js'
 * import { tokenizePython } from './alembic-tokens.js'
 * asCall(parseExpression(tokenizePython('sa.Integer')[0]!.tokens)).args // []
 */
export function asCall(expr: PyExpr): PyCall {
  if (expr.kind === 'call') return expr
  return { kind: 'call', func: expr, args: [], kwargs: new Map() }
}
