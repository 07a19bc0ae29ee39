import type { LintReport } from '../../command/lint.js'
import { shownPath } from './text.js'

/**
 * The report as SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/),
 * which code-scanning tools (GitHub's among them) read: one run, athanor as
 * the tool with its rules, one result per finding located at the script's
 * line, paths relative to the working directory (`%SRCROOT%`).
 *
 * @example
 * declare const report: LintReport
 * JSON.parse(sarifReport(report, process.cwd())).version // '2.1.0'
 */
export function sarifReport(report: LintReport, cwd: string): string {
  const ruleIndex = new Map(report.rules.map((rule, index) => [rule.code, index]))
  const document = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'athanor',
            informationUri: 'https://github.com/athanor-migrations/athanor#lint',
            rules: report.rules.map((rule) => ({
              id: rule.code,
              name: rule.code,
              shortDescription: { text: rule.what },
              defaultConfiguration: { level: rule.severity },
              properties: { dialects: rule.dialects },
            })),
          },
        },
        results: report.findings.map((finding) => ({
          ruleId: finding.code,
          ...(ruleIndex.has(finding.code) ? { ruleIndex: ruleIndex.get(finding.code) } : {}),
          level: finding.severity,
          message: { text: `${finding.why}. Safe: ${finding.fix}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: shownPath(finding.file, cwd).split('\\').join('/'), uriBaseId: '%SRCROOT%' },
                region: { startLine: finding.line },
              },
            },
          ],
          properties: {
            revision: finding.revision,
            ...(finding.database === undefined ? {} : { database: finding.database }),
            ...(finding.table === undefined ? {} : { table: finding.table }),
            ...(finding.rows === undefined ? {} : { rows: finding.rows }),
            statement: finding.statement,
          },
        })),
      },
    ],
  }
  return `${JSON.stringify(document, null, 2)}\n`
}
