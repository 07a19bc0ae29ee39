import type { Operation } from '../ops/operation.js'
import { renderOperation } from '../ops/render-op.js'
import { quote, type RenderImports } from '../ops/render-value.js'
import { translateBody } from './alembic-body.js'
import type { BodyStatement, TranslatedBody } from './alembic-statement.js'
import type { AlembicModule, PythonFunction } from './alembic-module.js'
import { autoincrementTest, hasSerialType, renderPerDialectTypes } from './alembic-dialect-types.js'
import { renderScriptTemplate } from './template.js'
import { unnamedForeignKeys } from './alembic-unnamed.js'

/** How one function of a converted script came out. */
export interface ConvertedBody {
  readonly translated: boolean
  /** Why it was not: the statement's line in the Alembic script and the reason. */
  readonly reason?: string
}

export interface ConvertedScriptText {
  readonly text: string
  readonly upgrade: ConvertedBody
  readonly downgrade: ConvertedBody
}

function comment(text: string): string {
  return text
    .split('\n')
    .map((line) => `  //${line === '' ? '' : `   ${line}`}`)
    .join('\n')
}

/**
 * SQLAlchemy numbers an integer key with SERIAL (IDENTITY with
 * `sa.Identity()`) or AUTO_INCREMENT but, on SQLite, leaves it a plain rowid
 * alias without the AUTOINCREMENT keyword
 * (https://docs.sqlalchemy.org/en/14/dialects/sqlite.html#sqlite-auto-incrementing-behavior);
 * athanor's `autoincrement` writes that keyword, and makes an identity on
 * PostgreSQL, so the converted column asks for it only where SQLAlchemy's
 * did the same. Types SQLAlchemy spells per database become tests of `op.dialect`.
 */
function renderTranslated(op: Operation, imports: RenderImports): string {
  const text = renderOperation(op, imports)
    .split('\n')
    .map((line) =>
      line.includes(', autoincrement: true }')
        ? line.replace(', autoincrement: true }', `, autoincrement: ${autoincrementTest(hasSerialType(line))} }`)
        : line,
    )
    .join('\n')
  return renderPerDialectTypes(text, imports)
}

/** Statements at an indentation; an `if` on the dialect becomes a test of `op.dialect`. */
function renderStatements(statements: readonly BodyStatement[], imports: RenderImports, indent: string): string[] {
  return statements.flatMap((statement) => {
    if (statement.kind === 'op')
      return renderTranslated(statement.op, imports)
        .split('\n')
        .map((line, i) => (i === 0 ? `${indent}${line}` : `${indent.slice(2)}${line}`))
    const test = statement.dialects.map((d) => `op.dialect === ${quote(d)}`).join(' || ')
    const then = renderStatements(statement.body, imports, `${indent}  `)
    if (statement.otherwise.length === 0) return [`${indent}if (${test}) {`, ...then, `${indent}}`]
    const [only] = statement.otherwise
    if (statement.otherwise.length === 1 && only?.kind === 'if') {
      const [first, ...rest] = renderStatements(statement.otherwise, imports, indent)
      return [`${indent}if (${test}) {`, ...then, `${indent}} else ${first!.trimStart()}`, ...rest]
    }
    return [
      `${indent}if (${test}) {`,
      ...then,
      `${indent}} else {`,
      ...renderStatements(statement.otherwise, imports, `${indent}  `),
      `${indent}}`,
    ]
  })
}

function body(
  module: AlembicModule,
  name: 'upgrade' | 'downgrade',
  fn: PythonFunction | undefined,
  imports: RenderImports,
  needsError: () => void,
): { code: string; result: ConvertedBody; autocommit: boolean } {
  // The other body may create the unnamed foreign key this one drops.
  const other = name === 'upgrade' ? module.downgrade : module.upgrade
  const unnamed = unnamedForeignKeys([fn, other].map((f) => f && translateBody(f, module.scope)))
  const translated: TranslatedBody = fn === undefined ? { kind: 'ops', statements: [] } : translateBody(fn, module.scope, unnamed)
  if (translated.kind === 'ops') {
    const code =
      translated.statements.length === 0
        ? '  // nothing to do: the Alembic script did nothing here'
        : renderStatements(translated.statements, imports, '  ').join('\n')
    return { code, result: { translated: true }, autocommit: translated.autocommit === true }
  }
  needsError()
  const reason = `line ${translated.line}: ${translated.reason}`
  const message =
    `revision ${module.revision}: the ${name} converted from Alembic (${module.file}) must be ported to TypeScript by hand (${reason}); ` +
    'the adopted database already has it applied, so only a fresh database runs it'
  const code = [
    `  // Not converted from Alembic (${reason}). The original Python:`,
    comment(fn?.source ?? ''),
    `  throw new AthanorError('UNPORTED_MIGRATION', ${quote(message)})`,
  ].join('\n')
  // Whoever ports it by hand needs it outside a transaction just the same.
  return { code, result: { translated: false, reason }, autocommit: AUTOCOMMIT_PYTHON.test(fn?.source ?? '') }
}

const AUTOCOMMIT_PYTHON =
  /\bautocommit_block\s*\(|\bpostgresql_concurrently\s*=\s*True\b|get_bind\(\)\.commit\(\)|\bop\.execute\(\s*["']COMMIT["']/

const NON_TRANSACTIONAL =
  '// Converted from an Alembic script that runs outside a transaction (autocommit_block, postgresql_concurrently, COMMIT):\n' +
  '// PostgreSQL builds and drops an index CONCURRENTLY only there.\nexport const transactional = false'

/** The script with `transactional = false` after its header exports (at its end, if a template has none). */
function nonTransactional(text: string): string {
  const header = /^export const dependsOn\b.*$/m.exec(text)
  if (header === null) return `${text.trimEnd()}\n\n${NON_TRANSACTIONAL}\n`
  const at = header.index + header[0].length
  return `${text.slice(0, at)}\n\n${NON_TRANSACTIONAL}${text.slice(at)}`
}

/**
 * An Alembic revision script as an athanor script from the project's
 * template: the same id, parents, labels, dependencies, message and Create
 * Date, with the bodies translated or, where they cannot be, quoted and
 * replaced by a clear error.
 *
 * @example
 * import { readFileSync } from 'node:fs'
 * import { readAlembicModule } from './alembic-module.js'
 * import { readScriptTemplate } from './template.js'
 * const file = 'alembic/versions/ae1027a6acf_add_email.py'
 * const template = readScriptTemplate('migrations')
 * const { text } = renderConvertedScript(readAlembicModule(readFileSync(file, 'utf8'), file), template.text, template.file)
 */
export function renderConvertedScript(module: AlembicModule, template: string, templateFile: string): ConvertedScriptText {
  const imports: RenderImports = { names: new Set() }
  let error = false
  const upgrade = body(module, 'upgrade', module.upgrade, imports, () => (error = true))
  const downgrade = body(module, 'downgrade', module.downgrade, imports, () => (error = true))
  const names = [...imports.names, ...(error ? ['AthanorError'] : [])].sort()
  const text = renderScriptTemplate(
    template,
    {
      message: module.message,
      revision: module.revision,
      revises: module.downRevisions.join(', '),
      createDate: module.createDate ?? '',
      downRevisions: module.downRevisions,
      branchLabels: module.branchLabels,
      dependsOn: module.dependsOn,
      imports: names.length === 0 ? '' : `\nimport { ${names.join(', ')} } from 'athanor'`,
      upgrades: upgrade.code,
      downgrades: downgrade.code,
    },
    templateFile,
  )
  const autocommit = upgrade.autocommit || downgrade.autocommit
  return { text: autocommit ? nonTransactional(text) : text, upgrade: upgrade.result, downgrade: downgrade.result }
}
