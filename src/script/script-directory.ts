import { existsSync, readFileSync, statSync } from 'node:fs'
import { resolve, sep } from 'node:path'
import { RevisionNotFoundError } from '../core/error-classes.js'
import { AthanorError } from '../core/errors.js'
import { RevisionGraph } from '../revision/index.js'
import type { RevisionSpec } from '../revision/types.js'
import type { Operations } from '../ops/operations.js'
import { scriptChecksum } from './checksum.js'
import { databaseSteps, type DatabaseBinding } from './database-module.js'
import { parseMessage, parseScriptHeader, type ScriptHeader } from './script-header.js'
import { testDataOf } from './test-data.js'
import { readScriptText, scriptNamesIn } from './versions-folder.js'
import { currentCompileCacheDir } from './compile-cache-dir.js'
import { fileStamp, ScriptHeaderCache } from './script-header-cache.js'

/** A migration script found in a versions folder. */
export interface MigrationScript extends RevisionSpec {
  readonly source: string
  readonly message: string
  readonly createDate?: string
  /** The checksum of the file as it is now. */
  readonly checksum: string
}

/** What a script module exports once imported. */
export interface MigrationModule {
  upgrade(op: Operations): unknown
  downgrade(op: Operations): unknown
  /** `false` runs the script outside a transaction (PostgreSQL's CREATE INDEX CONCURRENTLY). */
  readonly transactional?: boolean
  /** Rows `athanor test` inserts right after the revision is applied (see testDataOf). */
  readonly testData?: (op: Operations) => unknown
  /** `athanor lint`'s suppressions for the whole script: rule code → the reason (checked by lint). */
  readonly lintIgnore?: unknown
}

/**
 * The scripts of a migrations folder and the graph they form.
 *
 * @example
 * const scripts = await ScriptDirectory.open('migrations')
 * console.log(scripts.graph.heads)
 */
export class ScriptDirectory {
  readonly #byId = new Map<string, MigrationScript>()
  readonly #modules = new Map<string, Promise<MigrationModule>>()
  #graph: RevisionGraph | undefined

  private constructor(
    readonly directory: string,
    readonly versionLocations: readonly string[],
    readonly scripts: readonly MigrationScript[],
    /** Set on the view of one database of a multi-database project. */
    readonly database?: DatabaseBinding,
  ) {
    for (const script of scripts) if (!this.#byId.has(script.id)) this.#byId.set(script.id, script)
  }

  /** Reads every script of the folder's version locations (default `versions/`). */
  static async open(directory: string, versionLocations: readonly string[] = ['versions']): Promise<ScriptDirectory> {
    const root = resolve(directory)
    if (!existsSync(root) || !statSync(root).isDirectory()) {
      throw new AthanorError('NO_MIGRATIONS_FOLDER', `migrations folder ${directory} not found: run 'athanor init' first, or pass -d DIR`)
    }
    const locations = versionLocations.map((location) => resolve(root, location))
    const scripts: MigrationScript[] = []
    const headers = ScriptHeaderCache.open(currentCompileCacheDir(), locations)
    for (const location of locations) {
      if (!existsSync(location)) {
        throw new AthanorError('NO_VERSIONS_FOLDER', `versions folder ${location} not found`)
      }
      for (const name of scriptNamesIn(location)) {
        const file = inFolder(location, name)
        // Stamped before any read: a write after it moves the stamp, so the text read is never filed under a newer stamp.
        const stamp = fileStamp(file)
        const known = headers.known(file, stamp)
        // The usual case on a second run, with no await: 1,000 of them were a tenth of `history`.
        scripts.push(known ? headerScript(file, known.checksum, known.header) : await readScript(file, stamp, headers))
      }
    }
    headers.save()
    return new ScriptDirectory(root, locations, scripts)
  }

  /** The revision graph; validated on first use. */
  get graph(): RevisionGraph {
    this.#graph ??= RevisionGraph.build(this.scripts)
    return this.#graph
  }

  /**
   * The same scripts as one database of a multi-database project runs
   * them: each module's upgrade and downgrade are that database's functions.
   *
   * @example
   * const scripts = await ScriptDirectory.open('migrations')
   * const db1 = scripts.forDatabase({ name: 'db1', isDefault: false, names: ['default', 'db1'] })
   */
  forDatabase(binding: DatabaseBinding): ScriptDirectory {
    const view = new ScriptDirectory(this.directory, this.versionLocations, this.scripts, binding)
    view.#graph = this.graph
    return view
  }

  script(id: string): MigrationScript {
    const script = this.#byId.get(id)
    if (!script) throw new RevisionNotFoundError(`Can't locate revision identified by '${id}'`, { revision: id })
    return script
  }

  /**
   * A script's text as it was read when the folder was opened (the text
   * its checksum and header come from), without reading the file again.
   *
   * @example
   * const scripts = await ScriptDirectory.open('migrations')
   * scripts.text('ae1027a6acf0').includes('athanor-lint-ignore')
   */
  text(id: string): string {
    const script = this.script(id)
    return textsRead.get(script) ?? readFileSync(script.source, 'utf8')
  }

  /** Imports a script's module once, checking that it has what a migration needs. */
  loadModule(id: string): Promise<MigrationModule> {
    let loading = this.#modules.get(id)
    if (!loading) {
      const script = this.script(id)
      loading = importScript(script.source).then((module) => checkedModule(script, module, this.database))
      this.#modules.set(id, loading)
    }
    return loading
  }

  /**
   * Imports many scripts' modules at once: through one cached bundle of the
   * folder's scripts where the plan is long enough (see importBundled),
   * each on its own otherwise.
   *
   * @example
   * const scripts = await ScriptDirectory.open('migrations')
   * const modules = await scripts.loadModules(scripts.graph.planUpgrade([], 'heads').map((step) => step.revision))
   */
  async loadModules(ids: readonly string[]): Promise<MigrationModule[]> {
    const missing = [...new Set(ids)].filter((id) => !this.#modules.has(id)).map((id) => this.script(id))
    // Every script of the folder, not only the plan's: each plan (lint's, an upgrade's, the
    // replay before a SQLite rebuild) then shares the one bundle, rebuilt only when a script changes.
    const { BUNDLE_FROM_SCRIPTS, importBundled } = await import('./plan-bundle.js')
    const bundled = missing.length < BUNDLE_FROM_SCRIPTS ? new Map() : await importBundled(this.scripts, currentCompileCacheDir())
    // A bundled module is checked when the plan reaches it, in the plan's order, so the first bad one is the one named.
    const ready = new Map<string, Record<string, unknown>>()
    for (const script of missing) {
      const module = bundled.get(script.source)
      if (module !== undefined) ready.set(script.id, module)
    }
    const modules: MigrationModule[] = []
    let imports: Promise<MigrationModule>[] = []
    const flush = async () => {
      for (const module of await Promise.all(imports)) modules.push(module)
      imports = []
    }
    for (const id of ids) {
      const module = ready.get(id)
      if (module !== undefined) {
        // Checked once: the plan may name a revision twice, and later plans find it in #modules.
        ready.delete(id)
        const checked = checkedModule(this.script(id), module, this.database)
        this.#modules.set(id, Promise.resolve(checked))
        await flush()
        modules.push(checked)
        continue
      }
      imports.push(this.loadModule(id))
      if (imports.length === IMPORTS_AT_ONCE) await flush()
    }
    await flush()
    return modules
  }
}

/**
 * Imports a script's module. The code that compiles and imports scripts is
 * itself imported on the first script: the commands that read only the
 * headers (current, history, heads) never load it.
 */
async function importScript(file: string): Promise<Record<string, unknown>> {
  const { importModule } = await import('./import-module.js')
  return importModule(file)
}

/** The text each script was read from: lint reads every script's comments, and a second read of each file was a tenth of it. */
const textsRead = new WeakMap<MigrationScript, string>()

/**
 * `join(folder, name)` for a resolved folder and a name read from it: the
 * same path, without normalising it again, which was a third of reading
 * 1,000 cached headers.
 */
function inFolder(folder: string, name: string): string {
  return folder.endsWith(sep) ? `${folder}${name}` : `${folder}${sep}${name}`
}

async function readScript(file: string, stamp: string | undefined, headers: ScriptHeaderCache): Promise<MigrationScript> {
  const text = readScriptText(file)
  const script = await scriptOf(file, text, headers)
  headers.remember(file, stamp, script.checksum)
  textsRead.set(script, text)
  return script
}

function headerScript(file: string, checksum: string, header: ScriptHeader): MigrationScript {
  return {
    id: header.revision,
    downRevisions: header.downRevisions,
    branchLabels: header.branchLabels,
    dependsOn: header.dependsOn,
    source: file,
    message: header.message,
    checksum,
    ...(header.createDate ? { createDate: header.createDate } : {}),
  }
}

async function scriptOf(file: string, text: string, headers: ScriptHeaderCache): Promise<MigrationScript> {
  const checksum = scriptChecksum(text)
  const header = headers.header(text, checksum, parseScriptHeader)
  if (header) return headerScript(file, checksum, header)
  // Computed exports: only running the module tells what they are.
  const module = await importScript(file)
  return {
    id: requireString(module, 'revision', file),
    downRevisions: optionalList(module, 'downRevision', file),
    branchLabels: optionalList(module, 'branchLabels', file),
    dependsOn: optionalList(module, 'dependsOn', file),
    source: file,
    message: parseMessage(text),
    checksum,
  }
}

function requireString(module: Record<string, unknown>, name: string, file: string): string {
  const value = module[name]
  if (typeof value !== 'string' || value === '') {
    throw new AthanorError('SCRIPT_MISSING_EXPORT', `${file}: missing export '${name}' (expected \`export const ${name} = '…'\`)`)
  }
  return value
}

function optionalList(module: Record<string, unknown>, name: string, file: string): readonly string[] {
  const value = module[name]
  if (value === undefined || value === null) return []
  if (typeof value === 'string') return [value]
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value
  throw new AthanorError('SCRIPT_BAD_EXPORT', `${file}: export '${name}' must be a string, an array of strings or null`)
}

/**
 * How many scripts are imported side by side: enough to overlap their file
 * reads, few enough that a 1,000-revision plan does not hold a thousand
 * imports in flight at once (about 15 MB more at the peak, for no speed).
 */
const IMPORTS_AT_ONCE = 50

function checkedModule(script: MigrationScript, module: Record<string, unknown>, database: DatabaseBinding | undefined): MigrationModule {
  if (module['revision'] !== script.id) {
    throw new AthanorError(
      'SCRIPT_BAD_EXPORT',
      `${script.source}: export 'revision' is ${JSON.stringify(module['revision'])}, expected '${script.id}'`,
    )
  }
  // The plan was made from the header read without running the module; a
  // module whose exports say otherwise would run in a place it did not ask for.
  sameList(module, 'downRevision', script.downRevisions, script.source)
  sameList(module, 'branchLabels', script.branchLabels, script.source)
  sameList(module, 'dependsOn', script.dependsOn, script.source)
  const testData = testDataOf(module, script.source, database)
  const seeded = testData === undefined ? {} : { testData }
  if (database !== undefined) {
    const transactional = module['transactional']
    const lintIgnore = module['lintIgnore']
    return {
      ...databaseSteps(module, script.source, database),
      ...(typeof transactional === 'boolean' ? { transactional } : {}),
      ...seeded,
      ...(lintIgnore === undefined ? {} : { lintIgnore }),
    }
  }
  if (module['upgrades'] !== undefined && module['upgrade'] === undefined) {
    throw new AthanorError('SCRIPT_BAD_EXPORT', `${script.source}: exports upgrades by database, but the config declares no 'databases'`)
  }
  for (const name of ['upgrade', 'downgrade']) {
    if (typeof module[name] !== 'function') {
      throw new AthanorError('SCRIPT_MISSING_EXPORT', `${script.source}: missing export 'function ${name}(op)'`)
    }
  }
  // A bundled module is a plain object of its own already (see bundleEntry): no copy of a thousand of them.
  if (testData === undefined && Object.getPrototypeOf(module) === Object.prototype) return module as unknown as MigrationModule
  return { ...(module as unknown as MigrationModule), ...seeded }
}

/** Fails when a module's export `name` is not the list the file's header gave. */
function sameList(module: Record<string, unknown>, name: string, planned: readonly string[], source: string): void {
  const value = module[name]
  // The common forms, compared without making a list of them: a thousand modules are checked at once.
  if (planned.length === 0 && (value === null || value === undefined)) return
  if (planned.length === 1 && value === planned[0]) return
  const actual = optionalList(module, name, source)
  if (actual.length === planned.length && actual.every((item, i) => item === planned[i])) return
  throw new AthanorError(
    'SCRIPT_BAD_EXPORT',
    `${source}: export '${name}' is ${JSON.stringify(actual)} when run, but reads ${JSON.stringify(planned)} in the file; ` +
      'is a second definition hidden in a comment or a string?',
  )
}
