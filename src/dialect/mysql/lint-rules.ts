import type { ColumnType } from '../../schema/types.js'
import {
  backfillWithDdl,
  cascade,
  dropColumn,
  dropTable,
  missingTimeout,
  nonIdempotent,
  renameColumn,
  renameTable,
  truncate,
} from '../lint/common-rules.js'
import { roundingTypeChange } from '../lint/rounding-type-change.js'
import { mysqlRoundedDigits } from './rounding.js'
import { clauseRule, statementRule } from '../lint/rule.js'
import type { LintRule } from '../lint/types.js'
import { addsColumn, hasSequence } from '../lint/words.js'

// Which ALTER TABLE copies the table, rebuilds it in place, or changes
// metadata only: https://dev.mysql.com/doc/refman/8.0/en/innodb-online-ddl-operations.html
// and https://mariadb.com/kb/en/innodb-online-ddl-operations-with-the-instant-alter-algorithm/

const ONLINE_TOOL = 'an online schema-change tool (gh-ost, pt-online-schema-change) for a large table'

// With ALGORITHM=INPLACE the server refuses what it would copy: with foreign_key_checks on, it refuses the key.
const addForeignKey = clauseRule(
  'add-foreign-key',
  'error',
  'a foreign key added with foreign_key_checks on (a table copy)',
  (clause, s) =>
    clause[0] === 'ADD' && hasSequence(clause, ['FOREIGN', 'KEY']) && !hasSequence(s.words, ['ALGORITHM', '=', 'INPLACE'])
      ? {
          why: 'with foreign_key_checks on, ADD FOREIGN KEY copies the whole table (ALGORITHM=COPY) and blocks writes until it ends',
          fix:
            'check for orphan rows with a query first, then SET foreign_key_checks = 0 around the ALTER: ' +
            'it runs INPLACE, without a copy',
        }
      : undefined,
)

const addCheckConstraint = clauseRule('add-check-constraint', 'error', 'a CHECK constraint added (a table copy)', (clause) =>
  clause[0] === 'ADD' && clause.includes('CHECK')
    ? { why: 'ADD CHECK copies the whole table (ALGORITHM=COPY) to check every row; writes wait until it ends', fix: ONLINE_TOOL }
    : undefined,
)

const setNotNull = statementRule('set-not-null', 'warning', 'a column made NOT NULL (a table rebuild)', (s) =>
  s.op.kind === 'alter_column' && s.op.changes.nullable === false && (s.words.includes('MODIFY') || s.words.includes('CHANGE'))
    ? {
        why: 'rebuilds the table in place: every row is rewritten, and with strict mode off a NULL silently becomes 0 or an empty string',
        fix: `backfill the NULLs first; then ${ONLINE_TOOL}`,
      }
    : undefined,
)

const notNullWithoutDefault = clauseRule('not-null-without-default', 'warning', 'a NOT NULL column added without a default', (clause) =>
  addsColumn(clause) && hasSequence(clause, ['NOT', 'NULL']) && !clause.includes('DEFAULT') && !clause.includes('AUTO_INCREMENT')
    ? {
        why: "the existing rows silently get the type's implicit default (0, '' or a zero date), which the application may not expect",
        fix: 'give it an explicit DEFAULT, or add it nullable and backfill',
      }
    : undefined,
)

const volatileDefault = clauseRule('volatile-default', 'warning', 'a column added with an expression default', (clause) => {
  if (!addsColumn(clause)) return undefined
  const at = clause.indexOf('DEFAULT')
  const next = clause[at + 1]
  const expression = at >= 0 && (next === '(' || clause[at + 2] === '(')
  return expression
    ? {
        why: 'an expression default cannot be added instantly: the table is rebuilt to fill every row',
        fix: 'add it without a default, then backfill in batches',
      }
    : undefined
})

const addColumnRewrite = clauseRule('add-column-rewrite', 'error', 'an AUTO_INCREMENT or stored generated column added', (clause) =>
  addsColumn(clause) &&
  (clause.includes('AUTO_INCREMENT') || (clause.includes('GENERATED') && clause.includes('STORED')) || clause.includes('PERSISTENT'))
    ? { why: 'copies the whole table (ALGORITHM=COPY): writes wait until every row has its value', fix: ONLINE_TOOL }
    : undefined,
)

/** utf8mb4's four bytes a character: VARCHAR lengths up to 63 keep a one-byte length prefix. */
const ONE_BYTE_PREFIX_CHARS = 63

function safeWidening(from: ColumnType, to: ColumnType): boolean {
  if (from.kind !== 'string' || to.kind !== 'string' || from.length === undefined || to.length === undefined) return false
  return to.length >= from.length && from.length <= ONE_BYTE_PREFIX_CHARS === to.length <= ONE_BYTE_PREFIX_CHARS
}

function enumAppends(from: ColumnType, to: ColumnType): boolean {
  return from.kind === 'enum' && to.kind === 'enum' && from.values.every((value, i) => to.values[i] === value)
}

const columnTypeChange = statementRule('column-type-change', 'error', 'a column type change outside the safe widenings', (s) => {
  const op = s.op
  if (op.kind !== 'alter_column' || op.changes.type === undefined) {
    return s.words[0] === 'ALTER' && (s.words.includes('MODIFY') || s.words.includes('CHANGE')) && op.kind === 'execute'
      ? { why: 'changing a column type copies the whole table (ALGORITHM=COPY) unless it only widens a VARCHAR', fix: ONLINE_TOOL }
      : undefined
  }
  if (op.changes.type.kind === 'enum' || (op.existing !== undefined && safeWidening(op.existing.type, op.changes.type))) return undefined
  // The column restated as it is (dropping a CHECK written in its definition) changes metadata alone.
  if (op.existing !== undefined && JSON.stringify(op.existing.type) === JSON.stringify(op.changes.type)) return undefined
  return {
    why:
      'copies the whole table (ALGORITHM=COPY), blocking writes; only a VARCHAR widening that stays on the same side of ' +
      '255 bytes (63 utf8mb4 characters) changes metadata alone',
    fix: ONLINE_TOOL,
  }
})

const enumChange = statementRule('enum-change', 'error', 'an ENUM changed other than by appending values', (s) => {
  const op = s.op
  if (op.kind !== 'alter_column' || op.changes.type?.kind !== 'enum') return undefined
  if (op.existing !== undefined && enumAppends(op.existing.type, op.changes.type)) return undefined
  return {
    why: 'anything but appending values at the end of an ENUM copies the whole table (ALGORITHM=COPY)',
    fix: 'append new values at the end; leave unused ones in place',
  }
})

const uniqueConstraintDirect = clauseRule('unique-constraint-direct', 'warning', 'a UNIQUE constraint added directly', (clause) =>
  clause[0] === 'ADD' && clause.includes('UNIQUE') && !addsColumn(clause)
    ? {
        why: 'builds the index in place, then fails at the end on a duplicate row after all that work',
        fix: 'check for duplicates with a query first',
      }
    : undefined,
)

const primaryKeyDirect = clauseRule('primary-key-direct', 'warning', 'a PRIMARY KEY added directly', (clause) =>
  clause[0] === 'ADD' && hasSequence(clause, ['PRIMARY', 'KEY']) && !addsColumn(clause)
    ? {
        why: 'rebuilds the whole table in place (InnoDB clusters rows by the primary key)',
        fix: `create tables with their primary key; otherwise ${ONLINE_TOOL}`,
      }
    : undefined,
)

const algorithmCopy = clauseRule('algorithm-copy', 'error', 'ALGORITHM=COPY asked for', (clause) =>
  hasSequence(clause, ['ALGORITHM', '=', 'COPY']) || hasSequence(clause, ['ALGORITHM', 'COPY'])
    ? {
        why: 'copies the whole table and blocks writes for the whole copy',
        fix: `ALGORITHM=INPLACE or INSTANT where the change allows it, else ${ONLINE_TOOL}`,
      }
    : undefined,
)

const tableLockOption = clauseRule('table-lock-option', 'error', 'LOCK=SHARED or LOCK=EXCLUSIVE asked for', (clause) => {
  const at = clause.indexOf('LOCK')
  const value = clause[at + 1] === '=' ? clause[at + 2] : clause[at + 1]
  return at >= 0 && (value === 'SHARED' || value === 'EXCLUSIVE')
    ? {
        why: `LOCK=${value} blocks ${value === 'SHARED' ? 'writes' : 'reads and writes'} for the whole ALTER`,
        fix: 'LOCK=NONE, or leave LOCK out',
      }
    : undefined
})

const heavyMaintenance = statementRule('heavy-maintenance', 'error', 'OPTIMIZE TABLE', (s) =>
  s.words[0] === 'OPTIMIZE' ? { why: 'rebuilds the whole table', fix: 'run it outside migrations, at a quiet time' } : undefined,
)

const tableWithoutPrimaryKey = statementRule('table-without-primary-key', 'error', 'CREATE TABLE without a primary key', (s) =>
  s.words[0] === 'CREATE' &&
  s.words.includes('TABLE') &&
  !hasSequence(s.words, ['PRIMARY', 'KEY']) &&
  !s.words.includes('LIKE') &&
  !s.words.includes('SELECT')
    ? {
        why: 'Galera refuses or mis-replicates writes to a table without a primary key; row-based replication scans it for every change',
        fix: 'give it a primary key',
      }
    : undefined,
)

/**
 * MySQL's and MariaDB's lint rules, in the order their findings are listed.
 *
 * @example
 * mysqlLintRules.some((rule) => rule.code === 'algorithm-copy') // true
 */
export const mysqlLintRules: readonly LintRule[] = [
  addForeignKey,
  addCheckConstraint,
  setNotNull,
  notNullWithoutDefault,
  volatileDefault,
  addColumnRewrite,
  columnTypeChange,
  roundingTypeChange(mysqlRoundedDigits),
  enumChange,
  uniqueConstraintDirect,
  primaryKeyDirect,
  dropColumn(),
  dropTable(),
  truncate(),
  cascade(),
  renameColumn(),
  renameTable(),
  missingTimeout(
    'missing-lock-timeout',
    'lock_wait_timeout',
    (runner) => runner.lockTimeout,
    'lock_wait_timeout defaults to one year: an ALTER waiting for its metadata lock behind a long transaction blocks every query behind it',
    'SET SESSION lock_wait_timeout = 5 at the start of the migration (or ddlLockTimeout in the config), and retry when it expires',
  ),
  algorithmCopy,
  tableLockOption,
  heavyMaintenance,
  backfillWithDdl('run the backfill in a migration of its own, in batches of a few thousand rows'),
  tableWithoutPrimaryKey,
  nonIdempotent(),
]
