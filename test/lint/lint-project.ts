import type { DialectName } from '../../src/core/dialect-name.js'
import { type LintOptions, lintProject } from '../../src/lint/lint-project.js'
import type { LintReport } from '../../src/lint/finding.js'
import { type Project, temporaryProjects } from '../helpers/project.js'

/** What the base revision leaves: tables with rows in a real database, so what the next revision does to them counts. */
export const BASE_TABLES = [
  "  await op.createTable('users', [{ name: 'id', type: 'integer', primaryKey: true }, " +
    "{ name: 'email', type: { kind: 'string', length: 20 } }, { name: 'age', type: 'integer' }])",
  "  await op.createTable('orders', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'user_id', type: 'integer' }])",
  "  await op.createTable('events', [{ name: 'id', type: 'integer' }, { name: 'note', type: 'text' }])",
].join('\n')

/** A URL that selects the dialect; lint reads no database with `offline`. */
export function dialectUrl(dialect: DialectName, project: Project): string {
  return dialect === 'sqlite' ? project.url : `${dialect}://app@127.0.0.1:1/app`
}

export interface Migration {
  readonly upgrade: string
  /** Top-level code after the exports (`export const transactional = false`). */
  readonly extra?: string
  readonly ext?: 'ts' | 'js'
}

/**
 * A project of two revisions, `base` (the tables above) and `r2` (the
 * migration under test); returns it with a lint of `r2` alone.
 */
export function lintProjects(): (
  dialect: DialectName,
  migration: Migration,
  options?: LintOptions,
) => Promise<{ project: Project; report: LintReport }> {
  const projects = temporaryProjects()
  return async (dialect, migration, options = {}) => {
    const project = projects([
      { id: 'r1', ext: 'js', message: 'tables', upgrade: BASE_TABLES, downgrade: '' },
      {
        id: 'r2',
        down: 'r1',
        ext: migration.ext ?? 'js',
        message: 'under test',
        upgrade: migration.upgrade,
        downgrade: '',
        ...(migration.extra === undefined ? {} : { extra: migration.extra }),
      },
    ])
    const report = await lintProject({
      directory: project.migrations,
      url: dialectUrl(dialect, project),
      offline: true,
      range: 'r1:heads',
      ...options,
    })
    return { project, report }
  }
}
