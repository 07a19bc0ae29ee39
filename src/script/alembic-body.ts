import type { Operation, TableRef } from '../ops/operation.js'
import { CallArgs } from './alembic-args.js'
import { dottedName, parseExpression, UnsupportedPython, type PyCall } from './alembic-expr.js'
import type { PythonFunction } from './alembic-module.js'
import { asBatchOperation, translateCall } from './alembic-ops.js'
import type { LogicalLine } from './alembic-tokens.js'

/** A body translated whole, or the first statement that could not be, and why. */
export type TranslatedBody =
  | { readonly kind: 'ops'; readonly ops: readonly Operation[] }
  | { readonly kind: 'manual'; readonly line: number; readonly reason: string }

const isName = (line: LogicalLine, index: number, text: string) => {
  const token = line.tokens[index]
  return token?.kind === 'name' && token.text === text
}

const KEYWORDS = new Set(['for', 'if', 'while', 'try', 'def', 'class', 'import', 'from', 'return', 'raise', 'del', 'assert', 'global'])

function call(line: LogicalLine, from = 0, to = line.tokens.length): PyCall {
  const first = line.tokens[from]
  if (first?.kind === 'name' && KEYWORDS.has(first.text)) throw new UnsupportedPython(`a '${first.text}' statement is not translated`)
  // A keyword argument's '=' sits inside the call's parentheses; one outside them assigns.
  let depth = 0
  for (const t of line.tokens.slice(from, to)) {
    if (t.kind !== 'op') continue
    if ('([{'.includes(t.text)) depth++
    else if (')]}'.includes(t.text)) depth--
    else if (depth === 0 && t.text.endsWith('=') && !['==', '!=', '<=', '>='].includes(t.text))
      throw new UnsupportedPython('an assignment is not translated')
  }
  const expr = parseExpression(line.tokens, from, to)
  if (expr.kind !== 'call') throw new UnsupportedPython('a statement that is not an op.* call')
  return expr
}

/** `with op.batch_alter_table('t', schema=None) as batch_op:` → the table and the alias. */
function batchHeader(line: LogicalLine): { table: TableRef; alias: string; recreate: 'auto' | 'always' | 'never' } {
  const as = line.tokens.findIndex((t) => t.kind === 'name' && t.text === 'as')
  const alias = line.tokens[as + 1]
  const colon = line.tokens[as + 2]
  if (as < 0 || alias?.kind !== 'name' || colon?.text !== ':' || as + 3 !== line.tokens.length)
    throw new UnsupportedPython('a with-statement that is not "with op.batch_alter_table(...) as NAME:"')
  const header = call(line, 1, as)
  if (dottedName(header.func) !== 'op.batch_alter_table') throw new UnsupportedPython('a with-statement other than op.batch_alter_table')
  const args = new CallArgs(header, ['table_name', 'schema', 'recreate'])
  const recreate = args.optionalString('recreate') ?? 'auto'
  if (recreate !== 'auto' && recreate !== 'always' && recreate !== 'never')
    throw new UnsupportedPython(`batch_alter_table(recreate='${recreate}')`)
  const schema = args.optionalString('schema')
  return { table: { table: args.string('table_name'), ...(schema === undefined ? {} : { schema }) }, alias: alias.text, recreate }
}

/**
 * Translates an `upgrade()` or `downgrade()` body: `op.*` calls, batches of
 * `batch_op.*` calls, `pass` and docstrings. Any other statement (a loop, an
 * assignment, `op.get_bind()`, a call it does not know) leaves the whole
 * body to a person: half a translation would run a different migration.
 *
 * @example
 * import { readAlembicModule } from './alembic-module.js'
 * const source = "revision = 'b2'\ndown_revision = 'a1'\n\ndef upgrade():\n    op.drop_column('user', 'email')\n"
 * const script = readAlembicModule(source, 'b2_drop_email.py')
 * const body = script.upgrade && translateBody(script.upgrade)
 * if (body?.kind === 'manual') console.log(body.line, body.reason)
 */
export function translateBody(fn: PythonFunction): TranslatedBody {
  const ops: Operation[] = []
  const lines = fn.lines
  const indent = lines[0]?.indent ?? 0
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    try {
      if (line.indent !== indent) throw new UnsupportedPython('a nested block')
      if (line.tokens.length === 1 && isName(line, 0, 'pass')) continue
      if (line.tokens.every((t) => t.kind === 'string')) continue
      if (isName(line, 0, 'with')) {
        const { table, alias, recreate } = batchHeader(line)
        const inner: Operation[] = []
        for (; i + 1 < lines.length && lines[i + 1]!.indent > indent; i++) {
          const statement = lines[i + 1]!
          if (statement.tokens.length === 1 && isName(statement, 0, 'pass')) continue
          const batchCall = call(statement)
          if (batchCall.func.kind !== 'attr' || dottedName(batchCall.func.object) !== alias)
            throw new UnsupportedPython(`a statement in the batch that is not ${alias}.*()`)
          inner.push(translateCall(batchCall, table))
        }
        if (inner.length > 0) ops.push({ kind: 'batch_alter_table', ...table, recreate, ops: inner.map(asBatchOperation) })
        continue
      }
      const opCall = call(line)
      if (opCall.func.kind !== 'attr' || dottedName(opCall.func.object) !== 'op')
        throw new UnsupportedPython(`${dottedName(opCall.func) ?? 'a call'}() is not an op.* call`)
      ops.push(translateCall(opCall, undefined))
    } catch (error) {
      if (!(error instanceof UnsupportedPython)) throw error
      const at = (lines[i] ?? line).startLine
      const text = (fn.fileLines[at - 1] ?? '').trim()
      const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text
      return { kind: 'manual', line: at, reason: `\`${shown}\`: ${error.message}` }
    }
  }
  return { kind: 'ops', ops }
}
