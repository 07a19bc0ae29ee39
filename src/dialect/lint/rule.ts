import type { LintMigration, LintRule, LintSeverity, LintStatement, RuleHit } from './types.js'
import { alterClauses, tableOf } from './words.js'

/** What a statement rule says about one statement it flags. */
export type StatementVerdict = Omit<RuleHit, 'statement' | 'table'> & { readonly table?: string }

/**
 * A rule that judges each statement on its own (with its migration for
 * context); the table defaults to the one the statement names.
 *
 * @example
 * const truncate = statementRule('truncate', 'error', 'TRUNCATE', (s) =>
 *   s.words[0] === 'TRUNCATE' ? { why: 'deletes every row', fix: 'delete in batches' } : undefined)
 */
export function statementRule(
  code: string,
  severity: LintSeverity,
  what: string,
  judge: (statement: LintStatement, migration: LintMigration) => StatementVerdict | undefined,
): LintRule {
  return {
    code,
    severity,
    what,
    check(migration) {
      const hits: RuleHit[] = []
      for (const statement of migration.statements) {
        const verdict = judge(statement, migration)
        if (verdict === undefined) continue
        const table = verdict.table ?? tableOf(statement.words)
        hits.push({ statement, why: verdict.why, fix: verdict.fix, ...(table === undefined ? {} : { table }) })
      }
      return hits
    },
  }
}

/**
 * Whether the statement works on a table that already holds rows, as far
 * as the migration can tell: not one it creates itself.
 *
 * @example
 * import type { LintMigration, LintStatement } from './types.js'
 * declare const statement: LintStatement
 * declare const migration: LintMigration
 * if (onExistingTable(statement, migration)) console.log('may lock out the application')
 */
export function onExistingTable(statement: LintStatement, migration: LintMigration): boolean {
  const table = tableOf(statement.words)
  return table === undefined || !migration.createdTables.has(table)
}

/**
 * Whether the server is at least `major.minor`, and of the flavour asked
 * (`''`, the dialect's own server, or `mariadb`).
 *
 * @example
 * atLeast({ major: 12, minor: 1 }, 11) // true
 */
export function atLeast(version: { major: number; minor: number }, major: number, minor = 0): boolean {
  return version.major > major || (version.major === major && version.minor >= minor)
}

/**
 * A rule that judges each clause of an ALTER TABLE statement; one hit per
 * statement at most, for its first clause that the judge flags.
 *
 * @example
 * const drops = clauseRule('drop-column', 'warning', 'DROP COLUMN', (clause) =>
 *   clause[0] === 'DROP' && clause[1] === 'COLUMN' ? { why: 'the data is gone', fix: 'stop using it first' } : undefined)
 */
export function clauseRule(
  code: string,
  severity: LintSeverity,
  what: string,
  judge: (clause: readonly string[], statement: LintStatement, migration: LintMigration) => StatementVerdict | undefined,
): LintRule {
  return statementRule(code, severity, what, (statement, migration) => {
    if (!onExistingTable(statement, migration)) return undefined
    for (const clause of alterClauses(statement.words)) {
      const verdict = judge(clause, statement, migration)
      if (verdict !== undefined) return verdict
    }
    return undefined
  })
}
