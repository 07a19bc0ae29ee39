import type { LintSeverity } from '../dialect/lint/types.js'

/**
 * One thing `athanor lint` found: which rule, how bad, where (revision,
 * file, line of the operation in the script), what it does to the table
 * and its rows, and the safe way.
 *
 * @example
 * declare const finding: LintFinding
 * console.log(`${finding.file}:${finding.line} ${finding.severity} ${finding.code}: ${finding.why}`)
 */
export interface LintFinding {
  readonly code: string
  readonly severity: LintSeverity
  readonly revision: string
  readonly file: string
  /** The line of the script that called the operation (1 when it could not be told). */
  readonly line: number
  /** Several databases: the one whose migration this is. */
  readonly database?: string
  readonly table?: string
  /** The table's rows, when a database was read: what ranks the findings. */
  readonly rows?: number
  /** The statement as `--sql` writes it. */
  readonly statement: string
  readonly why: string
  readonly fix: string
}

/**
 * A rule as reports describe it (SARIF's rule list, `lint --rules`).
 *
 * @example
 * const info: LintRuleInfo = { code: 'truncate', severity: 'error', what: 'TRUNCATE: deletes every row', dialects: ['postgresql'] }
 */
export interface LintRuleInfo {
  readonly code: string
  /** Its default severity on the dialects that have it; the config may change it. */
  readonly severity: LintSeverity
  readonly what: string
  readonly dialects: readonly string[]
}

/**
 * The findings of a run and what they were judged against.
 *
 * @example
 * declare const report: LintReport
 * const errors = report.findings.filter((finding) => finding.severity === 'error')
 */
export interface LintReport {
  readonly findings: readonly LintFinding[]
  /** Every rule of the dialects linted, for reports that describe them. */
  readonly rules: readonly LintRuleInfo[]
  /** Per database linted: its dialect, the server version the rules assumed, and how many revisions were linted. */
  readonly databases: readonly LintedDatabase[]
}

/**
 * What one database's lint looked at.
 *
 * @example
 * declare const linted: LintedDatabase
 * console.log(`${linted.dialect} ${linted.serverVersion}: ${linted.revisions.length} revisions`)
 */
export interface LintedDatabase {
  readonly database?: string
  readonly dialect: string
  readonly serverVersion: string
  readonly revisions: readonly string[]
  /** Whether a live database told which revisions are pending, the version and the table sizes. */
  readonly connected: boolean
}

const RANK: Readonly<Record<LintSeverity, number>> = { warning: 1, error: 2 }

/**
 * Whether a finding is at or above `threshold`.
 *
 * @example
 * atOrAbove('error', 'warning') // true
 */
export function atOrAbove(severity: LintSeverity, threshold: LintSeverity): boolean {
  return RANK[severity] >= RANK[threshold]
}
