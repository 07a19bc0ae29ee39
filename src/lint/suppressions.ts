import type { LintSeverity } from '../dialect/lint/types.js'

/** A suppression written in a script: the codes it silences, its reason, and its line. */
export interface Suppression {
  readonly codes: readonly string[]
  readonly reason: string
  /** The comment's line; 0 for the script's `lintIgnore` export. */
  readonly line: number
}

/** A problem with a suppression itself, reported as a finding. */
export interface SuppressionProblem {
  readonly code: string
  readonly severity: LintSeverity
  readonly line: number
  readonly why: string
  readonly fix: string
}

const DIRECTIVE = /^\s*\/\/\s*athanor-lint-ignore\b(.*)$/

/**
 * The `// athanor-lint-ignore CODE[, CODE]: reason` comments of a script,
 * by the line of the operation each applies to: the first line below the
 * comment (and any comments stacked with it) that is not a comment.
 *
 * @example
 * commentSuppressions('// athanor-lint-ignore drop-column: unused since v2\nawait op.dropColumn("t", "c")').get(2)
 * // [{ codes: ['drop-column'], reason: 'unused since v2', line: 1 }]
 */
export function commentSuppressions(text: string): Map<number, Suppression[]> {
  const byLine = new Map<number, Suppression[]>()
  // Most scripts suppress nothing: no need to split them into lines.
  if (!text.includes('athanor-lint-ignore')) return byLine
  const lines = text.split('\n')
  let pending: Suppression[] = []
  for (const [index, line] of lines.entries()) {
    const match = DIRECTIVE.exec(line)
    if (match !== null) {
      pending.push(parseDirective(match[1]!, index + 1))
      continue
    }
    if (/^\s*(\/\/.*)?$/.test(line)) continue
    if (pending.length > 0) byLine.set(index + 1, pending)
    pending = []
  }
  return byLine
}

function parseDirective(rest: string, line: number): Suppression {
  const colon = rest.indexOf(':')
  const codes = (colon < 0 ? rest : rest.slice(0, colon)).split(/[\s,]+/).filter((code) => code !== '')
  return { codes, reason: colon < 0 ? '' : rest.slice(colon + 1).trim(), line }
}

/**
 * The script's `export const lintIgnore = { CODE: 'reason' }`, and what is
 * wrong with it: a value that is not such an object.
 *
 * @example
 * exportSuppressions({ 'drop-table': 'the table was never used' }).suppressions[0]?.codes // ['drop-table']
 */
export function exportSuppressions(value: unknown): { suppressions: Suppression[]; problems: SuppressionProblem[] } {
  if (value === undefined) return { suppressions: [], problems: [] }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      suppressions: [],
      problems: [
        {
          code: 'lint-ignore-without-reason',
          severity: 'error',
          line: 1,
          why: 'lintIgnore must be an object of rule codes to reasons; this one suppresses nothing',
          fix: "export const lintIgnore = { 'drop-column': 'why it is safe here' }",
        },
      ],
    }
  }
  const suppressions = Object.entries(value).map(([code, reason]) => ({
    codes: [code],
    reason: typeof reason === 'string' ? reason.trim() : '',
    line: 0,
  }))
  return { suppressions, problems: [] }
}

/**
 * What is wrong with the suppressions themselves: no reason, or a code no
 * rule has.
 *
 * @example
 * suppressionProblems([{ codes: ['drop-column'], reason: '', line: 3 }], new Set(['drop-column']))[0]?.code // 'lint-ignore-without-reason'
 */
export function suppressionProblems(suppressions: readonly Suppression[], known: ReadonlySet<string>): SuppressionProblem[] {
  const problems: SuppressionProblem[] = []
  for (const suppression of suppressions) {
    const line = Math.max(1, suppression.line)
    if (suppression.reason === '') {
      problems.push({
        code: 'lint-ignore-without-reason',
        severity: 'error',
        line,
        why: `the suppression of ${suppression.codes.join(', ') || 'nothing'} gives no reason, so a reviewer cannot tell why it is safe`,
        fix: 'write the reason after a colon: // athanor-lint-ignore CODE: why it is safe here',
      })
    }
    for (const code of suppression.codes.filter((code) => !known.has(code))) {
      problems.push({
        code: 'lint-ignore-unknown-code',
        severity: 'warning',
        line,
        why: `no lint rule has the code '${code}', so the suppression silences nothing`,
        fix: 'use a code from `athanor lint --rules` (see the README)',
      })
    }
  }
  return problems
}
