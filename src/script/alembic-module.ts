import { dirname } from 'node:path'
import type { ScriptHeader } from './script-header.js'
import { AthanorError } from '../core/errors.js'
import { parseExpression, UnsupportedPython, type PyExpr } from './alembic-expr.js'
import { assignmentTarget, describeExpression, evaluateModuleLines, PythonScope } from './alembic-scope.js'
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
  /** The module's constants, enum classes and project imports, for reading the bodies. */
  readonly scope: PythonScope
  readonly upgrade?: PythonFunction
  readonly downgrade?: PythonFunction
}

const HEADER_NAMES = ['revision', 'down_revision', 'branch_labels', 'depends_on'] as const

/**
 * Reads an Alembic script's docstring, its four revision identifiers and
 * its `upgrade`/`downgrade` bodies. Identifiers are literals (a string,
 * None, or a tuple or list of strings), as every Alembic template writes
 * them, or names that stand for such literals: constants of the script, or
 * of a module of the project it imports (looked for from the script's
 * folder up). `path` is where the file is, when `file` (the name used in
 * messages) is not a path to it.
 *
 * @example
 * import { readFileSync } from 'node:fs'
 * const file = 'alembic/versions/ae1027a6acf_add_email.py'
 * const script = readAlembicModule(readFileSync(file, 'utf8'), file)
 * script.downRevisions // ['1975ea83b712']
 */
export function readAlembicModule(source: string, file: string, path = file): AlembicModule {
  let lines: LogicalLine[]
  try {
    lines = tokenizePython(source)
  } catch (error) {
    if (error instanceof PythonSyntaxError)
      throw new AthanorError('ALEMBIC_SCRIPT_UNREADABLE', `${file}:${error.line}: ${error.message}`, { cause: error })
    throw error
  }
  const physical = source.replace(/\r\n?/g, '\n').split('\n')
  const scope = new PythonScope()
  try {
    evaluateModuleLines(lines, scope, dirname(path))
  } catch (error) {
    throw new AthanorError('ALEMBIC_SCRIPT_UNREADABLE', `${file}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    })
  }
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
    const target = assignmentTarget(line)
    if (target === undefined) continue
    const written = line.tokens.length > target.valueAt ? safeParse(line, target.valueAt, file, name) : undefined
    header.set(name, identifiers(written, written && scope.resolve(written), file, line.startLine, name))
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
    scope,
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
function identifiers(written: PyExpr | undefined, value: PyExpr | undefined, file: string, line: number, name: string): readonly string[] {
  if (value === undefined || written === undefined) throw unreadable(file, line, name)
  if (value.kind === 'const' && value.value === null) return []
  if (value.kind === 'str') return [value.value]
  if ((value.kind === 'tuple' || value.kind === 'list') && value.items.every((item) => item.kind === 'str')) {
    return value.items.map((item) => (item.kind === 'str' ? item.value : ''))
  }
  const unknown = firstUnresolved(value)
  const what = unknown === undefined ? '' : ` (${describeExpression(unknown)} is neither defined in the script nor in a project module)`
  throw unreadable(file, line, name, undefined, what)
}

/** The first name or attribute left in a resolved value: what the reader could not follow. */
function firstUnresolved(value: PyExpr): PyExpr | undefined {
  if (value.kind === 'name' || value.kind === 'attr' || value.kind === 'call') return value
  if (value.kind === 'tuple' || value.kind === 'list') return value.items.map(firstUnresolved).find((v) => v !== undefined)
  return undefined
}

function unreadable(file: string, line: number, name: string, cause?: unknown, what = ''): AthanorError {
  return new AthanorError(
    'ALEMBIC_SCRIPT_UNREADABLE',
    `${file}${line > 0 ? `:${line}` : ''}: '${name}' is not a literal string, None, or tuple of strings${what}; ` +
      `write its value there, e.g. ${name} = ${name === 'revision' ? "'ae1027a6acf0'" : name === 'branch_labels' ? "('expand',)" : 'None'}`,
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
