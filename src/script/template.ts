import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { AthanorError } from '../errors.js'
import { PACKAGE_ROOT } from '../package-root.js'

/** The templates athanor ships, next to the package's dist/ or src/. */
export const BUILTIN_TEMPLATES = join(PACKAGE_ROOT, 'templates')

export const SCRIPT_TEMPLATE_NAME = 'script.ts.template'

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
}

/** The folder's own template when it has one, else the built-in one. */
export function readScriptTemplate(migrationsDirectory: string, configured?: string): { text: string; file: string } {
  const candidates = [
    ...(configured ? [join(migrationsDirectory, configured)] : []),
    join(migrationsDirectory, SCRIPT_TEMPLATE_NAME),
    join(BUILTIN_TEMPLATES, SCRIPT_TEMPLATE_NAME),
  ]
  for (const file of candidates) if (existsSync(file)) return { text: readFileSync(file, 'utf8'), file }
  throw new AthanorError('TEMPLATE_NOT_FOUND', `script template ${candidates[0]} not found`)
}

/**
 * Fills a template. An unknown `{{name}}` is an error naming the template,
 * not a silent blank in every new script.
 *
 * @example
 * renderScriptTemplate('export const revision = {{revisionLiteral}}', values, 'script.ts.template')
 */
export function renderScriptTemplate(template: string, values: ScriptTemplateValues, file: string): string {
  const literal = (list: readonly string[]) => (list.length === 0 ? 'null' : JSON.stringify(list).replace(/"/g, "'").replace(/,/g, ', '))
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
    upgrades: values.upgrades ?? '  // operations go here, e.g. await op.addColumn(...)',
    downgrades: values.downgrades ?? '  // the reverse of upgrade(), in reverse order',
  }
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_whole, name: string) => {
    const value = fields[name]
    if (value === undefined) throw new AthanorError('TEMPLATE_UNKNOWN_FIELD', `${file}: unknown template field {{${name}}}`)
    return value
  })
}
