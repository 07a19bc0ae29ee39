import { parseDatabaseUrl, type DatabaseUrl } from '../core/database-url.js'
import { AthanorError, isAthanorError } from '../core/errors.js'
import type { Project } from '../config/project.js'
import type { DatabaseConnection } from '../dialect/driver.js'
import { dialectNamed, scratchDatabasesFor } from '../dialect/registry.js'
import { currentCompileCacheDir } from '../script/compile-cache-dir.js'
import { catalogCache } from './catalog-cache.js'
import { CatalogConnection } from './catalog-connection.js'
import { replayShadow, type ReplayedShadow } from './shadow-replay.js'

/**
 * Builds the schema the migrations produce on a shadow database and hands
 * a connection to it to `work`: every revision from base to the heads,
 * replayed as the `--sql` script renders them, without version rows (see
 * replayShadow). The shadow is a scratch database (as `athanor test` makes
 * them) of the config's `shadowUrl` when it names one of the project's
 * dialect: on a server, a database created there and dropped after. Else
 * it is the dialect's embedded database in memory (SQLite; PGlite for
 * PostgreSQL). Nothing connects to the project's own database; its URL
 * only says the dialect. On PGlite, what `work` reads is kept in the
 * compile cache, and a later run with the same scripts is answered from it
 * without replaying anything (see catalogCache, CatalogConnection).
 *
 * @example
 * import { openProject } from '../config/project.js'
 * const project = await openProject({ directory: 'migrations' })
 * const hasUsers = await withShadowDatabase(project, (connection) => connection.hasTable('users'))
 */
export async function withShadowDatabase<T>(project: Project, work: (connection: DatabaseConnection) => Promise<T>): Promise<T> {
  const configured = project.shadowUrl()
  const projectUrl = databaseUrlIfAny(project, configured)
  const dialect = dialectNamed((projectUrl ?? configured!).dialect)
  if (configured !== undefined && projectUrl !== undefined && configured.dialect !== dialect.name) {
    throw new AthanorError(
      'INVALID_CONFIG',
      `shadowUrl ${configured.redacted} is a ${configured.dialect} URL, ` +
        `but the database ${projectUrl.redacted} is ${dialect.name}: the shadow must be of the same dialect`,
    )
  }
  if (configured?.filename !== undefined && configured.filename !== ':memory:') {
    throw new AthanorError(
      'INVALID_CONFIG',
      `shadowUrl ${configured.redacted} names a database file; a shadow is a server URL (a scratch database is made there) or in memory`,
    )
  }
  const url = configured ?? embedded(project, projectUrl!)
  const cache = await keptCatalog(project, url)
  let replaying: Promise<ReplayedShadow> | undefined
  const replay = () => (replaying ??= replayShadow(project, url))
  try {
    if (cache === undefined) return await work((await replay()).connection)
    const kept = cache.read()
    // With nothing kept, replayed now, so that a revision that fails fails before the models are read, as it always has.
    if (kept === undefined) await replay()
    const connection = new CatalogConnection(dialect.name, kept ?? new Map(), async () => (await replay()).connection)
    const result = await work(connection)
    if (connection.replayed) cache.write(connection.heard())
    return result
  } finally {
    const shadow = await replaying?.catch(() => undefined)
    await shadow?.close()
  }
}

/**
 * The catalog an earlier run read from the same shadow, where the shadow
 * is an embedded engine whose catalog only the scripts decide and the
 * compile cache is usable; `undefined` otherwise.
 */
async function keptCatalog(project: Project, url: DatabaseUrl) {
  const engine = scratchDatabasesFor(url).catalogIdentity?.(url)
  const cacheDir = currentCompileCacheDir()
  if (engine === undefined || cacheDir === undefined) return undefined
  const scripts = await project.scripts()
  return catalogCache(project, scripts, scripts.graph.planUpgrade([], 'heads'), engine, cacheDir)
}

/**
 * The project's URL, which only says the dialect here; with a shadowUrl,
 * a project with no URL set (CI with no database at all) takes the
 * shadow's dialect instead.
 */
function databaseUrlIfAny(project: Project, configured: DatabaseUrl | undefined): DatabaseUrl | undefined {
  try {
    return project.databaseUrl()
  } catch (error) {
    if (configured !== undefined && isAthanorError(error, 'NO_DATABASE_URL')) return undefined
    throw error
  }
}

/** The dialect's database in memory; refused where it has none. */
function embedded(project: Project, url: DatabaseUrl): DatabaseUrl {
  const embeddedUrl = dialectNamed(url.dialect).shadow.embeddedUrl
  if (embeddedUrl === null) {
    throw new AthanorError(
      'SHADOW_URL_REQUIRED',
      `--offline replays the migrations on a shadow database, and ${url.dialect} has none built in: ` +
        `set shadowUrl in ${project.configFile ?? 'the config'} to a server where a scratch database may be created and dropped`,
    )
  }
  return parseDatabaseUrl(embeddedUrl)
}
