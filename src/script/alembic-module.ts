import type { ScriptHeader } from './script-header.js'
import { AthanorError } from '../core/errors.js'
import { parseExpression, UnsupportedPython, type PyExpr } from './alembic-expr.js'
import { PythonSyntaxError, tokenizePython, type LogicalLine } from './alembic-tokens.js'

/** A function of the script (`upgrade`, `downgrade`): its statements and its text as written. */
export interface PythonFunction {
  /** The statements of the body, nested blocks included, in order. */
  readonly lines: readonly LogicalLine[]
  /** The body's physical lines, dedented, for quoting when it is not translated. */
  readonly source: string
  /** The whole file's physical lines, so a reason can quote the statement at fault. */
  readonly fileLines: readonly string[]
}

/** What an Alembic revision script says, read without running it. */
export interface AlembicModule extends ScriptHeader {
  readonly file: string
  readonly upgrade?: PythonFunction
  readonly downgrade?: PythonFunction
}

const HEADER_NAMES = ['revision', 'down_revision', 'branch_labels', 'depends_on'] as const

/**
 * Reads an Alembic script's docstring, its four revision identifiers and
 * its `upgrade`/`downgrade` bodies. Identifiers must be literals (a string,
 * None, or a tuple or list of strings), which every Alembic template writes.
 *
 * @example
 * import { readFileSync } from 'node:fs'
 * const file = 'alembic/versions/ae1027a6acf_add_email.py'
 * const script = readAlembicModule(readFileSync(file, 'utf8'), file)
 * script.downRevisions // ['1975ea83b712']
 */
export function readAlembicModule(source: string, file: string): AlembicModule {
  let lines: LogicalLine[]
  try {
    lines = tokenizePython(source)
  } catch (error) {
    if (error instanceof PythonSyntaxError)
      throw new AthanorError('ALEMBIC_SCRIPT_UNREADABLE', `${file}:${error.line}: ${error.message}`, { cause: error })
    throw error
  }
  const physical = source.replace(/\r\n?/g, '\n').split('\n')
  const header = new Map<string, readonly string[]>()
  const functions = new Map<string, PythonFunction>()
  let docstring: string | undefined
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (line.indent !== 0) continue
    const [first, second] = line.tokens
    if (i === 0 && first?.kind === 'string' && line.tokens.every((t) => t.kind === 'string')) {
      docstring = line.tokens.map((t) => (t.kind === 'string' ? t.value : '')).join('')
      continue
    }
    if (
      first?.kind === 'name' &&
      first.text === 'def' &&
      second?.kind === 'name' &&
      (second.text === 'upgrade' || second.text === 'downgrade')
    ) {
      let end = i + 1
      while (end < lines.length && lines[end]!.indent > 0) end++
      functions.set(second.text, bodyOf(line, lines.slice(i + 1, end), physical))
      i = end - 1
      continue
    }
    const name = first?.kind === 'name' ? (HEADER_NAMES as readonly string[]).find((n) => n === first.text) : undefined
    if (name === undefined) continue
    // `revision: str = 'ae10'` (Alembic 1.11+ templates) as well as `revision = 'ae10'`.
    const equals = line.tokens.findIndex((t) => t.kind === 'op' && t.text === '=')
    if (equals < 0) continue
    header.set(
      name,
      identifiers(line.tokens.length > equals + 1 ? safeParse(line, equals + 1, file, name) : undefined, file, line.startLine, name),
    )
  }
  const revision = header.get('revision')
  if (revision === undefined || revision.length !== 1) {
    throw new AthanorError('ALEMBIC_SCRIPT_UNREADABLE', `${file}: no 'revision = "..."' line; is it an Alembic revision script?`)
  }
  const doc = docstring ?? ''
  const message =
    doc
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '') ?? ''
  const createDate = /^\s*Create Date:\s*(.+?)\s*$/m.exec(doc)?.[1]
  const upgrade = functions.get('upgrade')
  const downgrade = functions.get('downgrade')
  return {
    file,
    revision: revision[0]!,
    downRevisions: header.get('down_revision') ?? [],
    branchLabels: header.get('branch_labels') ?? [],
    dependsOn: header.get('depends_on') ?? [],
    message: /^Revision ID:/.test(message) ? '' : message,
    ...(createDate ? { createDate } : {}),
    ...(upgrade ? { upgrade } : {}),
    ...(downgrade ? { downgrade } : {}),
  }
}

function safeParse(line: LogicalLine, from: number, file: string, name: string): PyExpr {
  try {
    return parseExpression(line.tokens, from)
  } catch (error) {
    if (error instanceof UnsupportedPython) throw unreadable(file, line.startLine, name, error)
    throw error
  }
}

/** None → [], a string → [it], a tuple or list of strings → them. */
function identifiers(value: PyExpr | undefined, file: string, line: number, name: string): readonly string[] {
  if (value === undefined) throw unreadable(file, line, name)
  if (value.kind === 'const' && value.value === null) return []
  if (value.kind === 'str') return [value.value]
  if ((value.kind === 'tuple' || value.kind === 'list') && value.items.every((item) => item.kind === 'str')) {
    return value.items.map((item) => (item.kind === 'str' ? item.value : ''))
  }
  throw unreadable(file, line, name)
}

function unreadable(file: string, line: number, name: string, cause?: unknown): AthanorError {
  return new AthanorError(
    'ALEMBIC_SCRIPT_UNREADABLE',
    `${file}${line > 0 ? `:${line}` : ''}: '${name}' is not a literal string, None, or tuple of strings`,
    cause === undefined ? {} : { cause },
  )
}

/** A `def` line and the indented lines after it (or the statement after its colon: `def upgrade(): pass`). */
function bodyOf(def: LogicalLine, block: readonly LogicalLine[], physical: readonly string[]): PythonFunction {
  let depth = 0
  let colon = -1
  def.tokens.forEach((t, index) => {
    if (t.kind !== 'op') return
    if ('([{'.includes(t.text)) depth++
    else if (')]}'.includes(t.text)) depth--
    else if (t.text === ':' && depth === 0 && colon < 0) colon = index
  })
  const inline = colon >= 0 && colon < def.tokens.length - 1
  if (inline) {
    const statement: LogicalLine = { ...def, tokens: def.tokens.slice(colon + 1) }
    const text = physical.slice(def.startLine - 1, def.endLine).join('\n')
    return { lines: [statement], source: text.slice(text.indexOf(':', text.indexOf(')')) + 1).trim(), fileLines: physical }
  }
  const last = block.at(-1)
  const raw = last === undefined ? [] : physical.slice(def.endLine, last.endLine)
  const margin = Math.min(...raw.filter((l) => l.trim() !== '').map((l) => /^\s*/.exec(l)![0].length))
  return { lines: block, source: raw.map((l) => l.slice(Number.isFinite(margin) ? margin : 0)).join('\n'), fileLines: physical }
}
