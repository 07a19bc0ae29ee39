import type { ArithmeticOperator, PyExpr } from './alembic-expr.js'

const ARITHMETIC: ReadonlySet<string> = new Set<ArithmeticOperator>(['+', '-', '*', '%'])

/**
 * Python's value of `str(x)` for a literal, or undefined for anything else
 * (a name the scope could not resolve stays an expression).
 */
function asText(expr: PyExpr): string | undefined {
  if (expr.kind === 'str') return expr.value
  if (expr.kind === 'num') return String(expr.value)
  if (expr.kind === 'const') return expr.value === null ? 'None' : expr.value ? 'True' : 'False'
  return undefined
}

/** `'%(a)s and %s' % values`: printf-style formatting with `%s`/`%d` fields only, as names are built. */
function formatPercent(template: string, values: PyExpr): string | undefined {
  const positional = values.kind === 'tuple' ? values.items : values.kind === 'dict' ? undefined : [values]
  const named = values.kind === 'dict' ? values.entries : undefined
  let next = 0
  let failed = false
  const text = template.replace(/%(?:\((\w+)\))?([sd%])/g, (_, key: string | undefined, type: string) => {
    if (type === '%') return '%'
    const value = key === undefined ? positional?.[next++] : named?.find(([k]) => k.kind === 'str' && k.value === key)?.[1]
    const shown = value === undefined ? undefined : asText(value)
    if (shown === undefined || (type === 'd' && value?.kind !== 'num')) failed = true
    return shown ?? ''
  })
  if (failed || (positional !== undefined && next !== positional.length)) return undefined
  // Any `%` field left unread (`%r`, `%5s`) is a format this reader does not know.
  return /%/.test(template.replace(/%(?:\(\w+\))?[sd%]/g, '')) ? undefined : text
}

/**
 * The value of an arithmetic operator over literals (`'ix_' + 'user'`,
 * `2 * 16`, `'%(n)s' % {'n': 4}`), or of `str(literal)` as an f-string
 * field becomes; undefined when an operand is not known yet.
 *
 * @example
 * foldArithmetic('+', [{ kind: 'str', value: 'ix_' }, { kind: 'str', value: 'user' }]) // { kind: 'str', value: 'ix_user' }
 */
export function foldArithmetic(op: string, operands: readonly PyExpr[]): PyExpr | undefined {
  if (!ARITHMETIC.has(op)) return undefined
  const [left, right] = operands
  if (left === undefined || right === undefined) return undefined
  if (left.kind === 'num' && right.kind === 'num') {
    const value =
      op === '+' ? left.value + right.value : op === '-' ? left.value - right.value : op === '*' ? left.value * right.value : undefined
    if (value !== undefined) return { kind: 'num', value }
    return right.value === 0 ? undefined : { kind: 'num', value: left.value - right.value * Math.floor(left.value / right.value) }
  }
  const sequence = (left.kind === 'tuple' || left.kind === 'list') && right.kind === left.kind
  if (op === '+' && sequence) return { kind: left.kind, items: [...left.items, ...right.items] }
  if (left.kind !== 'str') return undefined
  if (op === '+' && right.kind === 'str') return { kind: 'str', value: left.value + right.value }
  if (op === '%') {
    const value = formatPercent(left.value, right)
    return value === undefined ? undefined : { kind: 'str', value }
  }
  return undefined
}

/**
 * `str(literal)` as Python writes it, for f-string fields.
 *
 * @example
 * foldStr({ kind: 'num', value: 36 }) // { kind: 'str', value: '36' }
 */
export function foldStr(value: PyExpr): PyExpr | undefined {
  const text = asText(value)
  return text === undefined ? undefined : { kind: 'str', value: text }
}

/**
 * `x[key]` (read as `x.__getitem__(key)`) of a known dict, tuple or list.
 *
 * @example
 * const list = { kind: 'list', items: [{ kind: 'num', value: 7 }] } as const
 * foldSubscript({ kind: 'attr', object: list, name: '__getitem__' }, [{ kind: 'num', value: 0 }])
 * // { kind: 'num', value: 7 }
 */
export function foldSubscript(func: PyExpr, args: readonly PyExpr[]): PyExpr | undefined {
  const [key] = args
  if (func.kind !== 'attr' || func.name !== '__getitem__' || key === undefined || args.length !== 1) return undefined
  const owner = func.object
  if (owner.kind === 'dict') {
    const same = (k: PyExpr) => (k.kind === 'str' || k.kind === 'num') && k.kind === key.kind && k.value === key.value
    return owner.entries.find(([k]) => same(k))?.[1]
  }
  if ((owner.kind === 'tuple' || owner.kind === 'list') && key.kind === 'num' && Number.isInteger(key.value))
    return owner.items.at(key.value)
  return undefined
}
