import type { Project } from '../../config/project.js'
import type { DatabaseUrl } from '../../core/database-url.js'
import type { RevisionGraph } from '../../revision/index.js'
import type { ScriptDirectory } from '../../script/script-directory.js'
import { ScratchSession } from './scratch-session.js'

/** What every test of one database works from. */
export interface TestContext {
  readonly project: Project
  /** The server scratch databases are made on (SQLite: only its dialect counts). */
  readonly server: DatabaseUrl
  readonly scripts: ScriptDirectory
  readonly graph: RevisionGraph
  /** Runs `work` on a new scratch database, dropped afterwards whatever happens. */
  withScratch<T>(work: (session: ScratchSession) => Promise<T>): Promise<T>
}

/**
 * A context whose scratch databases are listed in `opened` as they are made.
 * `given`: the server URL came from `--url`, so its database may be used
 * itself, if empty, where no scratch database can be created; `signal`
 * stops the run between two migrations.
 *
 * @example
 * import { openProject } from '../../config/project.js'
 * const project = await openProject({ directory: 'migrations' })
 * const opened: string[] = []
 * const context = testContext(project, project.databaseUrl(), await project.scripts(), opened)
 * await context.withScratch(async (session) => session.catalog())
 * opened // ['SQLite in memory']
 */
export function testContext(
  project: Project,
  server: DatabaseUrl,
  scripts: ScriptDirectory,
  opened: string[],
  options: { readonly given?: boolean; readonly signal?: AbortSignal } = {},
): TestContext {
  return {
    project,
    server,
    scripts,
    // Read when a test asks: a graph that does not build is the heads test's failure, not the command's.
    get graph() {
      return scripts.graph
    },
    async withScratch(work) {
      const session = await ScratchSession.open(project, server, options)
      opened.push(session.scratch.label)
      try {
        return await work(session)
      } finally {
        await session.close()
      }
    },
  }
}
