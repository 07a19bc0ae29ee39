import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { redactUrl } from '../core/database-url.js'
import { AthanorError } from '../core/errors.js'
import { urlVariable } from '../config/databases.js'
import { locateProject } from '../config/locate-project.js'
import { BUILTIN_TEMPLATES, MULTIDB_TEMPLATE_NAME, SCRIPT_TEMPLATE_NAME } from '../script/template.js'
import { writeNewFile } from '../script/write-script.js'

/** What `init` scaffolds. */
export interface InitOptions {
  /** `-c FILE`: the project's config, instead of the one found from the working directory upward. */
  readonly config?: string
  /**
   * The URL written into the config (the default database's, with several);
   * without it the config reads `env('DATABASE_URL')`. A URL holding a
   * password is never written: the config reads the variable instead.
   */
  readonly url?: string
  /**
   * Several databases (`init --multidb`, as Flask-Migrate's): `true` for
   * `default` and `db1`, or the names, the default database first.
   */
  readonly multidb?: boolean | readonly string[]
}

/** The names `init --multidb` uses when given none. */
const DEFAULT_MULTIDB_NAMES: readonly string[] = ['default', 'db1']

/**
 * What `init` created: the migrations folder, and each file and folder
 * written in it, as absolute paths.
 *
 * @example
 * import { relative } from 'node:path'
 * const { directory, files } = await init('migrations')
 * files.map((file) => relative(directory, file)) // ['athanor.config.ts', 'script.ts.template', 'README.md', 'versions']
 */
export interface InitResult {
  readonly directory: string
  readonly files: readonly string[]
  /**
   * The config at the project's root that the folder belongs to, when one
   * names it (its `directory`): `init` then writes no config of its own,
   * which that one would hide.
   */
  readonly rootConfig?: string
}

/**
 * Scaffolds a migrations folder (`flask db init`): `versions/`, the config,
 * the script template and a README. Refuses a folder that is not empty, so
 * it can never overwrite anything.
 *
 * Without a folder, the one the project's config names when a config at the
 * project's root is found from the working directory upward (see
 * {@link projectRootConfig}), else `migrations`. A folder that config names
 * gets no config of its own: the root one is what every command reads.
 *
 * With `multidb`, the config maps database names to URLs and new scripts
 * hold one upgrade and one downgrade per database.
 *
 * @example
 * await init('migrations')
 * await init() // with athanor.config.ts saying directory: 'db/migrations': db/migrations/, no second config
 * await init('migrations', { multidb: ['default', 'db1', 'db2'] })
 */
export async function init(directory?: string, options: InitOptions = {}): Promise<InitResult> {
  const project = await projectRootConfig(options.config)
  const root = directory === undefined ? (project?.directory ?? resolve('migrations')) : resolve(directory)
  const rootConfig = project !== undefined && project.directory === root ? project.file : undefined
  directory ??= relative(process.cwd(), root) || '.'
  if (existsSync(root)) {
    if (!statSync(root).isDirectory()) throw new AthanorError('NOT_A_DIRECTORY', `${directory} exists and is not a directory`)
    if (readdirSync(root).length > 0) throw new AthanorError('DIRECTORY_NOT_EMPTY', `directory ${directory} exists and is not empty`)
  }
  const builtin = (name: string) => readFileSync(join(BUILTIN_TEMPLATES, name), 'utf8')
  const quote = (text: string) => `'${text.replace(/[\\']/g, '\\$&')}'`
  const names = options.multidb === true ? DEFAULT_MULTIDB_NAMES : options.multidb === false ? undefined : options.multidb
  let config: string
  // A URL with a password stays out of the file, which is committed: the
  // config reads the variable and a comment shows the URL without it.
  const secret = options.url !== undefined && redactUrl(options.url) !== options.url
  if (names === undefined) {
    config = builtin('athanor.config.ts.template')
    if (options.url && secret) {
      const comment = `  // The URL holds a password, so it is not written here: set DATABASE_URL to\n  //   ${redactUrl(options.url)}\n`
      config = config.replace("  url: env('DATABASE_URL'),", () => `${comment}  url: env('DATABASE_URL'),`)
    } else if (options.url) config = config.replace("env('DATABASE_URL')", () => quote(options.url!))
  } else {
    checkNames(names)
    const entries = names.map((name, index) => {
      const variable = urlVariable(name, index === 0)
      if (index === 0 && options.url && secret) {
        const comment = `its URL holds a password, so it is not written here; set ${variable} to ${redactUrl(options.url)}`
        return `    // ${name}: ${comment}\n    ${name}: { url: env('${variable}') },`
      }
      return `    ${name}: { url: ${index === 0 && options.url ? quote(options.url) : `env('${variable}')`} },`
    })
    config = builtin('athanor.config.multidb.ts.template').replace('{{databases}}', () => entries.join('\n'))
  }
  const files: Array<[string, string]> = [
    ...(rootConfig === undefined ? [['athanor.config.ts', config] as [string, string]] : []),
    [SCRIPT_TEMPLATE_NAME, builtin(names === undefined ? SCRIPT_TEMPLATE_NAME : MULTIDB_TEMPLATE_NAME)],
    ['README.md', builtin('README.md.template')],
  ]
  let created: string | undefined
  try {
    created = mkdirSync(join(root, 'versions'), { recursive: true })
  } catch (error) {
    // A parent that is a file, or a folder we may not write: the path is the user's to fix.
    throw new AthanorError(
      'CANNOT_CREATE_DIRECTORY',
      `cannot create ${join(directory, 'versions')}: ${(error as Error).message.split(',')[0]}`,
      { cause: error },
    )
  }
  const written: string[] = []
  try {
    for (const [name, text] of files) {
      writeNewFile(join(root, name), text)
      written.push(join(root, name))
    }
  } catch (error) {
    // A half-made folder (a full disk, say) would be refused by the next
    // init as not empty: take back all this one made.
    for (const file of written) rmSync(file, { force: true })
    rmSync(created ?? join(root, 'versions'), { recursive: true, force: true })
    throw error
  }
  return {
    directory: root,
    files: [...files.map(([name]) => join(root, name)), join(root, 'versions')],
    ...(rootConfig === undefined ? {} : { rootConfig }),
  }
}

/**
 * The config commands run here would read, when it sits at the project's
 * root rather than in its migrations folder, with the folder it names.
 */
async function projectRootConfig(config: string | undefined): Promise<{ file: string; directory: string } | undefined> {
  const located = await locateProject(config === undefined ? {} : { config })
  if (located.configFile === undefined || located.directory === dirname(located.configFile)) return undefined
  return { file: located.configFile, directory: located.directory }
}

function checkNames(names: readonly string[]): void {
  if (names.length === 0) throw new AthanorError('INVALID_OPTION', '--multidb needs at least one database name')
  const bad = names.find((name) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || name === '__proto__')
  if (bad !== undefined)
    throw new AthanorError('INVALID_OPTION', `database name ${JSON.stringify(bad)} must be an identifier (letters, digits, _)`)
  const twice = names.find((name, index) => names.indexOf(name) !== index)
  if (twice !== undefined) throw new AthanorError('INVALID_OPTION', `database name ${twice} is given twice`)
}
