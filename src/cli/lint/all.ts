import type { LintAllReport } from '../../command/lint.js'
import { finalTable, finishedLine, tally } from '../fan-out-table.js'
import { shownPath, textReport } from './text.js'

const revisions = (ids: readonly string[]) => ids.join(', ') || 'base'
const NAMED_IN_HEADING = 5

/**
 * `lint --all` as text: per group of tenants that share their pending
 * revisions, a heading naming them and the findings as `lint` writes them;
 * then the table of every tenant, and why each failed one failed.
 *
 * @example
 * declare const report: LintAllReport
 * process.stdout.write(lintAllText(report, process.cwd()))
 */
export function lintAllText(report: LintAllReport, cwd: string): string {
  const lines: string[] = []
  for (const group of report.groups) {
    const from = report.tenants.databases.find((row) => row.database === group.databases[0])?.from ?? []
    const count = group.databases.length
    // The table below names every tenant; a heading of a thousand names would hide the findings.
    const named = group.databases.slice(0, NAMED_IN_HEADING).join(', ')
    const more = count > NAMED_IN_HEADING ? ` and ${count - NAMED_IN_HEADING} more` : ''
    lines.push(`== ${named}${more} (${count} database${count === 1 ? '' : 's'}, from ${revisions(from)})`)
    lines.push(textReport(group.report, cwd))
  }
  lines.push(...finalTable(report.tenants))
  for (const row of report.tenants.databases) if (row.status === 'failed') lines.push(finishedLine(row))
  return `${lines.join('\n')}\n`
}

/**
 * `lint --all` as one JSON document: the groups (their databases, findings
 * and what they were linted against, `linted`), each tenant's row, and the tally.
 *
 * @example
 * declare const report: LintAllReport
 * JSON.parse(lintAllJson(report, process.cwd())).groups[0].databases // ['tenant_1', 'tenant_2']
 */
export function lintAllJson(report: LintAllReport, cwd: string): string {
  const groups = report.groups.map((group) => ({
    databases: group.databases,
    findings: group.report.findings.map((finding) => ({ ...finding, file: shownPath(finding.file, cwd) })),
    linted: group.report.databases,
  }))
  const databases = report.tenants.databases.map((row) => ({ ...row, durationMs: Math.round(row.durationMs) }))
  const stopped = report.tenants.stopped === undefined ? {} : { stopped: report.tenants.stopped }
  return `${JSON.stringify({ groups, databases, summary: tally(report.tenants), ...stopped }, null, 2)}\n`
}
