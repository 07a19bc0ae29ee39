import { type LintOptions, lintProject } from '../lint/lint-project.js'
import type { LintReport } from '../lint/finding.js'

/**
 * Lints the SQL that revisions will run, as `upgrade --sql` renders it:
 * locks that stop the application, table rewrites, statements that fail on
 * a populated table, data loss, names the running code still uses. Each
 * finding names its rule, revision, file and line, why it is dangerous and
 * the safe way for the dialect and server version.
 *
 * @example
 * import { lint } from 'athanor'
 * const { findings } = await lint({ directory: 'migrations' })
 * for (const f of findings) console.log(`${f.file}:${f.line} ${f.severity} ${f.code}: ${f.why}`)
 */
export function lint(options: LintOptions = {}): Promise<LintReport> {
  return lintProject(options)
}

export { ruleInfos } from '../lint/lint-project.js'
export { lintAll } from '../lint/lint-tenants.js'
export type { LintAllOptions, LintAllReport, TenantLintGroup } from '../lint/lint-tenants.js'
export { atOrAbove } from '../lint/finding.js'
export type { LintOptions, LintReport }
export type { LintFinding, LintedDatabase, LintRuleInfo } from '../lint/finding.js'
export type { LintSeverity } from '../dialect/lint/types.js'
