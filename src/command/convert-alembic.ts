import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, join, relative, resolve } from 'node:path'
import { AthanorError, isAthanorError } from '../core/errors.js'
import { RevisionGraph } from '../revision/index.js'
import { readAlembicModule, type AlembicModule } from '../script/alembic-module.js'
import { renderConvertedScript, type ConvertedBody } from '../script/alembic-render.js'
import { validateRevisionId } from '../script/revision-id.js'
import type { ScriptDirectory } from '../script/script-directory.js'
import { readScriptTemplate } from '../script/template.js'
import { openProject, type CommandOptions } from '../config/project.js'
import { writeNewFile } from '../script/write-script.js'

/**
 * Options of `convert-alembic`: the Alembic folder to read, and where in
 * the project to write.
 *
 * @example
 * await convertAlembic({ directory: 'migrations', source: '../legacy/alembic/versions', dryRun: true })
 */
export interface ConvertAlembicOptions extends CommandOptions {
  /** The Alembic `versions` folder to read. */
  readonly source: string
  /** The version location to write into, when the config has several. */
  readonly versionPath?: string
  /** Report what would be written without writing. */
  readonly dryRun?: boolean
}

export interface ConvertedScript {
  readonly revision: string
  /** The Alembic script read. */
  readonly from: string
  /** The athanor script written (or that would be, on a dry run). */
  readonly path: string
  readonly upgrade: ConvertedBody
  readonly downgrade: ConvertedBody
}

/**
 * What `convert-alembic` did: the scripts it converted (or would, on a dry
 * run) and the revisions the project already had.
 *
 * @example
 * const { converted, skipped } = await convertAlembic({ directory: 'migrations', source: '../legacy/alembic/versions' })
 * console.log(`${converted.length} converted, ${skipped.length} already in the project`)
 */
export interface ConvertAlembicResult {
  readonly converted: readonly ConvertedScript[]
  /** Revisions the project already has, left as they are (a second run converts only what is new). */
  readonly skipped: readonly string[]
  /**
   * Scripts left out: those whose header could not be read (the message
   * names the file, the line and what to write instead), and those whose
   * parents or dependencies are among them. Fix them and run again: only
   * what is new is converted.
   */
  readonly leftOut: readonly LeftOutScript[]
}

/**
 * An Alembic script `convert-alembic` did not write, and why.
 *
 * @example
 * const { leftOut } = await convertAlembic({ directory: 'migrations', source: '../legacy/alembic/versions' })
 * for (const script of leftOut) console.error(script.reason)
 */
export interface LeftOutScript {
  readonly file: string
  readonly reason: string
}

/** The `.py` files of a versions folder and its subfolders, as Alembic's recursive version locations. */
function pythonFiles(dir: string): string[] {
  const found: string[] = []
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) {
      if (name !== '__pycache__') found.push(...pythonFiles(path))
    } else if (name.endsWith('.py') && name !== '__init__.py') found.push(path)
  }
  return found
}

function targetLocation(scripts: ScriptDirectory, versionPath: string | undefined): string {
  if (versionPath !== undefined) {
    const wanted = [resolve(versionPath), resolve(scripts.directory, versionPath)]
    const match = scripts.versionLocations.find((location) => wanted.includes(location))
    if (match === undefined)
      throw new AthanorError('UNKNOWN_VERSION_PATH', `--version-path ${versionPath} is not one of the version locations`)
    return match
  }
  if (scripts.versionLocations.length !== 1)
    throw new AthanorError('VERSION_PATH_REQUIRED', 'several version locations are configured; pass --version-path')
  return scripts.versionLocations[0]!
}

/**
 * Brings an Alembic versions folder into an athanor project, keeping every
 * revision id and parent link, so a database Alembic upgraded continues
 * under athanor (with `versionTable: 'alembic_version'`). Each script is read
 * statically; its bodies are translated where every statement is a known
 * `op.*` call, and otherwise quoted with a body that fails naming the
 * revision. Nothing is written unless the whole graph (existing scripts plus
 * converted ones) builds.
 *
 * @example
 * const { converted } = await convertAlembic({ directory: 'migrations', source: '../legacy/alembic/versions' })
 * converted.filter((s) => !s.upgrade.translated).map((s) => s.path) // the scripts to port by hand
 */
export async function convertAlembic(options: ConvertAlembicOptions): Promise<ConvertAlembicResult> {
  const source = resolve(options.source)
  if (!existsSync(source) || !statSync(source).isDirectory())
    throw new AthanorError('NOT_A_DIRECTORY', `Alembic versions folder ${source} does not exist`)
  const project = await openProject(options)
  const scripts = await project.scripts()
  const location = targetLocation(scripts, options.versionPath)
  const template = readScriptTemplate(project.directory, project.config.scriptTemplate)

  let modules: AlembicModule[] = []
  const skipped: string[] = []
  const leftOut: LeftOutScript[] = []
  const seen = new Map<string, string>()
  for (const file of pythonFiles(source)) {
    const near = relative(process.cwd(), file)
    let module: AlembicModule
    try {
      module = readAlembicModule(readFileSync(file, 'utf8'), near.startsWith('..') ? file : near, file)
    } catch (error) {
      // One header the reader cannot follow costs that script, not the folder.
      if (!isAthanorError(error, 'ALEMBIC_SCRIPT_UNREADABLE')) throw error
      leftOut.push({ file: near.startsWith('..') ? file : near, reason: error.message })
      continue
    }
    validateRevisionId(module.revision, `the revision of ${module.file}`)
    const twin = seen.get(module.revision)
    if (twin !== undefined)
      throw new AthanorError('DUPLICATE_REVISION', `revision ${module.revision} is in both ${twin} and ${module.file}`)
    seen.set(module.revision, module.file)
    if (scripts.graph.has(module.revision)) skipped.push(module.revision)
    else modules.push(module)
  }
  if (modules.length === 0 && skipped.length === 0 && leftOut.length === 0)
    throw new AthanorError('NO_ALEMBIC_SCRIPTS', `no Alembic revision scripts (*.py) in ${source}`)
  if (leftOut.length > 0) modules = withoutOrphans(modules, scripts, leftOut)

  // Building the graph first checks parents, labels and cycles exactly as every later command will.
  RevisionGraph.build([
    ...scripts.scripts,
    ...modules.map((m) => ({
      id: m.revision,
      downRevisions: m.downRevisions,
      branchLabels: m.branchLabels,
      dependsOn: m.dependsOn,
      source: m.file,
    })),
  ])

  const converted = modules.map((module): ConvertedScript & { text: string } => {
    const { text, upgrade, downgrade } = renderConvertedScript(module, template.text, template.file)
    const path = join(location, `${basename(module.file, '.py')}.ts`)
    return { revision: module.revision, from: module.file, path, upgrade, downgrade, text }
  })
  for (const script of converted) {
    if (existsSync(script.path))
      throw new AthanorError('SCRIPT_EXISTS', `${script.path} already exists; move it away or convert into another version location`)
  }
  if (options.dryRun !== true) {
    mkdirSync(location, { recursive: true })
    for (const script of converted) writeNewFile(script.path, script.text)
  }
  return { converted: converted.map(({ text: _text, ...rest }) => rest), skipped, leftOut }
}

/**
 * The scripts whose parents and dependencies are all known, once some were
 * left out: a script below one that could not be read waits for it, so the
 * graph written is always whole. Those held back join `leftOut`.
 */
function withoutOrphans(modules: readonly AlembicModule[], scripts: ScriptDirectory, leftOut: LeftOutScript[]): AlembicModule[] {
  let kept = [...modules]
  for (;;) {
    const known = new Set(kept.map((m) => m.revision))
    const isKnown = (id: string) => known.has(id) || scripts.graph.has(id)
    const waiting = kept.filter((m) => ![...m.downRevisions, ...m.dependsOn].every(isKnown))
    if (waiting.length === 0) return kept
    for (const m of waiting) {
      const missing = [...m.downRevisions, ...m.dependsOn].filter((id) => !isKnown(id))
      leftOut.push({ file: m.file, reason: `${m.file}: left out with ${missing.join(', ')}, which it builds on` })
    }
    kept = kept.filter((m) => !waiting.includes(m))
  }
}
