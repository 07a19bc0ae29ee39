import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { AthanorError } from '../errors.js'
import { BUILTIN_TEMPLATES, SCRIPT_TEMPLATE_NAME } from '../script/template.js'

export interface InitResult {
  readonly directory: string
  readonly files: readonly string[]
}

/**
 * Scaffolds a migrations folder (`flask db init`): `versions/`, the config,
 * the script template and a README. Refuses a folder that is not empty, so
 * it can never overwrite anything.
 *
 * @example
 * await init('migrations')
 */
export async function init(directory: string = 'migrations', options: { url?: string } = {}): Promise<InitResult> {
  const root = resolve(directory)
  if (existsSync(root) && readdirSync(root).length > 0) {
    throw new AthanorError('DIRECTORY_NOT_EMPTY', `directory ${directory} exists and is not empty`)
  }
  const builtin = (name: string) => readFileSync(join(BUILTIN_TEMPLATES, name), 'utf8')
  let config = builtin('athanor.config.ts.template')
  if (options.url) config = config.replace("'sqlite:///app.db'", () => `'${options.url!.replace(/[\\']/g, '\\$&')}'`)
  const files: Array<[string, string]> = [
    ['athanor.config.ts', config],
    [SCRIPT_TEMPLATE_NAME, builtin(SCRIPT_TEMPLATE_NAME)],
    ['README.md', builtin('README.md.template')],
  ]
  mkdirSync(join(root, 'versions'), { recursive: true })
  for (const [name, text] of files) writeFileSync(join(root, name), text, { flag: 'wx' })
  return { directory: root, files: [...files.map(([name]) => join(root, name)), join(root, 'versions')] }
}
