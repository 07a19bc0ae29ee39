import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Project } from '../config/project.js'
import type { PlanStep } from '../revision/types.js'
import type { ScriptDirectory } from '../script/script-directory.js'
import { decodeValue } from './catalog-codec.js'

/** What a shadow database answered, encoded (see encodeValue), by the read asked (see CatalogConnection). */
export type CatalogReads = ReadonlyMap<string, unknown>

const PREFIX = 'offline-catalog-'
const FORMAT = 1
/** The projects whose catalogs are kept: the least recently written go first. */
const KEPT = 16

/**
 * The catalog `--offline` read from its shadow database last time, kept in
 * the compile cache (see compileCacheDir) so that a run whose migrations
 * have not changed replays nothing. One file per project (and database of
 * a multi-database project), mode 0600, holding a key and the reads; the
 * key is a hash of what decides the catalog: each script's checksum in the
 * order the upgrade runs them, the `-x` arguments and tag the scripts see,
 * the naming convention, the shadow engine's build and URL parameters, and
 * athanor's own build. The reads are catalog rows (names, types, defaults,
 * definitions), never a URL or a row of data. A file that does not parse is
 * ignored and written anew.
 *
 * @example
 * import { openProject } from '../config/project.js'
 * const project = await openProject({ directory: 'migrations' })
 * const scripts = await project.scripts()
 * const steps = scripts.graph.planUpgrade([], 'heads')
 * const cache = catalogCache(project, scripts, steps, '["pglite","3f2a",[]]', '/app/node_modules/.cache/athanor')
 * cache?.read() // undefined on the first run
 */
export function catalogCache(
  project: Project,
  scripts: ScriptDirectory,
  steps: readonly PlanStep[],
  engine: string,
  cacheDir: string,
): { read(): CatalogReads | undefined; write(reads: CatalogReads): void } | undefined {
  const build = athanorBuild()
  if (build === undefined) return undefined
  const file = join(cacheDir, `${PREFIX}${sha256(`${project.directory}\0${project.database ?? ''}`).slice(0, 16)}.json`)
  const key = sha256(
    JSON.stringify([
      FORMAT,
      build,
      engine,
      project.config.namingConvention ?? null,
      Object.entries(project.x).sort(),
      project.tag ?? null,
      steps.map((step) => [step.revision, scripts.script(step.revision).checksum]),
    ]),
  )
  return {
    read: () => readReads(file, key),
    write: (reads) => writeReads(file, key, reads),
  }
}

function readReads(file: string, key: string): CatalogReads | undefined {
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { key?: unknown; reads?: unknown }
    if (saved.key !== key || !Array.isArray(saved.reads)) return undefined
    const reads = new Map((saved.reads as [string, unknown][]).map(([read, value]) => [String(read), value]))
    // Decoded once here as well, so a file that only looks right is caught now and not halfway through a comparison.
    for (const value of reads.values()) decodeValue(value)
    return reads
  } catch {
    // Missing, half written by hand, or from another format: replayed and written anew.
    return undefined
  }
}

/** Best effort: a cache that cannot be written costs the next run a replay, nothing more. */
function writeReads(file: string, key: string, reads: CatalogReads): void {
  const temporary = `${file}.${process.pid}.tmp`
  try {
    const text = JSON.stringify({ key, reads: [...reads] })
    writeFileSync(temporary, text, { mode: 0o600 })
    renameSync(temporary, file)
    forgetOldProjects(dirname(file))
  } catch {
    rmSync(temporary, { force: true })
  }
}

/** Temporary projects (tests, CI checkouts) would otherwise leave a file each behind for ever. */
function forgetOldProjects(cacheDir: string): void {
  const files = readdirSync(cacheDir)
    .filter((name) => name.startsWith(PREFIX) && name.endsWith('.json'))
    .map((name) => ({ path: join(cacheDir, name), written: statSync(join(cacheDir, name)).mtimeMs }))
    .sort((a, b) => b.written - a.written)
  for (const old of files.slice(KEPT)) rmSync(old.path, { force: true })
}

/**
 * athanor's own build: the files beside this module, by name, size and
 * time. Installed, that is the bundle's chunks, whose names carry a hash of
 * their content, so a new version (a compiler that writes other DDL, an
 * introspector that reads other columns) never reads an older catalog.
 * `undefined` where that folder cannot be read (athanor bundled into an
 * application): nothing is kept then.
 */
function athanorBuild(): string | undefined {
  try {
    const folder = dirname(fileURLToPath(import.meta.url))
    const files = readdirSync(folder)
      .sort()
      .map((name) => {
        const { size, mtimeMs } = statSync(join(folder, name))
        return `${name}\0${size}\0${mtimeMs}`
      })
    return sha256(files.join('\n'))
  } catch {
    return undefined
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}
