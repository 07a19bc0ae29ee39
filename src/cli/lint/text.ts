import { relative } from 'node:path'
import type { LintFinding, LintReport } from '../../command/lint.js'

/** A path as the reader's shell would write it: relative to the working directory. */
export const shownPath = (file: string, cwd: string): string => relative(cwd, file) || file

const rows = (count: number) => `${count.toLocaleString('en-US')} row${count === 1 ? '' : 's'}`

/** What a finding touches: `table users, 1,204 rows`. */
function touched(finding: LintFinding): string {
  if (finding.table === undefined) return ''
  return `, table ${finding.table}${finding.rows === undefined ? '' : `, ${rows(finding.rows)}`}`
}

/**
 * The text report: per finding, `file:line severity code (revision, table,
 * rows)`, the statement, why and the fix; then a summary line.
 *
 * @example
 * declare const report: LintReport
 * process.stdout.write(textReport(report, process.cwd()))
 */
export function textReport(report: LintReport, cwd: string): string {
  const lines: string[] = []
  for (const finding of report.findings) {
    const database = finding.database === undefined ? '' : `${finding.database}: `
    const where = `${database}${shownPath(finding.file, cwd)}:${finding.line}`
    lines.push(`${where} ${finding.severity} ${finding.code} (revision ${finding.revision}${touched(finding)})`)
    if (finding.statement !== '') lines.push(`  ${finding.statement.replace(/\s*\n\s*/g, ' ')}`)
    lines.push(`  why: ${finding.why}`, `  fix: ${finding.fix}`, '')
  }
  lines.push(summary(report))
  return `${lines.join('\n')}\n`
}

function summary(report: LintReport): string {
  const errors = report.findings.filter((finding) => finding.severity === 'error').length
  const warnings = report.findings.length - errors
  const revisions = report.databases.reduce((sum, linted) => sum + linted.revisions.length, 0)
  const versions = [...new Set(report.databases.map((linted) => `${linted.dialect} ${linted.serverVersion}`))].join(', ')
  const counted = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`
  return `${counted} in ${revisions} revision${revisions === 1 ? '' : 's'} (${versions})`
}
