import { backfillWithDdl, dropColumn, dropTable, nonIdempotent, renameColumn, renameTable } from '../lint/common-rules.js'
import { clauseRule } from '../lint/rule.js'
import type { LintRule, RuleHit } from '../lint/types.js'
import { addsColumn, hasSequence } from '../lint/words.js'

// What SQLite's ALTER TABLE refuses, and what athanor turns into a table
// rebuild instead: https://sqlite.org/lang_altertable.html

const rebuild: LintRule = {
  code: 'sqlite-rebuild',
  severity: 'warning',
  what: 'a table rebuild (SQLite)',
  check(migration) {
    const hits: RuleHit[] = []
    const seen = new Set<unknown>()
    for (const statement of migration.statements) {
      if (!statement.rebuild || seen.has(statement.op)) continue
      seen.add(statement.op)
      const op = statement.op
      const table = 'table' in op && typeof op.table === 'string' ? op.table.toLowerCase() : undefined
      if (table !== undefined && migration.createdTables.has(table)) continue
      hits.push({
        statement,
        ...(table === undefined ? {} : { table }),
        why: 'copies every row into a new table while holding the database write lock: every other writer waits for the whole copy',
        fix: 'batch the changes to one table into one rebuild (op.batchAlterTable); run it while the table is small or idle',
      })
    }
    return hits
  },
}

const notNullWithoutDefault = clauseRule('not-null-without-default', 'error', 'a NOT NULL column added without a default', (clause) =>
  addsColumn(clause) && hasSequence(clause, ['NOT', 'NULL']) && !clause.includes('DEFAULT')
    ? {
        why: 'fails: SQLite refuses to add a NOT NULL column whose default is NULL, whether the table has rows or not',
        fix: 'give it a DEFAULT, or add it nullable',
      }
    : undefined,
)

const volatileDefault = clauseRule('volatile-default', 'error', 'a column added with a non-constant default', (clause) => {
  if (!addsColumn(clause)) return undefined
  const after = clause.slice(clause.indexOf('DEFAULT') + 1)
  const nonConstant = clause.includes('DEFAULT') && (after[0] === '(' || after[0]?.startsWith('CURRENT_') === true)
  return nonConstant
    ? {
        why: 'fails on a table with rows: SQLite refuses ADD COLUMN with a non-constant default (CURRENT_TIMESTAMP, an expression)',
        fix: 'add it with a constant default (or none), then fill it with an UPDATE',
      }
    : undefined
})

/**
 * SQLite's lint rules, in the order their findings are listed.
 *
 * @example
 * sqliteLintRules.some((rule) => rule.code === 'sqlite-rebuild') // true
 */
export const sqliteLintRules: readonly LintRule[] = [
  rebuild,
  notNullWithoutDefault,
  volatileDefault,
  dropColumn(),
  dropTable(),
  renameColumn(),
  renameTable(),
  backfillWithDdl('run the backfill in a migration of its own, in batches, so other writers get the write lock between them'),
  nonIdempotent(),
]
