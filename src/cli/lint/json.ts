import type { LintReport } from '../../command/lint.js'
import { shownPath } from './text.js'

/**
 * The report as one JSON document: the findings (paths relative to the
 * working directory) and, per database, what was linted against what.
 *
 * @example
 * declare const report: LintReport
 * JSON.parse(jsonReport(report, process.cwd())).findings.length
 */
export function jsonReport(report: LintReport, cwd: string): string {
  const findings = report.findings.map((finding) => ({ ...finding, file: shownPath(finding.file, cwd) }))
  return `${JSON.stringify({ findings, databases: report.databases }, null, 2)}\n`
}
