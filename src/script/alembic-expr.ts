import { tokenizePython, type PyToken } from './alembic-tokens.js'

/**
 * The Python expressions an Alembic script's header and `op.*` calls are made
 * of: literals, names, attribute access, calls, tuples, lists and dicts,
 * conditions, and the arithmetic that builds names (`'ix_' + TABLE`,
 * `'%(a)s' % {...}`, f-strings), which the scope folds once names are known.
 * Anything else (subscripts, comprehensions) is not parsed: the converter
 * cannot know what it evaluates to, so it says so.
 */
export type PyExpr =
  | { readonly kind: 'str'; readonly value: string }
  | { readonly kind: 'num'; readonly value: number }
  | { readonly kind: 'const'; readonly value: boolean | null }
  | { readonly kind: 'name'; readonly id: string }
  | { readonly kind: 'attr'; readonly object: PyExpr; readonly name: string }
  | { readonly kind: 'call'; readonly func: PyExpr; readonly args: readonly PyExpr[]; readonly kwargs: ReadonlyMap<string, PyExpr> }
  | { readonly kind: 'tuple' | 'list'; readonly items: readonly PyExpr[] }
  | { readonly kind: 'dict'; readonly entries: readonly (readonly [PyExpr, PyExpr])[] }
  /** A comparison, boolean or arithmetic operator. */
  | { readonly kind: 'op'; readonly op: PyOperator; readonly operands: readonly PyExpr[] }

/** The operators a condition may use, and the arithmetic of constants. */
export type PyOperator = '==' | '!=' | 'in' | 'not in' | 'is' | 'is not' | 'and' | 'or' | 'not' | ArithmeticOperator

/** `+`, `-`, `*` and `%` (string formatting or remainder), folded when their operands are known. */
export type ArithmeticOperator = '+' | '-' | '*' | '%'

export type PyCall = Extract<PyExpr, { kind: 'call' }>

/** Why an expression could not be read; the converter turns it into a reason. */
export class UnsupportedPython extends Error {}

/**
 * Parses `tokens[from..to)` as one expression, all of it.
 *
 * @example
 * import { tokenizePython } from './alembic-tokens.js'
 * parseExpression(tokenizePython("('a', 'b')")[0]!.tokens)
 * // { kind: 'tuple', items: [{ kind: 'str', value: 'a' }, { kind: 'str', value: 'b' }] }
 */
export function parseExpression(tokens: readonly PyToken[], from = 0, to = tokens.length): PyExpr {
  const parser = new Parser(tokens.slice(from, to))
  const expr = parser.expressionList()
  if (!parser.done()) throw new UnsupportedPython(`unexpected '${parser.peek()?.text}'`)
  return expr
}

class Parser {
  #at = 0
  constructor(private readonly tokens: readonly PyToken[]) {}

  done(): boolean {
    return this.#at >= this.tokens.length
  }

  peek(): PyToken | undefined {
    return this.tokens[this.#at]
  }

  #isOp(text: string): boolean {
    const token = this.peek()
    return token?.kind === 'op' && token.text === text
  }

  #expect(text: string): void {
    if (!this.#isOp(text))
      throw new UnsupportedPython(`expected '${text}'${this.peek() ? ` before '${this.peek()!.text}'` : ' at the end'}`)
    this.#at++
  }

  /** `a, b` at the top level is a tuple, as in `down_revision = 'a', 'b'`. */
  expressionList(): PyExpr {
    const first = this.expression()
    if (!this.#isOp(',')) return first
    const items = [first]
    while (this.#isOp(',')) {
      this.#at++
      if (this.done()) break
      items.push(this.expression())
    }
    return { kind: 'tuple', items }
  }

  /** `a or b`, `a and b`, `not a`, and comparisons, with Python's precedence. */
  expression(): PyExpr {
    return this.#boolean('or', () => this.#boolean('and', () => this.#not()))
  }

  #boolean(op: 'or' | 'and', operand: () => PyExpr): PyExpr {
    const operands = [operand()]
    while (this.#isName(op)) {
      this.#at++
      operands.push(operand())
    }
    return operands.length === 1 ? operands[0]! : { kind: 'op', op, operands }
  }

  #not(): PyExpr {
    if (!this.#isName('not')) return this.#comparison()
    this.#at++
    return { kind: 'op', op: 'not', operands: [this.#not()] }
  }

  #comparison(): PyExpr {
    const left = this.#sum()
    const op = this.#comparisonOperator()
    if (op === undefined) return left
    const right = this.#sum()
    if (this.#comparisonOperator() !== undefined) throw new UnsupportedPython('a chained comparison')
    return { kind: 'op', op, operands: [left, right] }
  }

  /** Reads a comparison operator when one comes next. */
  #comparisonOperator(): PyOperator | undefined {
    if (this.#isOp('==') || this.#isOp('!=')) return this.tokens[this.#at++]!.text as PyOperator
    if (this.#isName('in')) {
      this.#at++
      return 'in'
    }
    const next = this.tokens[this.#at + 1]
    if (this.#isName('not') && next?.kind === 'name' && next.text === 'in') {
      this.#at += 2
      return 'not in'
    }
    if (this.#isName('is')) {
      this.#at++
      if (!this.#isName('not')) return 'is'
      this.#at++
      return 'is not'
    }
    if (['<', '>', '<=', '>='].some((o) => this.#isOp(o))) throw new UnsupportedPython(`the operator '${this.peek()!.text}'`)
    return undefined
  }

  #sum(): PyExpr {
    return this.#arithmetic(['+', '-'], () => this.#arithmetic(['*', '%'], () => this.#primary()))
  }

  /** Left-associative binary operators of one precedence level. */
  #arithmetic(ops: readonly ArithmeticOperator[], operand: () => PyExpr): PyExpr {
    let left = operand()
    for (;;) {
      const op = ops.find((o) => this.#isOp(o))
      if (op === undefined) return left
      this.#at++
      left = { kind: 'op', op, operands: [left, operand()] }
    }
  }

  #isName(text: string): boolean {
    const token = this.peek()
    return token?.kind === 'name' && token.text === text
  }

  #primary(): PyExpr {
    if (this.#isOp('-')) {
      this.#at++
      const operand = this.#primary()
      if (operand.kind !== 'num') throw new UnsupportedPython('a minus sign before something other than a number')
      return { kind: 'num', value: -operand.value }
    }
    let expr = this.#atom()
    for (;;) {
      if (this.#isOp('.')) {
        this.#at++
        const name = this.tokens[this.#at++]
        if (name?.kind !== 'name') throw new UnsupportedPython('an attribute name expected after "."')
        expr = { kind: 'attr', object: expr, name: name.text }
      } else if (this.#isOp('(')) {
        this.#at++
        expr = this.#call(expr)
      } else if (this.#isOp('[')) {
        // `x[key]` reads as `x.__getitem__(key)`, which the scope folds when x and key are known.
        this.#at++
        const key = this.expression()
        this.#expect(']')
        expr = { kind: 'call', func: { kind: 'attr', object: expr, name: '__getitem__' }, args: [key], kwargs: new Map() }
      } else return expr
    }
  }

  #call(func: PyExpr): PyExpr {
    const args: PyExpr[] = []
    const kwargs = new Map<string, PyExpr>()
    while (!this.#isOp(')')) {
      if (this.#isOp('**')) throw new UnsupportedPython('argument unpacking (**kwargs)')
      if (this.#isOp('*')) {
        // `*VALUES`: a one-operand '*', spread by the scope once VALUES is a known tuple or list.
        this.#at++
        if (kwargs.size > 0) throw new UnsupportedPython('a positional argument after a keyword argument')
        args.push({ kind: 'op', op: '*', operands: [this.expression()] })
        if (!this.#isOp(',')) break
        this.#at++
        continue
      }
      const token = this.peek()
      const next = this.tokens[this.#at + 1]
      if (token?.kind === 'name' && next?.kind === 'op' && next.text === '=') {
        this.#at += 2
        kwargs.set(token.text, this.expression())
      } else {
        if (kwargs.size > 0) throw new UnsupportedPython('a positional argument after a keyword argument')
        args.push(this.expression())
      }
      if (!this.#isOp(',')) break
      this.#at++
    }
    this.#expect(')')
    return { kind: 'call', func, args, kwargs }
  }

  /** An item of a tuple or list display: an expression, or `*VALUES` spread into it. */
  #item(): PyExpr {
    if (!this.#isOp('*')) return this.expression()
    this.#at++
    return { kind: 'op', op: '*', operands: [this.expression()] }
  }

  #sequence(close: string): PyExpr[] {
    const items: PyExpr[] = []
    while (!this.#isOp(close)) {
      items.push(this.#item())
      if (!this.#isOp(',')) break
      this.#at++
    }
    this.#expect(close)
    return items
  }

  #atom(): PyExpr {
    const token = this.tokens[this.#at++]
    if (token === undefined) throw new UnsupportedPython('an expression expected')
    switch (token.kind) {
      case 'string':
        return this.#strings(token)
      case 'number': {
        const value = Number(token.text.replaceAll('_', ''))
        if (!Number.isFinite(value)) throw new UnsupportedPython(`the number ${token.text}`)
        return { kind: 'num', value }
      }
      case 'name':
        if (token.text === 'True' || token.text === 'False') return { kind: 'const', value: token.text === 'True' }
        if (token.text === 'None') return { kind: 'const', value: null }
        if (['lambda', 'not', 'await', 'yield'].includes(token.text)) throw new UnsupportedPython(`'${token.text}' expressions`)
        return { kind: 'name', id: token.text }
      case 'op':
        if (token.text === '(') {
          if (this.#isOp(')')) {
            this.#at++
            return { kind: 'tuple', items: [] }
          }
          const inner = this.#item()
          if (this.#isOp(')') && !(inner.kind === 'op' && inner.op === '*' && inner.operands.length === 1)) {
            this.#at++
            return inner
          }
          this.#expect(',')
          return { kind: 'tuple', items: [inner, ...this.#sequence(')')] }
        }
        if (token.text === '[') return { kind: 'list', items: this.#sequence(']') }
        if (token.text === '{') return this.#dict()
        throw new UnsupportedPython(`'${token.text}'`)
    }
  }

  /** Adjacent literals concatenate (`'a' 'b'`), as Python does. */
  #strings(first: Extract<PyToken, { kind: 'string' }>): PyExpr {
    const parts: PyExpr[] = []
    for (let token: PyToken | undefined = first; token?.kind === 'string'; token = this.peek()) {
      if (token.prefix.includes('b')) throw new UnsupportedPython('bytes literals')
      parts.push(...(token.prefix.includes('f') ? formattedString(token.value) : [{ kind: 'str', value: token.value } as const]))
      if (token !== first) this.#at++
    }
    return parts.reduce((left, right) =>
      left.kind === 'str' && right.kind === 'str'
        ? { kind: 'str', value: left.value + right.value }
        : { kind: 'op', op: '+', operands: [left, right] },
    )
  }

  #dict(): PyExpr {
    const entries: (readonly [PyExpr, PyExpr])[] = []
    while (!this.#isOp('}')) {
      const key = this.expression()
      this.#expect(':')
      entries.push([key, this.expression()])
      if (!this.#isOp(',')) break
      this.#at++
    }
    this.#expect('}')
    return { kind: 'dict', entries }
  }
}

/**
 * An f-string's text and fields: `f'uq_{TABLE}0{COLUMN}'` is
 * `'uq_' + str(TABLE) + '0' + str(COLUMN)`. A field with a conversion or a
 * format spec (`{x!r}`, `{x:>3}`) is not read.
 */
function formattedString(text: string): PyExpr[] {
  const parts: PyExpr[] = []
  let literal = ''
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if ((c === '{' || c === '}') && text[i + 1] === c) {
      literal += c
      i++
      continue
    }
    if (c === '}') throw new UnsupportedPython("a single '}' in an f-string")
    if (c !== '{') {
      literal += c
      continue
    }
    const close = text.indexOf('}', i)
    const field = close < 0 ? '' : text.slice(i + 1, close)
    if (field.trim() === '' || /[!:{'"]/.test(field)) throw new UnsupportedPython('an f-string field other than a plain expression')
    if (literal !== '') parts.push({ kind: 'str', value: literal })
    literal = ''
    const [line] = tokenizePython(field.trim())
    parts.push({ kind: 'call', func: { kind: 'name', id: 'str' }, args: [parseExpression(line?.tokens ?? [])], kwargs: new Map() })
    i = close
  }
  if (literal !== '' || parts.length === 0) parts.push({ kind: 'str', value: literal })
  return parts
}

/**
 * The dotted name of a name or attribute chain (`sa.Column`), else undefined.
 *
 * @example
 * dottedName({ kind: 'attr', object: { kind: 'name', id: 'op' }, name: 'f' }) // 'op.f'
 */
export function dottedName(expr: PyExpr): string | undefined {
  if (expr.kind === 'name') return expr.id
  if (expr.kind !== 'attr') return undefined
  const object = dottedName(expr.object)
  return object === undefined ? undefined : `${object}.${expr.name}`
}
