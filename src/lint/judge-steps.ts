import { sqlStatements } from '../dialect/default/sql-statements.js'
import { sqlTokens } from '../dialect/default/sql-tokens.js'
import type { DialectLint, LintMigration, LintSeverity, LintStatement, ServerVersion } from '../dialect/lint/types.js'
import { nameAt, tokenWord } from '../dialect/lint/words.js'
import type { LintRuleSetting } from '../config/config.js'
import type { MigrationModule } from '../script/script-directory.js'
import type { LintFinding } from './finding.js'
import type { RecordedOp, RecordedStep } from './record-run.js'
import { commentSuppressions, exportSuppressions, type Suppression, suppressionProblems } from './suppressions.js'

/** The codes of the findings lint makes about suppressions themselves, which every dialect has. */
export const SUPPRESSION_CODES = ['lint-ignore-without-reason', 'lint-ignore-unknown-code'] as const

/** What the rules judge the recorded steps against. */
export interface JudgeContext {
  readonly lint: DialectLint
  readonly version: ServerVersion
  /** The session limits the runner sets for a migration in a transaction, or outside one. */
  readonly runnerSets: (transactional: boolean) => LintMigration['runnerSets']
  readonly settings: Readonly<Record<string, LintRuleSetting>>
  readonly rows: ReadonlyMap<string, number> | undefined
  readonly database?: string
  readonly module: (revision: string) => Promise<MigrationModule>
  /** The script's text, for the suppressions its comments write. */
  readonly text: (revision: string) => string
  /** Every code some dialect's rules use: a suppression of one of them is not a typo. */
  readonly knownCodes: ReadonlySet<string>
}

/**
 * Runs the dialect's rules over each step's statements and turns what
 * they find into findings: severities from the config, suppressions from
 * the script, rows from the database.
 *
 * @example
 * import type { RecordedStep } from './record-run.js'
 * declare const steps: RecordedStep[]
 * declare const context: JudgeContext
 * const findings = await judgeSteps(steps, context)
 * findings.filter((finding) => finding.severity === 'error').length
 */
export async function judgeSteps(steps: readonly RecordedStep[], context: JudgeContext): Promise<LintFinding[]> {
  const all: LintFinding[] = []
  for (const recorded of steps) {
    const findings: LintFinding[] = []
    const module = await context.module(recorded.step.revision)
    const migration = lintMigration(recorded, module, context)
    const byLine = commentSuppressions(context.text(recorded.step.revision))
    const fromExport = exportSuppressions(module.lintIgnore)
    const written: Suppression[] = [...fromExport.suppressions, ...[...byLine.values()].flat()]
    const where = {
      revision: recorded.step.revision,
      file: recorded.file,
      ...(context.database === undefined ? {} : { database: context.database }),
    }
    for (const problem of [...fromExport.problems, ...suppressionProblems(written, context.knownCodes)]) {
      const severity = settingOf(problem.code, problem.severity, context.settings)
      if (severity === undefined) continue
      findings.push({ ...where, code: problem.code, severity, line: problem.line, statement: '', why: problem.why, fix: problem.fix })
    }
    for (const rule of context.lint.rules) {
      const severity = settingOf(rule.code, rule.severity, context.settings)
      if (severity === undefined) continue
      for (const hit of rule.check(migration)) {
        const line = hit.statement.line
        const silenced = [...fromExport.suppressions, ...(line === undefined ? [] : (byLine.get(line) ?? []))].some((s) =>
          s.codes.includes(rule.code),
        )
        if (silenced) continue
        const rows = hit.table === undefined ? undefined : context.rows?.get(hit.table)
        if (rule.minRows !== undefined && rows !== undefined && rows < rule.minRows) continue
        findings.push({
          ...where,
          code: rule.code,
          severity,
          line: line ?? 1,
          ...(hit.table === undefined ? {} : { table: hit.table }),
          ...(rows === undefined ? {} : { rows }),
          statement: hit.statement.sql,
          why: hit.why,
          fix: hit.fix,
        })
      }
    }
    all.push(...findings.sort((a, b) => a.line - b.line))
  }
  return all
}

function settingOf(code: string, severity: LintSeverity, settings: Readonly<Record<string, LintRuleSetting>>): LintSeverity | undefined {
  const setting = settings[code]
  if (setting === 'off') return undefined
  return setting ?? severity
}

function lintMigration(recorded: RecordedStep, module: MigrationModule, context: JudgeContext): LintMigration {
  const statements = recorded.ops.flatMap((op) => statementsOf(op, context.lint))
  // What the migration makes is empty: building an index on it blocks nobody. A materialized view counts, its indexes made with it.
  const createdTables = new Set<string>()
  for (const { op } of recorded.ops) {
    if (op.kind === 'create_table') createdTables.add(op.table.name.toLowerCase())
    if (op.kind === 'create_view' && op.view.materialized === true) createdTables.add(op.view.name.toLowerCase())
  }
  const withoutIfNotExists = (words: readonly string[]) => words.filter((word) => !['IF', 'NOT', 'EXISTS'].includes(word))
  for (const statement of statements) {
    const [first, second, third] = statement.words
    if (first !== 'CREATE') continue
    if (second === 'TABLE' && !statement.rebuild) {
      const name = withoutIfNotExists(statement.words)[2]
      if (name !== undefined) createdTables.add(name.toLowerCase())
    }
    if (second === 'MATERIALIZED' && third === 'VIEW') {
      const name = nameAt(withoutIfNotExists(statement.words), 3)
      if (name !== undefined) createdTables.add(name)
    }
  }
  return {
    revision: recorded.step.revision,
    file: recorded.file,
    transactional: module.transactional !== false,
    statements,
    createdTables,
    version: context.version,
    runnerSets: context.runnerSets(module.transactional !== false),
  }
}

/**
 * An operation's statements, raw SQL split where the server splits it; a
 * guarded statement (see DialectLint.guardedStatement) judged by the words
 * of the statement it guards, whose locks the server takes.
 */
function statementsOf(recorded: RecordedOp, lint: DialectLint): LintStatement[] {
  return recorded.statements.flatMap((sql) =>
    sqlStatements(sql, lint.lexicon, lint.bodies).map((statement) => {
      const guarded = lint.guardedStatement?.(statement.text)
      const words =
        guarded === undefined
          ? statement.tokens.map((token) => tokenWord(sql, token))
          : sqlTokens(guarded, lint.lexicon).map((token) => tokenWord(guarded, token))
      return {
        sql: statement.text,
        words,
        shape: words.join(' '),
        op: recorded.op,
        line: recorded.line,
        inTransaction: recorded.inTransaction,
        rebuild: recorded.rebuild,
      }
    }),
  )
}
