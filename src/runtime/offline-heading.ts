import type { Project } from '../config/project.js'

/**
 * The banner that opens one database's section of a multi-database
 * `--sql` script, so a DBA knows where to run each part. SQL comments, so
 * the whole output stays one valid script per dialect section.
 *
 * @example
 * import { openProject } from '../config/project.js'
 * const project = await openProject({ directory: 'migrations' }) // databases default and db1
 * process.stdout.write(offlineHeading(project.forDatabase('db1')))
 * // -- ======…
 * // -- Database db1: sqlite:///db1.db
 * // -- ======…
 */
export function offlineHeading(project: Project): string {
  const rule = `-- ${'='.repeat(70)}`
  return `${rule}\n-- Database ${project.database}: ${project.databaseUrl().redacted}\n${rule}\n\n`
}
