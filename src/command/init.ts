import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
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
  if (existsSync(root)) {
    if (!statSync(root).isDirectory()) throw new AthanorError('NOT_A_DIRECTORY', `${directory} exists and is not a directory`)
    if (readdirSync(root).length > 0) throw new AthanorError('DIRECTORY_NOT_EMPTY', `directory ${directory} exists and is not empty`)
  }
  const builtin = (name: string) => readFileSync(join(BUILTIN_TEMPLATES, name), 'utf8')
  let config = builtin('athanor.config.ts.template')
  if (options.url) config = config.replace("'sqlite:///app.db'", () => `'${options.url!.replace(/[\\']/g, '\\$&')}'`)
  const files: Array<[string, string]> = [
    ['athanor.config.ts', config],
    [SCRIPT_TEMPLATE_NAME, builtin(SCRIPT_TEMPLATE_NAME)],
    ['README.md', builtin('README.md.template')],
  ]
  try {
    mkdirSync(join(root, 'versions'), { recursive: true })
  } catch (error) {
    // A parent that is a file, or a folder we may not write: the path is the user's to fix.
    throw new AthanorError('CANNOT_CREATE_DIRECTORY', `cannot create ${join(directory, 'versions')}: ${(error as Error).message.split(',')[0]}`, { cause: error })
  }
  for (const [name, text] of files) writeFileSync(join(root, name), text, { flag: 'wx' })
  return { directory: root, files: [...files.map(([name]) => join(root, name)), join(root, 'versions')] }
}
