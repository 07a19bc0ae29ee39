import { existsSync, readFileSync } from 'node:fs'
import { delimiter, dirname, join } from 'node:path'
import { foldArithmetic, foldStr, foldSubscript } from './alembic-arithmetic.js'
import { dottedName, parseExpression, UnsupportedPython, type PyExpr } from './alembic-expr.js'
import { tokenizePython, type LogicalLine, type PyToken } from './alembic-tokens.js'

/**
 * What the names of an Alembic script stand for, read without running
 * Python: module-level constants (`EXPAND = 'expand'`), names imported from
 * the project's own modules (`from neutron.db.migration import cli`, then
 * `cli.EXPAND_BRANCH`), and `enum.Enum` classes defined in the script. Names
 * from outside the project (`sa`, `op`, `postgresql`) are left as written:
 * the translators read them by their last dotted part.
 */
export class PythonScope {
  readonly #values = new Map<string, PyExpr>()
  readonly #modules = new Map<string, ModuleRef>()
  readonly #enums = new Map<string, EnumClass>()

  constructor(readonly parent?: PythonScope) {}

  /** Binds a name to a value, already resolved. */
  bind(name: string, value: PyExpr): void {
    this.#values.set(name, value)
    this.#modules.delete(name)
  }

  bindModule(name: string, module: ModuleRef): void {
    this.#modules.set(name, module)
    this.#values.delete(name)
  }

  bindEnum(name: string, members: EnumClass): void {
    this.#enums.set(name, members)
  }

  /** The Python enum class of that name, when the script defines one. */
  enumClass(name: string): EnumClass | undefined {
    return this.#enums.get(name) ?? this.parent?.enumClass(name)
  }

  #value(name: string): PyExpr | undefined {
    if (this.#values.has(name)) return this.#values.get(name)
    return this.#modules.has(name) || this.parent === undefined ? undefined : this.parent.#value(name)
  }

  #module(name: string): ModuleRef | undefined {
    if (this.#modules.has(name)) return this.#modules.get(name)
    return this.#values.has(name) || this.parent === undefined ? undefined : this.parent.#module(name)
  }

  /**
   * The expression with every name the scope knows replaced by its value.
   *
   * @example
   * const scope = new PythonScope()
   * scope.bind('TABLE', { kind: 'str', value: 'user' })
   * scope.resolve({ kind: 'name', id: 'TABLE' }) // { kind: 'str', value: 'user' }
   */
  resolve(expr: PyExpr): PyExpr {
    switch (expr.kind) {
      case 'name': {
        const members = this.#value(expr.id) === undefined ? this.enumClass(expr.id) : undefined
        if (members !== undefined)
          return {
            kind: 'call',
            func: { kind: 'name', id: PYTHON_ENUM },
            args: [expr.id, ...members.keys()].map((value) => ({ kind: 'str', value })),
            kwargs: new Map(),
          }
        return this.#value(expr.id) ?? expr
      }
      case 'attr': {
        const module = expr.object.kind === 'name' ? this.#module(expr.object.id) : undefined
        if (module !== undefined) return module.attribute(expr.name) ?? expr
        const members = expr.object.kind === 'name' ? this.enumClass(expr.object.id) : undefined
        if (members?.has(expr.name)) return { kind: 'str', value: expr.name }
        // `Mood.happy.value` and `.name`, for scripts that spell a member out.
        if (expr.object.kind === 'attr' && expr.object.object.kind === 'name') {
          const owner = this.enumClass(expr.object.object.id)
          const member = owner?.get(expr.object.name)
          if (member !== undefined && expr.name === 'value') return member
          if (member !== undefined && expr.name === 'name') return { kind: 'str', value: expr.object.name }
        }
        return { ...expr, object: this.resolve(expr.object) }
      }
      case 'call': {
        const kwargs = new Map<string, PyExpr>()
        for (const [key, value] of expr.kwargs) kwargs.set(key, this.resolve(value))
        const args = expr.args.flatMap((a) => spread(this.resolve(a)))
        const isStr = expr.func.kind === 'name' && expr.func.id === 'str' && this.#value('str') === undefined
        const text = isStr && args.length === 1 && kwargs.size === 0 ? foldStr(args[0]!) : undefined
        const func = text === undefined ? this.resolve(expr.func) : expr.func
        return text ?? foldSubscript(func, args) ?? { kind: 'call', func, args, kwargs }
      }
      case 'tuple':
      case 'list':
        return { kind: expr.kind, items: expr.items.flatMap((i) => spread(this.resolve(i))) }
      case 'dict':
        return { kind: 'dict', entries: expr.entries.map(([k, v]) => [this.resolve(k), this.resolve(v)] as const) }
      case 'op': {
        const operands = expr.operands.map((o) => this.resolve(o))
        return foldArithmetic(expr.op, operands) ?? { ...expr, operands }
      }
      default:
        return expr
    }
  }
}

/** A `*VALUES` argument whose values are known, as the arguments it stands for. */
function spread(arg: PyExpr): readonly PyExpr[] {
  if (arg.kind !== 'op' || arg.op !== '*' || arg.operands.length !== 1) return [arg]
  const [values] = arg.operands
  if (values?.kind === 'tuple' || values?.kind === 'list') return values.items
  throw new UnsupportedPython(
    `argument unpacking of ${values === undefined ? 'nothing' : describeExpression(values)}, which is not known before it runs`,
  )
}

/**
 * The callee that stands for a Python enum class once resolved:
 * `__python_enum__('Mood', 'happy', 'sad')`, the class name then its member names.
 */
export const PYTHON_ENUM = '__python_enum__'

/** An enum class's members: name → value. */
export type EnumClass = ReadonlyMap<string, PyExpr>

/** A module of the project, read on demand. */
export interface ModuleRef {
  attribute(name: string): PyExpr | undefined
}

/** Modules already read, by file, so that a project module imported by 100 scripts is read once per run. */
const moduleCache = new Map<string, PythonScope | null>()

/**
 * The `.py` file of a dotted module: looked for from the script's folder
 * up, as the project's package root is one of its parents
 * (`neutron/db/migration/cli.py` above `neutron/db/migration/alembic_migrations/versions`),
 * then in the folders of `PYTHONPATH`, as Python would find a library the
 * project installs (`neutron_lib.db.constants` in a virtualenv's site-packages).
 */
function findModuleFile(dotted: string, from: string): string | undefined {
  const parts = dotted.split('.')
  const inFolder = (dir: string) => {
    const base = join(dir, ...parts)
    if (existsSync(`${base}.py`)) return `${base}.py`
    return existsSync(join(base, '__init__.py')) ? join(base, '__init__.py') : undefined
  }
  for (let dir = from, depth = 0; depth < 12; depth++) {
    const found = inFolder(dir)
    if (found !== undefined) return found
    const up = dirname(dir)
    if (up === dir) break
    dir = up
  }
  const path = (process.env.PYTHONPATH ?? '').split(delimiter).filter((dir) => dir !== '')
  return path.map(inFolder).find((file) => file !== undefined)
}

function projectModule(dotted: string, from: string, reading: ReadonlySet<string>): ModuleRef | undefined {
  const file = findModuleFile(dotted, from)
  if (file === undefined || reading.has(file)) return undefined
  return {
    attribute(name) {
      let scope = moduleCache.get(file)
      if (scope === undefined) {
        try {
          const lines = tokenizePython(readFileSync(file, 'utf8'))
          scope = new PythonScope()
          evaluateModuleLines(lines, scope, dirname(file), new Set([...reading, file]))
        } catch {
          scope = null
        }
        moduleCache.set(file, scope)
      }
      const value = scope?.resolve({ kind: 'name', id: name })
      return value === undefined || (value.kind === 'name' && value.id === name) ? undefined : value
    },
  }
}

const isName = (token: PyToken | undefined, text: string) => token?.kind === 'name' && token.text === text

/** `a.b.c` from `tokens[at]` on: the dotted name and where it ends. */
function readDotted(tokens: readonly PyToken[], at: number): { name: string; end: number } {
  const parts: string[] = []
  let i = at
  while (tokens[i]?.kind === 'name') {
    parts.push(tokens[i]!.text)
    if (tokens[i + 1]?.text !== '.') return { name: parts.join('.'), end: i + 1 }
    i += 2
  }
  return { name: parts.join('.'), end: i }
}

/** `x`, `x as y`, separated by commas, maybe in parentheses. */
function readAliases(tokens: readonly PyToken[], at: number): { name: string; alias: string }[] {
  const found: { name: string; alias: string }[] = []
  for (let i = at; i < tokens.length; i++) {
    const token = tokens[i]!
    if (token.kind !== 'name') continue
    const { name, end } = readDotted(tokens, i)
    const alias = isName(tokens[end], 'as') && tokens[end + 1]?.kind === 'name' ? tokens[end + 1]!.text : undefined
    found.push({ name, alias: alias ?? name.split('.')[0]! })
    i = alias === undefined ? end : end + 1
  }
  return found
}

/** Binds what an `import` or `from … import …` line brings in from the project; other imports bind nothing. */
function evaluateImport(line: LogicalLine, scope: PythonScope, dir: string, reading: ReadonlySet<string>): void {
  const tokens = line.tokens
  if (isName(tokens[0], 'import')) {
    for (const { name, alias } of readAliases(tokens, 1)) {
      // `import a.b` binds `a`, which this reader cannot follow; `import a.b as c` binds the module.
      if (alias === name.split('.')[0] && name.includes('.')) continue
      const module = projectModule(name, dir, reading)
      if (module !== undefined) scope.bindModule(alias, module)
    }
    return
  }
  const { name: from, end } = readDotted(tokens, 1)
  if (from === '' || !isName(tokens[end], 'import')) return
  for (const { name, alias } of readAliases(tokens, end + 1)) {
    const submodule = projectModule(`${from}.${name}`, dir, reading)
    if (submodule !== undefined) {
      scope.bindModule(alias, submodule)
      continue
    }
    const value = projectModule(from, dir, reading)?.attribute(name)
    if (value !== undefined) scope.bind(alias, value)
  }
}

/** `class Mood(enum.Enum):` and its `NAME = value` lines. */
function evaluateEnumClass(lines: readonly LogicalLine[], at: number, scope: PythonScope): number {
  const head = lines[at]!
  const bases = head.tokens
    .slice(2)
    .map((t) => t.text)
    .join('')
  let end = at + 1
  while (end < lines.length && lines[end]!.indent > head.indent) end++
  if (!/^\((\w+\.)?(Enum|IntEnum|StrEnum)\)|^\(str,(\w+\.)?Enum\)/.test(bases)) return end
  const members = new Map<string, PyExpr>()
  for (const line of lines.slice(at + 1, end)) {
    const [name, equals] = line.tokens
    if (name?.kind !== 'name' || equals?.text !== '=') continue
    try {
      members.set(name.text, scope.resolve(parseExpression(line.tokens, 2)))
    } catch (error) {
      if (!(error instanceof UnsupportedPython)) throw error
    }
  }
  scope.bindEnum(head.tokens[1]!.text, members)
  return end
}

/**
 * The index of the top-level `=` of a simple assignment (`NAME = …` or
 * `NAME: type = …`), or -1.
 *
 * @example
 * import { tokenizePython } from './alembic-tokens.js'
 * assignmentTarget(tokenizePython("EXPAND = 'expand'")[0]!) // { name: 'EXPAND', valueAt: 2 }
 */
export function assignmentTarget(line: LogicalLine): { name: string; valueAt: number } | undefined {
  const [first, second] = line.tokens
  if (first?.kind !== 'name' || second?.kind !== 'op') return undefined
  if (second.text === '=') return { name: first.text, valueAt: 2 }
  if (second.text !== ':') return undefined
  let depth = 0
  for (let i = 2; i < line.tokens.length; i++) {
    const t = line.tokens[i]!
    if (t.kind !== 'op') continue
    if ('([{'.includes(t.text)) depth++
    else if (')]}'.includes(t.text)) depth--
    else if (t.text === '=' && depth === 0) return { name: first.text, valueAt: i + 1 }
  }
  return undefined
}

/**
 * Reads a module's top-level imports, enum classes and assignments into a
 * scope, in order; a value it cannot read leaves its name unbound, so only
 * a use of that name fails.
 *
 * @example
 * import { tokenizePython } from './alembic-tokens.js'
 * const scope = new PythonScope()
 * evaluateModuleLines(tokenizePython("EXPAND = 'expand'\nLABELS = (EXPAND,)\n"), scope, '.')
 * scope.resolve({ kind: 'name', id: 'LABELS' }) // { kind: 'tuple', items: [{ kind: 'str', value: 'expand' }] }
 */
export function evaluateModuleLines(
  lines: readonly LogicalLine[],
  scope: PythonScope,
  dir: string,
  reading: ReadonlySet<string> = new Set(),
): void {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (line.indent !== 0) continue
    const first = line.tokens[0]
    if (isName(first, 'import') || isName(first, 'from')) {
      evaluateImport(line, scope, dir, reading)
      continue
    }
    if (isName(first, 'class') && line.tokens[1]?.kind === 'name') {
      i = evaluateEnumClass(lines, i, scope) - 1
      continue
    }
    const target = assignmentTarget(line)
    if (target === undefined || line.tokens.length <= target.valueAt) continue
    try {
      scope.bind(target.name, scope.resolve(parseExpression(line.tokens, target.valueAt)))
    } catch (error) {
      if (!(error instanceof UnsupportedPython)) throw error
    }
  }
}

/**
 * The dotted name of an expression once resolved, for messages.
 *
 * @example
 * describeExpression({ kind: 'attr', object: { kind: 'name', id: 'cli' }, name: 'EXPAND_BRANCH' }) // 'cli.EXPAND_BRANCH'
 */
export function describeExpression(expr: PyExpr): string {
  return dottedName(expr) ?? (expr.kind === 'call' ? `${dottedName(expr.func) ?? 'a call'}(...)` : `a ${expr.kind} expression`)
}
