/**
 * Python source as logical lines of tokens: just enough of Python's lexer
 * (https://docs.python.org/3/reference/lexical_analysis.html) to read an
 * Alembic script without running Python. Comments are dropped, brackets and
 * backslashes join physical lines, and each logical line keeps its
 * indentation and the physical lines it came from, so a body that cannot be
 * translated can be quoted as written.
 */

export type PyToken =
  | { readonly kind: 'name'; readonly text: string }
  | { readonly kind: 'number'; readonly text: string }
  /** `prefix` is the lower-cased string prefix (`r`, `b`, `f`, `rb`…); `value` is decoded. */
  | { readonly kind: 'string'; readonly text: string; readonly value: string; readonly prefix: string }
  | { readonly kind: 'op'; readonly text: string }

export interface LogicalLine {
  /** Columns of leading whitespace on the first physical line (a tab counts as 8, as Python's tokenizer). */
  readonly indent: number
  readonly tokens: readonly PyToken[]
  /** First and last physical line, 1-based. */
  readonly startLine: number
  readonly endLine: number
}

const OPERATORS = [
  '**=',
  '//=',
  '>>=',
  '<<=',
  '...',
  '->',
  ':=',
  '**',
  '//',
  '==',
  '!=',
  '<=',
  '>=',
  '<<',
  '>>',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '@=',
]
const SINGLE = '()[]{},:.;@=+-*/%<>&|^~'
const STRING_START = /^([rRbBuUfF]{0,2})('''|"""|'|")/

/** Thrown for text the lexer cannot read: the caller names the file. */
export class PythonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message)
  }
}

/**
 * Splits Python source into logical lines.
 *
 * @example
 * tokenizePython("revision = 'ae10'\n")[0]?.tokens.map((t) => t.text) // ['revision', '=', "'ae10'"]
 */
export function tokenizePython(source: string): LogicalLine[] {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  const lines: LogicalLine[] = []
  let tokens: PyToken[] = []
  let depth = 0
  let line = 1
  let startLine = 1
  let indent = 0
  let atLineStart = true
  let i = 0
  const finish = () => {
    if (tokens.length > 0) lines.push({ indent, tokens, startLine, endLine: line })
    tokens = []
  }
  while (i < text.length) {
    if (atLineStart) {
      let width = 0
      while (text[i] === ' ' || text[i] === '\t') width = text[i++] === '\t' ? (Math.floor(width / 8) + 1) * 8 : width + 1
      indent = width
      startLine = line
      atLineStart = false
      continue
    }
    const ch = text[i]!
    if (ch === '\n') {
      i++
      if (depth === 0) finish()
      line++
      if (depth === 0) atLineStart = true
      continue
    }
    if (ch === ' ' || ch === '\t' || ch === '\f') {
      i++
      continue
    }
    if (ch === '#') {
      while (i < text.length && text[i] !== '\n') i++
      continue
    }
    if (ch === '\\' && text[i + 1] === '\n') {
      i += 2
      line++
      continue
    }
    const str = STRING_START.exec(text.slice(i, i + 5))
    if (str) {
      const read = readString(text, i, str[1]!.toLowerCase(), str[2]!, line)
      tokens.push(read.token)
      line += read.newlines
      i = read.end
      continue
    }
    const word = /^[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*/.exec(text.slice(i, i + 200))
    if (word) {
      tokens.push({ kind: 'name', text: word[0] })
      i += word[0].length
      continue
    }
    const number = /^(?:0[xXoObB][0-9a-fA-F_]+|(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][+-]?\d+)?[jJ]?)/.exec(text.slice(i, i + 100))
    if (number && number[0] !== '') {
      tokens.push({ kind: 'number', text: number[0] })
      i += number[0].length
      continue
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i)) ?? (SINGLE.includes(ch) ? ch : undefined)
    if (op === undefined) throw new PythonSyntaxError(`unexpected character '${ch}'`, line)
    if (op === '(' || op === '[' || op === '{') depth++
    if (op === ')' || op === ']' || op === '}') depth = Math.max(0, depth - 1)
    tokens.push({ kind: 'op', text: op })
    i += op.length
  }
  finish()
  return lines
}

function readString(
  text: string,
  start: number,
  prefix: string,
  quote: string,
  line: number,
): { token: PyToken; end: number; newlines: number } {
  let i = start + prefix.length + quote.length
  let value = ''
  let newlines = 0
  const raw = prefix.includes('r')
  for (;;) {
    if (i >= text.length) throw new PythonSyntaxError('unterminated string', line)
    if (text.startsWith(quote, i)) break
    const ch = text[i]!
    if (ch === '\n') {
      if (quote.length === 1) throw new PythonSyntaxError('unterminated string', line)
      newlines++
    }
    if (ch === '\\' && i + 1 < text.length) {
      const next = text[i + 1]!
      if (next === '\n') newlines++
      if (raw) value += ch + next
      else value += readEscape(text, i, (n) => (i += n))
      i += 2
      continue
    }
    value += ch
    i++
  }
  const end = i + quote.length
  return { token: { kind: 'string', text: text.slice(start, end), value, prefix }, end, newlines }
}

/** One escape sequence at `at` (the backslash); `skip` moves past characters beyond the first two. */
function readEscape(text: string, at: number, skip: (n: number) => void): string {
  const next = text[at + 1]!
  const simple: Record<string, string> = {
    '\n': '',
    '\\': '\\',
    "'": "'",
    '"': '"',
    a: '\x07',
    b: '\b',
    f: '\f',
    n: '\n',
    r: '\r',
    t: '\t',
    v: '\v',
  }
  if (next in simple) return simple[next]!
  const hex = (length: number) => {
    const digits = text.slice(at + 2, at + 2 + length)
    if (!new RegExp(`^[0-9a-fA-F]{${length}}$`).test(digits)) return undefined
    skip(length)
    return String.fromCodePoint(parseInt(digits, 16))
  }
  if (next === 'x') return hex(2) ?? '\\x'
  if (next === 'u') return hex(4) ?? '\\u'
  if (next === 'U') return hex(8) ?? '\\U'
  const octal = /^[0-7]{1,3}/.exec(text.slice(at + 1, at + 4))
  if (octal) {
    skip(octal[0].length - 1)
    return String.fromCharCode(parseInt(octal[0], 8))
  }
  // Python keeps an unknown escape as written.
  return `\\${next}`
}
