import { onExistingTable, statementRule } from './rule.js'
import type { LintRule, LintStatement } from './types.js'
import { hasSequence, indexOfSequence, isCreateIndex, nameAt, tableOf as tableOfWords } from './words.js'

// The hazards every dialect shares: data loss, names the running
// application still uses, backfills and scripts that cannot be run twice.
// Each dialect lists the ones it applies, with its own safe alternative.

const isAlterTable = (s: LintStatement) => s.words[0] === 'ALTER' && s.words[1] === 'TABLE'

/** ALTER TABLE … DROP [COLUMN] x (not DROP CONSTRAINT, INDEX, KEY, …). */
export function dropsColumn(s: LintStatement): boolean {
  if (!isAlterTable(s)) return false
  if (hasSequence(s.words, ['DROP', 'COLUMN'])) return true
  const at = s.words.indexOf('DROP')
  const next = s.words[at + 1]
  return at > 0 && next !== undefined && !DROPPABLE_OTHERS.has(next) && s.op.kind === 'drop_column'
}
const DROPPABLE_OTHERS = new Set(['CONSTRAINT', 'INDEX', 'KEY', 'PRIMARY', 'FOREIGN', 'CHECK', 'DEFAULT', 'NOT', 'IDENTITY', 'EXPRESSION'])

export const dropColumn = (fix = 'deploy the application that no longer uses the column first; drop it in a later release'): LintRule =>
  statementRule('drop-column', 'warning', 'DROP COLUMN: the data is gone, and running code that still reads the column fails', (s) =>
    dropsColumn(s)
      ? { why: 'drops the column and its data; the application version still running may select or insert it', fix }
      : undefined,
  )

export const dropTable = (fix = 'deploy the application that no longer uses the table first; drop it in a later release'): LintRule =>
  statementRule('drop-table', 'warning', 'DROP TABLE: the data is gone, and running code that still uses the table fails', (s) =>
    s.words[0] === 'DROP' && s.words[1] === 'TABLE'
      ? { why: 'drops the table and its rows; the application version still running may query it', fix }
      : undefined,
  )

export const truncate = (fix = 'delete in batches, or drop the table in a later release once nothing uses it'): LintRule =>
  statementRule('truncate', 'error', 'TRUNCATE: deletes every row', (s) =>
    s.words[0] === 'TRUNCATE' ? { why: 'deletes every row of the table at once, under an exclusive lock', fix } : undefined,
  )

/** CASCADE as a drop's option, not a foreign key's `ON DELETE CASCADE` / `ON UPDATE CASCADE` action. */
const dropsCascading = (words: readonly string[]) =>
  words.some((word, at) => word === 'CASCADE' && words[at - 1] !== 'DELETE' && words[at - 1] !== 'UPDATE')

export const cascade = (fix = 'drop the dependent objects by name first, so the migration says what it removes'): LintRule =>
  statementRule('cascade', 'error', 'DROP … CASCADE / TRUNCATE … CASCADE: removes objects the statement does not name', (s) =>
    (s.words[0] === 'DROP' || s.words[0] === 'TRUNCATE' || isAlterTable(s)) && dropsCascading(s.words)
      ? { why: 'CASCADE also drops (or empties) every object that depends on this one, which the migration does not name', fix }
      : undefined,
  )

const RENAMES_COLUMN = (s: LintStatement) =>
  isAlterTable(s) && (hasSequence(s.words, ['RENAME', 'COLUMN']) || (s.words.includes('CHANGE') && s.op.kind === 'alter_column'))

export const renameColumn = (
  fix = 'expand and contract: add the new column, write both, backfill, move the readers, drop the old one in a later release',
): LintRule =>
  statementRule('rename-column', 'error', 'RENAME COLUMN: breaks the application version still running', (s) =>
    RENAMES_COLUMN(s) || (s.op.kind === 'alter_column' && s.op.changes.newName !== undefined && isAlterTable(s))
      ? { why: 'the running application still reads and writes the old name and fails from the moment this commits', fix }
      : undefined,
  )

export const renameTable = (fix = 'expand and contract: create the new table, move the application, then drop the old name'): LintRule =>
  statementRule('rename-table', 'error', 'RENAME TABLE: breaks the application version still running', (s) => {
    // A move to another schema (PostgreSQL's SET SCHEMA) takes the old name away from the running application just the same.
    const moves = isAlterTable(s) && (hasSequence(s.words, ['RENAME', 'TO']) || hasSequence(s.words, ['SET', 'SCHEMA']))
    const renames = moves || (s.words[0] === 'RENAME' && s.words[1] === 'TABLE')
    if (!renames) return undefined
    return { why: 'the running application still queries the old name and fails from the moment this commits', fix }
  })

const isDdl = (s: LintStatement) => ['CREATE', 'ALTER', 'DROP', 'RENAME', 'TRUNCATE'].includes(s.words[0] ?? '')

/** UPDATE or DELETE over a whole table: no WHERE (the rows a backfill rewrites). */
export function wholeTableWrite(s: LintStatement): boolean {
  const first = s.words[0]
  return (first === 'UPDATE' || (first === 'DELETE' && s.words[1] === 'FROM')) && !s.words.includes('WHERE')
}

export const backfillWithDdl = (fix: string): LintRule => ({
  code: 'backfill-with-ddl',
  severity: 'warning',
  what: 'a whole-table UPDATE or DELETE in the same migration as DDL',
  check(migration) {
    if (!migration.statements.some((s) => isDdl(s) && !s.rebuild)) return []
    return migration.statements
      .filter((s) => wholeTableWrite(s) && onExistingTable(s, migration))
      .map((statement) => {
        const table = nameAt(statement.words, statement.words[0] === 'UPDATE' ? 1 : 2)
        return {
          statement,
          ...(table === undefined ? {} : { table }),
          why: 'rewrites every row in one statement while the DDL of the same migration holds its locks; on a large table, for minutes',
          fix,
        }
      })
  },
})

const IDEMPOTENT_GUARDS: readonly (readonly string[])[] = [
  ['IF', 'NOT', 'EXISTS'],
  ['IF', 'EXISTS'],
  ['OR', 'REPLACE'],
]

export const nonIdempotent = (
  fix = 'write CREATE … IF NOT EXISTS and DROP … IF EXISTS, so a run stopped halfway can run again',
): LintRule => ({
  code: 'non-idempotent',
  severity: 'warning',
  what: 'a statement that fails when run again, in a migration outside a transaction',
  check(migration) {
    if (migration.transactional) return []
    const ddl = migration.statements.filter((s) => isDdl(s) && s.words[0] !== 'ALTER')
    if (migration.statements.length < 2) return []
    return ddl
      .filter((s) => !IDEMPOTENT_GUARDS.some((guard) => indexOfSequence(s.words, guard) >= 0))
      .map((statement) => ({
        statement,
        why: 'the migration runs outside a transaction: if a later statement fails, a second run fails here, as this already took effect',
        fix,
      }))
  },
})

/** Statements that wait for a lock on a table the application uses: DDL on a table this migration did not create. */
export function takesTableLock(s: LintStatement, createdTables: ReadonlySet<string>): boolean {
  const first = s.words[0]
  if (first !== 'ALTER' && first !== 'DROP' && first !== 'TRUNCATE' && first !== 'RENAME' && !isCreateIndex(s.words)) {
    return false
  }
  if (s.words.includes('CONCURRENTLY') || s.rebuild) return false
  const table = s.words[0] === 'CREATE' || s.words[1] === 'TABLE' || first === 'TRUNCATE' ? tableOfStatement(s) : undefined
  return table === undefined || !createdTables.has(table)
}

const tableOfStatement = (s: LintStatement) => tableOfWords(s.words)

/**
 * A rule that wants a session setting (`lock_timeout`) set before the
 * first statement that waits for a table lock, unless the runner sets it
 * from the config.
 */
export function missingTimeout(
  code: string,
  setting: string,
  given: (runnerSets: { lockTimeout: boolean; statementTimeout: boolean }) => boolean,
  why: string,
  fix: string,
): LintRule {
  const upper = setting.toUpperCase()
  return {
    code,
    severity: 'warning',
    what: `DDL without ${setting} set first`,
    check(migration) {
      if (given(migration.runnerSets)) return []
      for (const statement of migration.statements) {
        if (statement.words[0] === 'SET' && statement.words.some((word) => word.toUpperCase() === upper)) return []
        if (takesTableLock(statement, migration.createdTables)) {
          const table = tableOfWords(statement.words)
          return [{ statement, ...(table === undefined ? {} : { table }), why, fix }]
        }
      }
      return []
    },
  }
}
