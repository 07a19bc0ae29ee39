import { DIALECT_URLS, type DialectName } from '../core/dialect-name.js'
import type { Operation, TableRef } from '../ops/operation.js'
import { CallArgs } from './alembic-args.js'
import { dialectsWhere, isBindUrl } from './alembic-condition.js'
import { ENUM_TYPE_DIALECTS, postgresEnumOf } from './alembic-dialect-types.js'
import { endsTransaction, executeOperation, isBind } from './alembic-execute.js'
import { dottedName, parseExpression, UnsupportedPython, type PyCall, type PyExpr } from './alembic-expr.js'
import type { PythonFunction } from './alembic-module.js'
import { asBatchOperation, changesNothing, needsAutocommit, partialIndexWheres, translateCall, translateCalls } from './alembic-ops.js'
import { assignmentTarget, PythonScope } from './alembic-scope.js'
import { tableIndexCalls } from './alembic-create-table.js'
import type { LogicalLine } from './alembic-tokens.js'
import type { BodyStatement, TranslatedBody } from './alembic-statement.js'
import { addressUnnamed, type UnnamedForeignKeys } from './alembic-unnamed.js'

const isName = (line: LogicalLine, index: number, text: string) => {
  const token = line.tokens[index]
  return token?.kind === 'name' && token.text === text
}

const KEYWORDS = new Set(['while', 'try', 'def', 'class', 'import', 'from', 'raise', 'del', 'assert', 'global', 'nonlocal', 'lambda'])

/** Callees an assignment may bind without running anything: constructors and the bind itself. */
const PURE_CALLEES = new Set(['table', 'column', 'text', 'get_bind', 'get_context', 'f', 'inline_literal', 'literal_column'])

/** `sa.Table('t', metadata, autoload_with=bind)` as a statement: it reads the table into the metadata, changing nothing. */
const REFLECTION = /^(sa|sqlalchemy|sql|sa\.sql|sqlalchemy\.sql)\.(Table|MetaData)$/

/** Calls that only log: they change nothing in the database. */
const LOGGING = /^(print|(LOG|log|logger|LOGGER)\.(info|debug|warning|warn|error|exception))$/

/** Thrown with the line of a nested statement, so the reason names it rather than its block's first line. */
class AtLine extends Error {
  constructor(
    readonly line: number,
    reason: UnsupportedPython,
  ) {
    super(reason.message)
  }
}

/** The colon that ends a block header (`if …:`), outside brackets. */
function headerColon(line: LogicalLine): number {
  let depth = 0
  for (let i = 0; i < line.tokens.length; i++) {
    const t = line.tokens[i]!
    if (t.kind !== 'op') continue
    if ('([{'.includes(t.text)) depth++
    else if (')]}'.includes(t.text)) depth--
    else if (t.text === ':' && depth === 0) return i
  }
  return -1
}

function expression(line: LogicalLine, from = 0, to = line.tokens.length): PyExpr {
  const first = line.tokens[from]
  if (first?.kind === 'name' && KEYWORDS.has(first.text)) throw new UnsupportedPython(`a '${first.text}' statement is not translated`)
  return parseExpression(line.tokens, from, to)
}

/**
 * Translates an `upgrade()` or `downgrade()` body statement by statement,
 * reading names through the script's scope: `op.*` calls, batches,
 * `conn = op.get_bind()` and `conn.execute(sa.text(…), params)`,
 * assignments of constants and `sa.table(…)`, `for` loops over literals
 * (unrolled), and `if` statements on the dialect's name (kept, as
 * `op.dialect` tests) or on constants (decided now). Any other statement
 * leaves the whole body to a person: half a translation would run a
 * different migration.
 *
 * @example
 * import { readAlembicModule } from './alembic-module.js'
 * const source = "revision = 'b2'\ndown_revision = 'a1'\n\ndef upgrade():\n    op.drop_column('user', 'email')\n"
 * const script = readAlembicModule(source, 'b2_drop_email.py')
 * const body = script.upgrade && translateBody(script.upgrade, script.scope)
 * if (body?.kind === 'manual') console.log(body.line, body.reason)
 */
export function translateBody(fn: PythonFunction, scope: PythonScope, unnamed: UnnamedForeignKeys = new Map()): TranslatedBody {
  const lines = fn.lines
  try {
    const reader = new BodyReader(lines, unnamed)
    const read = reader.block(0, lines.length, new PythonScope(scope))
    // The statements before a COMMIT ran in Alembic's transaction: the script opens one of its own for them.
    const statements: BodyStatement[] = reader.beginsTransaction ? [{ kind: 'op', op: { kind: 'execute', sql: 'BEGIN' } }, ...read] : read
    return { kind: 'ops', statements, autocommit: reader.autocommit || statements.some(runsConcurrently) }
  } catch (error) {
    const failure =
      error instanceof AtLine ? error : error instanceof UnsupportedPython ? new AtLine(lines[0]?.startLine ?? 0, error) : undefined
    if (failure === undefined) throw error
    const text = (fn.fileLines[failure.line - 1] ?? '').trim()
    const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text
    return { kind: 'manual', line: failure.line, reason: `\`${shown}\`: ${failure.message}` }
  }
}

class BodyReader {
  /** The body has `with op.get_context().autocommit_block():`, or ends Alembic's transaction with a COMMIT. */
  autocommit = false
  /** A COMMIT after other statements: they ran in Alembic's transaction, so the body begins one for them. */
  beginsTransaction = false
  /** Operations read so far. */
  #operations = 0
  /** How deep the block being read is: 1 in the function's own body. */
  #depth = 0

  constructor(
    private readonly lines: readonly LogicalLine[],
    private readonly unnamed: UnnamedForeignKeys,
  ) {}

  /** The end of the block whose header is at `at`: the next line indented no deeper than it. */
  #blockEnd(at: number, to: number): number {
    let end = at + 1
    while (end < to && this.lines[end]!.indent > this.lines[at]!.indent) end++
    return end
  }

  block(from: number, to: number, scope: PythonScope): BodyStatement[] {
    this.#depth++
    try {
      return this.#statements(from, to, scope)
    } finally {
      this.#depth--
    }
  }

  #statements(from: number, to: number, scope: PythonScope): BodyStatement[] {
    const out: BodyStatement[] = []
    for (let i = from; i < to; ) {
      const line = this.lines[i]!
      const end = this.#blockEnd(i, to)
      try {
        if (isName(line, 0, 'if')) {
          const { statements, next } = this.#ifChain(i, to, scope)
          out.push(...statements)
          i = next
          continue
        }
        if (isName(line, 0, 'for')) out.push(...this.#forLoop(i, end, scope))
        else if (isName(line, 0, 'with') && this.#isAutocommitBlock(line, scope)) {
          this.autocommit = true
          out.push(...this.block(i + 1, end, new PythonScope(scope)))
        } else if (isName(line, 0, 'with')) out.push(this.#batch(i, end, scope))
        else if (end > i + 1) throw new UnsupportedPython('a block statement that is not if, for or with op.batch_alter_table')
        else out.push(...this.#simple(line, scope))
      } catch (error) {
        if (error instanceof UnsupportedPython) throw new AtLine(line.startLine, error)
        throw error
      }
      i = end
    }
    return out
  }

  #simple(line: LogicalLine, scope: PythonScope): BodyStatement[] {
    if (line.tokens.length === 1 && (isName(line, 0, 'pass') || isName(line, 0, 'return'))) return []
    if (line.tokens.every((t) => t.kind === 'string')) return []
    const target = assignmentTarget(line)
    if (target !== undefined) {
      const value = scope.resolve(expression(line, target.valueAt))
      // `t = op.create_table(...)` creates the table and names it for a later op.bulk_insert(t, ...).
      const creates = value.kind === 'call' && dottedName(value.func) === 'op.create_table'
      if (!creates) assertPure(value)
      scope.bind(target.name, value)
      return creates ? this.#operation(value) : []
    }
    const call = scope.resolve(expression(line))
    if (call.kind !== 'call') throw new UnsupportedPython('a statement that is not a call')
    const callee = dottedName(call.func) ?? ''
    if (LOGGING.test(callee) || REFLECTION.test(callee)) return []
    if (endsTransaction(call)) return this.#commit()
    return this.#operation(call)
  }

  /**
   * `op.execute('COMMIT')` or `op.get_bind().commit()`: Alembic's
   * transaction ends there and what follows runs outside it (psycopg2 sends
   * it as it comes). The script exports `transactional = false`; before any
   * other statement the COMMIT is left out (SQLite refuses one with no
   * transaction open), after some the body begins a transaction of its own
   * for them and commits it there. A later COMMIT ends nothing more. Inside
   * an `if` or a loop the two would not pair up, so it is left to a person.
   */
  #commit(): BodyStatement[] {
    this.autocommit = true
    if (this.#operations === 0 || this.beginsTransaction) return []
    if (this.#depth > 1) throw new UnsupportedPython('a COMMIT inside a block, after other statements')
    this.beginsTransaction = true
    return [{ kind: 'op', op: { kind: 'execute', sql: 'COMMIT' } }]
  }

  #operation(call: PyCall): BodyStatement[] {
    // sa.Index(...) inside op.create_table: the table, then each index as op.create_index makes it.
    const { table, indexes } = dottedName(call.func) === 'op.create_table' ? tableIndexCalls(call) : { table: call, indexes: [] }
    if (indexes.length > 0) return [table, ...indexes].flatMap((each) => this.#operation(each))
    this.#operations++
    const statements = callStatement(call).flatMap((translated) => {
      const op = addressUnnamed(translated, this.unnamed)
      return [...enumTypesFor(op), { kind: 'op', op } as const]
    })
    const [only] = statements
    const wheres = partialIndexWheres(call)
    if (wheres.length === 0 || statements.length !== 1 || only?.kind !== 'op' || only.op.kind !== 'create_index') return statements
    // A partial index where the script asks for one, a full index on the other dialects.
    const full = only.op
    return wheres.reduceRight<BodyStatement[]>(
      (otherwise, [dialect, where]) => [
        { kind: 'if', dialects: [dialect], body: [{ kind: 'op', op: { ...full, index: { ...full.index, where } } }], otherwise },
      ],
      statements,
    )
  }

  /** `if`/`elif`/`else`: each dialect takes the first branch whose condition holds there. */
  #ifChain(at: number, to: number, scope: PythonScope): { statements: BodyStatement[]; next: number } {
    const branches: { test: DialectName[]; body: BodyStatement[] }[] = []
    let i = at
    let otherwise: BodyStatement[] = []
    let open = true
    while (open && i < to) {
      const line = this.lines[i]!
      const end = this.#blockEnd(i, to)
      const colon = headerColon(line)
      const keyword = line.tokens[0]?.text
      if (i !== at && keyword !== 'elif' && keyword !== 'else') break
      if (colon !== line.tokens.length - 1) throw new AtLine(line.startLine, new UnsupportedPython('a one-line if statement'))
      try {
        if (keyword === 'else') {
          otherwise = this.block(i + 1, end, new PythonScope(scope))
          open = false
        } else {
          const condition = scope.resolve(expression(line, 1, colon))
          branches.push({ test: dialectsWhere(condition), body: this.block(i + 1, end, new PythonScope(scope)) })
        }
      } catch (error) {
        if (error instanceof UnsupportedPython) throw new AtLine(line.startLine, error)
        throw error
      }
      i = end
    }
    // Dialects a branch takes are those whose test holds there and in no earlier branch.
    let statements = otherwise
    const taken = new Set<DialectName>()
    const chosen = branches.map((b) => {
      const dialects = b.test.filter((d) => !taken.has(d))
      for (const d of dialects) taken.add(d)
      return { dialects, body: b.body }
    })
    const all = Object.keys(DIALECT_URLS) as DialectName[]
    for (const branch of chosen.reverse()) {
      if (branch.dialects.length === 0) continue
      statements =
        branch.dialects.length === all.length
          ? branch.body
          : [{ kind: 'if', dialects: branch.dialects, body: branch.body, otherwise: statements }]
    }
    return { statements: simplify(statements), next: i }
  }

  /** `for name in [literals]:` (or a tuple of names): the body once per item. */
  #forLoop(at: number, end: number, scope: PythonScope): BodyStatement[] {
    const line = this.lines[at]!
    const inAt = line.tokens.findIndex((t) => t.kind === 'name' && t.text === 'in')
    const colon = headerColon(line)
    if (inAt < 0 || colon !== line.tokens.length - 1) throw new UnsupportedPython('a for statement that is not "for NAME in VALUES:"')
    const target = expression(line, 1, inAt)
    const names = target.kind === 'name' ? [target.id] : target.kind === 'tuple' ? target.items.map(loopName) : undefined
    if (names === undefined) throw new UnsupportedPython('a for statement over something other than names')
    const values = scope.resolve(expression(line, inAt + 1, colon))
    const items = iterable(values)
    const out: BodyStatement[] = []
    for (const item of items) {
      const inner = new PythonScope(scope)
      if (target.kind === 'name') inner.bind(target.id, item)
      else {
        if ((item.kind !== 'tuple' && item.kind !== 'list') || item.items.length !== names.length)
          throw new UnsupportedPython(`a for loop unpacking ${names.length} names from an item of another shape`)
        for (const [k, name] of names.entries()) inner.bind(name, item.items[k]!)
      }
      out.push(...this.block(at + 1, end, inner))
    }
    return out
  }

  /**
   * `with op.get_context().autocommit_block():` (or through a name bound
   * to the context): Alembic commits, runs the block in autocommit, then begins
   * again. athanor runs such a script without a transaction, so the block's
   * statements are translated in place.
   */
  #isAutocommitBlock(line: LogicalLine, scope: PythonScope): boolean {
    const colon = headerColon(line)
    if (colon !== line.tokens.length - 1 || line.tokens.some((t) => t.kind === 'name' && t.text === 'as')) return false
    const header = scope.resolve(expression(line, 1, colon))
    return (
      header.kind === 'call' &&
      header.args.length === 0 &&
      header.kwargs.size === 0 &&
      header.func.kind === 'attr' &&
      header.func.name === 'autocommit_block' &&
      isMigrationContext(header.func.object)
    )
  }

  /** `with op.batch_alter_table('t', schema=None) as batch_op:` and its `batch_op.*` calls. */
  #batch(at: number, end: number, scope: PythonScope): BodyStatement {
    const line = this.lines[at]!
    const as = line.tokens.findIndex((t) => t.kind === 'name' && t.text === 'as')
    const alias = line.tokens[as + 1]
    if (as < 0 || alias?.kind !== 'name' || line.tokens[as + 2]?.text !== ':' || as + 3 !== line.tokens.length)
      throw new UnsupportedPython('a with-statement that is not "with op.batch_alter_table(...) as NAME:"')
    const header = scope.resolve(expression(line, 1, as))
    if (header.kind !== 'call' || dottedName(header.func) !== 'op.batch_alter_table')
      throw new UnsupportedPython('a with-statement other than op.batch_alter_table')
    const args = new CallArgs(header, ['table_name', 'schema', 'recreate'], [], ['table_kwargs', 'reflect_args', 'naming_convention'])
    const recreate = args.optionalString('recreate') ?? 'auto'
    if (recreate !== 'auto' && recreate !== 'always' && recreate !== 'never')
      throw new UnsupportedPython(`batch_alter_table(recreate='${recreate}')`)
    const schema = args.optionalString('schema')
    const table: TableRef = { table: args.string('table_name'), ...(schema === undefined ? {} : { schema }) }
    const inner = new PythonScope(scope)
    const ops = []
    for (let i = at + 1; i < end; i++) {
      const statement = this.lines[i]!
      try {
        if (statement.tokens.length === 1 && isName(statement, 0, 'pass')) continue
        if (statement.indent !== this.lines[at + 1]!.indent) throw new UnsupportedPython('a nested block inside a batch')
        const call = inner.resolve(expression(statement))
        if (call.kind !== 'call' || call.func.kind !== 'attr' || dottedName(call.func.object) !== alias.text)
          throw new UnsupportedPython(`a statement in the batch that is not ${alias.text}.*()`)
        const op = translateCall(call, table)
        if (!changesNothing(op)) ops.push(addressUnnamed(asBatchOperation(op), this.unnamed))
      } catch (error) {
        if (error instanceof UnsupportedPython) throw new AtLine(statement.startLine, error)
        throw error
      }
    }
    this.#operations++
    return { kind: 'op', op: { kind: 'batch_alter_table', ...table, recreate, ops } }
  }
}

/** `op.get_context()`, or `context.get_context()` of Alembic's environment module: the migration context. */
function isMigrationContext(expr: PyExpr): boolean {
  const callee = expr.kind === 'call' && expr.args.length === 0 ? dottedName(expr.func) : undefined
  return callee === 'op.get_context' || callee === 'context.get_context'
}

/** A statement that builds or drops an index concurrently, at any depth of `if`. */
function runsConcurrently(statement: BodyStatement): boolean {
  if (statement.kind === 'op') return needsAutocommit(statement.op)
  return [...statement.body, ...statement.otherwise].some(runsConcurrently)
}

function loopName(expr: PyExpr): string {
  if (expr.kind !== 'name') throw new UnsupportedPython('a for statement over something other than names')
  return expr.id
}

/** The items a `for` loop would see, when the converter knows them. */
function iterable(value: PyExpr): readonly PyExpr[] {
  if (value.kind === 'list' || value.kind === 'tuple') return value.items
  if (value.kind === 'dict') return value.entries.map(([key]) => key)
  if (value.kind === 'call' && value.func.kind === 'attr' && value.args.length === 0 && value.func.object.kind === 'dict') {
    const entries = value.func.object.entries
    if (value.func.name === 'items') return entries.map(([k, v]) => ({ kind: 'tuple', items: [k, v] }))
    if (value.func.name === 'keys') return entries.map(([k]) => k)
    if (value.func.name === 'values') return entries.map(([, v]) => v)
  }
  throw new UnsupportedPython('a for loop over values not known before it runs')
}

/** An assignment binds a value; one that calls something could run it, so only constructors pass. */
function assertPure(value: PyExpr): void {
  if (isBindUrl(value)) return
  if (value.kind === 'call') {
    const name = value.func.kind === 'attr' ? value.func.name : value.func.kind === 'name' ? value.func.id : undefined
    const constructs = name !== undefined && (/^[A-Z]/.test(name) || PURE_CALLEES.has(name))
    if (!constructs) throw new UnsupportedPython(`an assignment from ${dottedName(value.func) ?? 'a call'}() is not translated`)
    assertPure(value.func)
    for (const arg of [...value.args, ...value.kwargs.values()]) assertPure(arg)
  } else if (value.kind === 'attr') assertPure(value.object)
  else if (value.kind === 'tuple' || value.kind === 'list') value.items.forEach(assertPure)
  else if (value.kind === 'dict') {
    for (const [k, v] of value.entries) {
      assertPure(k)
      assertPure(v)
    }
  }
}

/** An expression statement: an `op.*` call, or `conn.execute(...)` on the migration's connection. */
function callStatement(call: PyCall): Operation[] {
  if (call.func.kind === 'attr' && call.func.name === 'execute' && isBind(call.func.object)) return [executeOperation(call)]
  if (call.func.kind !== 'attr' || dottedName(call.func.object) !== 'op')
    throw new UnsupportedPython(`${dottedName(call.func) ?? 'a call'}() is not an op.* call`)
  return translateCalls(call)
}

/** An `if` whose branches are all empty says nothing. */
function simplify(statements: BodyStatement[]): BodyStatement[] {
  return statements.filter((s) => s.kind !== 'if' || s.body.length > 0 || s.otherwise.length > 0)
}

/**
 * SQLAlchemy's create_table creates the PostgreSQL enum types of its columns
 * first (add_column does not: the type must exist); the converted script
 * does the same, on the dialects that have such types.
 */
function enumTypesFor(op: Operation): BodyStatement[] {
  if (op.kind !== 'create_table') return []
  const types = op.table.columns.map((c) => postgresEnumOf(c.type)).filter((e) => e !== undefined)
  if (types.length === 0) return []
  const quoteLiteral = (value: string) => `'${value.replaceAll("'", "''")}'`
  const creates: BodyStatement[] = types.map((e) => ({
    kind: 'op',
    op: { kind: 'execute', sql: `CREATE TYPE ${e.name} AS ENUM (${e.values.map(quoteLiteral).join(', ')})` },
  }))
  return [{ kind: 'if', dialects: ENUM_TYPE_DIALECTS, body: creates, otherwise: [] }]
}
