import { mkdirSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import { AmbiguousRevisionError, MultipleHeadsError } from '../core/error-classes.js'
import { AthanorError, isAthanorError } from '../core/errors.js'
import { RevisionGraph } from '../revision/index.js'
import { newRevisionId, slugify, validateRevisionId } from '../script/revision-id.js'
import { ScriptDirectory } from '../script/script-directory.js'
import { DEFAULT_FILE_TEMPLATE, scriptFileStem } from '../script/file-name.js'
import { withFolderLock, writeNewFile } from '../script/write-script.js'
import { readScriptTemplate, renderScriptTemplate } from '../script/template.js'
import { openProject, type CommandOptions } from '../config/project.js'

/**
 * Options of `revision` (and `merge`): the new script's message, parents,
 * labels, dependencies, id and location.
 *
 * @example
 * await revision({ directory: 'migrations', message: 'start billing', head: 'base', branchLabels: ['billing'] })
 */
export interface RevisionOptions extends CommandOptions {
  readonly message?: string
  /** What to base the new revision on (default `head`); `base` starts a new root. */
  readonly head?: string | readonly string[]
  /** Allow a non-head parent, which starts a new branch. */
  readonly splice?: boolean
  readonly branchLabels?: readonly string[]
  readonly dependsOn?: readonly string[]
  readonly revId?: string
  /** The version location to write into, when the config has several. */
  readonly versionPath?: string
  /** Operation code for the template's upgrade and downgrade bodies (autogenerate). */
  readonly body?: { readonly imports?: string; readonly upgrades: string; readonly downgrades: string }
  readonly now?: Date
}

/**
 * The script `revision`, `merge` or `migrate` wrote: its id, its file and
 * its parents.
 *
 * @example
 * const { revision: id, path, downRevisions } = await revision({ directory: 'migrations', message: 'add email' })
 * console.log(`${id} (${path}) revises ${downRevisions.join(', ') || 'base'}`)
 */
export interface RevisionResult {
  readonly revision: string
  readonly path: string
  readonly downRevisions: readonly string[]
}

/**
 * Writes a new migration script from the template (`revision -m`).
 *
 * @example
 * const { path } = await revision({ message: 'add email column' })
 * path // '<cwd>/migrations/versions/<id>_add_email_column.ts'
 */
export async function revision(options: RevisionOptions): Promise<RevisionResult> {
  const project = await openProject(options)
  const scripts = await project.scripts()
  const graph = scripts.graph
  const id = options.revId ?? newRevisionId()
  validateRevisionId(id)
  if (graph.has(id)) {
    throw new AthanorError('DUPLICATE_REVISION', `revision id '${id}' already exists in ${scripts.script(id).source}`)
  }

  const parents = resolveParents(graph, options.head ?? 'head')
  if (!options.splice) {
    for (const parent of parents) {
      if (!graph.get(parent).isHead) {
        throw new AthanorError('NOT_A_HEAD', `revision ${parent} is not a head revision; pass --splice to create a new branch from it`)
      }
    }
  }
  const dependsOn = (options.dependsOn ?? []).map((dep) => resolveDependency(graph, dep))
  const branchLabels = options.branchLabels ?? []
  // Building the graph with the new revision in it checks labels, cycles
  // and duplicates exactly as every later command will.
  RevisionGraph.build([...scripts.scripts, { id, downRevisions: parents, branchLabels, dependsOn, source: '(new revision)' }])

  const message = options.message ?? ''
  const location = versionLocation(scripts, options.versionPath, parents)
  const now = options.now ?? new Date()
  const stem = scriptFileStem(project.config.fileTemplate ?? DEFAULT_FILE_TEMPLATE, id, slugify(message), now)
  const path = join(location, `${stem}.ts`)
  const template = readScriptTemplate(project.directory, project.config.scriptTemplate, project.databases !== undefined)
  const text = renderScriptTemplate(
    template.text,
    {
      message,
      revision: id,
      revises: parents.join(', '),
      createDate: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      downRevisions: parents,
      branchLabels,
      dependsOn,
      ...(project.databases === undefined ? {} : { databases: project.databases }),
      ...(options.body ?? {}),
    },
    template.file,
  )
  mkdirSync(location, { recursive: true })
  await withFolderLock(location, async () => {
    // Another revision or migrate may have written a script since this one
    // read the folder; the new one would then share its parent, and two
    // heads would appear where one was planned.
    const now = await ScriptDirectory.open(scripts.directory, scripts.versionLocations)
    const added = now.scripts.filter((script) => !graph.has(script.id))
    if (added.length > 0) {
      throw new AthanorError(
        'SCRIPTS_CHANGED',
        `while this revision was made, ${added.map((script) => `${script.source} (revision ${script.id})`).join(', ')} was written; ` +
          'run the command again',
      )
    }
    writeNewFile(path, text)
  })
  return { revision: id, path, downRevisions: parents }
}

function resolveParents(graph: RevisionGraph, head: string | readonly string[]): string[] {
  const targets = typeof head === 'string' ? [head] : head
  const parents: string[] = []
  for (const target of targets) {
    if (target === 'base') continue
    try {
      parents.push(...graph.resolve(target))
    } catch (error) {
      if (isAthanorError(error, 'MULTIPLE_HEADS')) {
        throw new MultipleHeadsError(
          `multiple heads are present (${graph.heads.join(', ')}); ` +
            "pass --head REV (or label@head) for the new revision's parent, or run 'athanor merge heads'",
          { heads: graph.heads },
          { cause: error },
        )
      }
      throw error
    }
  }
  const unique = [...new Set(parents)]
  if (unique.length !== parents.length)
    throw new AthanorError('DUPLICATE_HEAD', `the same parent revision is given twice: ${parents.join(', ')}`)
  return unique
}

/** A dependency may be a branch label (kept, so it follows the branch) or an id (made full). */
function resolveDependency(graph: RevisionGraph, dependency: string): string {
  if (graph.hasBranchLabel(dependency)) return dependency
  const ids = graph.resolve(dependency)
  if (ids.length !== 1)
    throw new AmbiguousRevisionError(`--depends-on ${dependency} names ${ids.length} revisions; name one`, {
      revision: dependency,
      candidates: ids,
    })
  return ids[0]!
}

function versionLocation(scripts: ScriptDirectory, versionPath: string | undefined, parents: readonly string[]): string {
  if (versionPath) {
    const wanted = resolve(versionPath)
    const match = scripts.versionLocations.find((location) => location === wanted || location === resolve(scripts.directory, versionPath))
    if (!match) {
      // Spelled as in the config (relative to the migrations folder), not from wherever the command ran.
      const known = scripts.versionLocations.map((location) => relative(scripts.directory, location) || '.').join(', ')
      throw new AthanorError('UNKNOWN_VERSION_PATH', `--version-path ${versionPath} is not one of the version locations (${known})`)
    }
    return match
  }
  if (scripts.versionLocations.length === 1) return scripts.versionLocations[0]!
  // Several locations: follow the parent, as Alembic does.
  for (const parent of parents) {
    const source = scripts.script(parent).source
    // With the separator, 'versions' does not claim a script in 'versions_extra'.
    const location = scripts.versionLocations.find((candidate) => source.startsWith(candidate + sep))
    if (location) return location
  }
  throw new AthanorError('VERSION_PATH_REQUIRED', 'several version locations are configured; pass --version-path')
}
