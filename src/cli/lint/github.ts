import type { LintReport } from '../../command/lint.js'
import { shownPath } from './text.js'

// GitHub Actions workflow commands: https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions
// Data escapes %, CR and LF; property values also escape : and ,.
const data = (text: string) => text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A')
const property = (text: string) => data(text).replaceAll(':', '%3A').replaceAll(',', '%2C')

/**
 * One `::error` or `::warning` workflow command per finding, which GitHub
 * shows as an annotation on the script's line in the pull request.
 *
 * @example
 * declare const report: LintReport
 * process.stdout.write(githubReport(report, process.cwd()))
 * // ::error file=migrations/versions/ae10_add_index.ts,line=14,title=create-index-blocking::…
 */
export function githubReport(report: LintReport, cwd: string): string {
  return report.findings
    .map((finding) => {
      const title = property(`${finding.code} (revision ${finding.revision})`)
      const message = data(`${finding.why}. Safe: ${finding.fix}`)
      return `::${finding.severity} file=${property(shownPath(finding.file, cwd))},line=${finding.line},title=${title}::${message}\n`
    })
    .join('')
}
