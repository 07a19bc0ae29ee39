import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { AthanorError } from '../core/errors.js'
import { PACKAGE_ROOT } from '../core/package-root.js'

/** The templates athanor ships, next to the package's dist/ or src/. */
export const BUILTIN_TEMPLATES = join(PACKAGE_ROOT, 'templates')

export const SCRIPT_TEMPLATE_NAME = 'script.ts.template'

/** The built-in template of a project with several databases; `init --multidb` copies it in as `script.ts.template`. */
export const MULTIDB_TEMPLATE_NAME = 'script-multidb.ts.template'

/** Values a script template may use as `{{name}}`. */
export interface ScriptTemplateValues {
  readonly message: string
  readonly revision: string
  readonly revises: string
  readonly createDate: string
  readonly downRevisions: readonly string[]
  readonly branchLabels: readonly string[]
  readonly dependsOn: readonly string[]
  /** Extra import lines, each starting with a newline. */
  readonly imports?: string
  readonly upgrades?: string
  readonly downgrades?: string
  /**
   * Several databases: their names, so that a script without generated
   * bodies still gets one empty function per database.
   */
  readonly databases?: readonly string[]
}

/**
 * The template for a new script: the one the config's `scriptTemplate` names
 * (`configured`, which must exist: a typo there must not pass unnoticed),
 * else the folder's own `script.ts.template`, else the built-in one (the
 * multi-database one with `multidb`).
 */
export function readScriptTemplate(migrationsDirectory: string, configured?: string, multidb = false): { text: string; file: string } {
  if (configured) {
    const file = resolve(migrationsDirectory, configured)
    if (!existsSync(file)) throw new AthanorError('TEMPLATE_NOT_FOUND', `script template ${file} (the config's scriptTemplate) not found`)
    return { text: readFileSync(file, 'utf8'), file }
  }
  const own = join(migrationsDirectory, SCRIPT_TEMPLATE_NAME)
  const file = existsSync(own) ? own : join(BUILTIN_TEMPLATES, multidb ? MULTIDB_TEMPLATE_NAME : SCRIPT_TEMPLATE_NAME)
  if (!existsSync(file)) throw new AthanorError('TEMPLATE_NOT_FOUND', `script template ${file} not found`)
  return { text: readFileSync(file, 'utf8'), file }
}

/**
 * Fills a template. An unknown `{{name}}` is an error naming the template,
 * not a silent blank in every new script.
 *
 * @example
 * const values: ScriptTemplateValues = {
 *   message: 'add email',
 *   revision: 'b2',
 *   revises: 'a1',
 *   createDate: '2026-01-01',
 *   downRevisions: ['a1'],
 *   branchLabels: [],
 *   dependsOn: [],
 * }
 * renderScriptTemplate('export const revision = {{revisionLiteral}}', values, 'script.ts.template') // "export const revision = 'b2'"
 */
export function renderScriptTemplate(template: string, values: ScriptTemplateValues, file: string): string {
  const literal = (list: readonly string[]) => (list.length === 0 ? 'null' : JSON.stringify(list).replace(/"/g, "'").replace(/,/g, ', '))
  const upgrades = values.upgrades?.trim() === '' ? undefined : values.upgrades
  const downgrades = values.downgrades?.trim() === '' ? undefined : values.downgrades
  const fields: Record<string, string> = {
    message: values.message.replace(/\*\//g, '* /'),
    revision: values.revision,
    revisionLiteral: `'${values.revision}'`,
    revises: values.revises,
    createDate: values.createDate,
    downRevision: values.downRevisions.length === 1 ? `'${values.downRevisions[0]}'` : literal(values.downRevisions),
    branchLabels: literal(values.branchLabels),
    dependsOn: literal(values.dependsOn),
    imports: values.imports ?? '',
    upgradeParameter: operationsParameter(upgrades, values.databases),
    downgradeParameter: operationsParameter(downgrades, values.databases),
    upgrades:
      upgrades ??
      (values.databases
        ? databaseFunctions(values.databases, () => undefined)
        : '  // operations go here (rename _op to op), e.g. await op.addColumn(...)'),
    downgrades:
      downgrades ??
      (values.databases ? databaseFunctions(values.databases, () => undefined) : '  // the reverse of upgrade(), in reverse order'),
  }
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_whole, name: string) => {
    const value = fields[name]
    if (value === undefined) throw new AthanorError('TEMPLATE_UNKNOWN_FIELD', `${file}: unknown template field {{${name}}}`)
    return value
  })
}

// An empty body leaves `op` unused, which `noUnusedParameters` rejects; the
// underscore marks it deliberately unused until the first operation is written.
function operationsParameter(body: string | undefined, databases: readonly string[] | undefined): string {
  return body === undefined && databases === undefined ? '_op' : 'op'
}

/**
 * The members of a multi-database script's `upgrades` or `downgrades`
 * object: one method per database, in config order, with the body `body`
 * gives (operation lines indented by two) or a comment when it has none.
 * Database names are identifiers (the config checks), so they need no quotes.
 *
 * @example
 * databaseFunctions(['default', 'db1'], (name) => (name === 'db1' ? "  await op.dropTable('chatbot')" : undefined))
 * // '  async default(_op) {\n    // nothing to do in default\n  },\n  async db1(op) {\n    await op.dropTable(…)\n  },'
 */
export function databaseFunctions(names: readonly string[], body: (name: string) => string | undefined): string {
  return names
    .map((name) => {
      const lines = body(name)
      const inner =
        lines === undefined
          ? `    // nothing to do in ${name}`
          : lines
              .split('\n')
              .map((line) => (line === '' ? line : `  ${line}`))
              .join('\n')
      return `  async ${name}(${lines === undefined ? '_op' : 'op'}) {\n${inner}\n  },`
    })
    .join('\n')
}
