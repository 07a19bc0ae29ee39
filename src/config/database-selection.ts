import { rewordError } from '../core/error-copy.js'
import { AthanorError } from '../core/errors.js'
import type { CommandOptions, Project } from './project.js'

/**
 * The databases a command works on: the project itself when it has one
 * database; with several, the one `db` names, else all of them, the default
 * first. `--url` alone is refused there: it could only mean one database.
 *
 * @example
 * import { openProject } from './project.js'
 * const project = await openProject({ directory: 'migrations' }) // databases default and db1
 * selectDatabases(project, {}).map((view) => view.database) // ['default', 'db1']
 * selectDatabases(project, { db: 'db1' }).map((view) => view.database) // ['db1']
 */
export function selectDatabases(project: Project, options: CommandOptions): Project[] {
  if (options.db !== undefined) return [project.forDatabase(options.db)]
  if (project.databases === undefined) return [project]
  if (options.url !== undefined) {
    throw new AthanorError(
      'MULTIDB_NEEDS_DB',
      `--url names one database but the project has several (${project.databases.join(', ')}); add --db NAME`,
    )
  }
  return project.databases.map((name) => project.forDatabase(name))
}

/**
 * Runs `work` on each database in turn, one after another: the databases
 * are separate, so there is no transaction across them, and a failure stops
 * the run at the database that failed, whose name the error then carries.
 *
 * @example
 * import { openProject } from './project.js'
 * const project = await openProject({ directory: 'migrations' }) // databases default and db1
 * await eachDatabase(selectDatabases(project, {}), async (view) => ({ url: view.databaseUrl().redacted }))
 * // [{ url: 'sqlite:///default.db', database: 'default' }, { url: 'sqlite:///db1.db', database: 'db1' }]
 */
export async function eachDatabase<T extends object>(
  projects: readonly Project[],
  work: (project: Project) => Promise<T>,
): Promise<Array<T & { database?: string }>> {
  const results: Array<T & { database?: string }> = []
  for (const project of projects) {
    try {
      const result: T = await work(project)
      results.push(project.database === undefined ? result : { ...result, database: project.database })
    } catch (error) {
      throw nameDatabase(error, project.database)
    }
  }
  return results
}

/** Puts the database's name in front of an athanor error's message, keeping its class, fields and the original as the cause. */
function nameDatabase(error: unknown, database: string | undefined): unknown {
  if (database === undefined || !(error instanceof AthanorError) || error.message.startsWith('database ')) return error
  return rewordError(error, `database ${database}: ${error.message}`)
}

/**
 * Two databases of one project that are the same database must keep their
 * versions in different tables, or each would overwrite the other's rows.
 */
export function refuseSharedVersionTables(projects: readonly Project[]): void {
  const seen = new Map<string, string>()
  for (const project of projects) {
    if (project.database === undefined) continue
    const key = `${project.databaseUrl().redacted}\n${project.versionTable.toLowerCase()}`
    const other = seen.get(key)
    if (other !== undefined) {
      throw new AthanorError(
        'SHARED_VERSION_TABLE',
        `databases ${other} and ${project.database} are the same database with the same version table ${project.versionTable}; ` +
          'give one its own versionTable',
      )
    }
    seen.set(key, project.database)
  }
}

/**
 * For the verbs that work on exactly one database (`resolve`, `pull`,
 * `history --applied`): the one `db` names; a multi-database project
 * without `db` fails when the URL is needed, asking for `--db NAME`.
 *
 * @example
 * import { openProject } from './project.js'
 * const project = await openProject({ directory: 'migrations' }) // databases default and db1
 * oneDatabase(project, { db: 'db1' }).databaseUrl().redacted // 'sqlite:///db1.db'
 */
export function oneDatabase(project: Project, options: CommandOptions): Project {
  return options.db === undefined ? project : project.forDatabase(options.db)
}
