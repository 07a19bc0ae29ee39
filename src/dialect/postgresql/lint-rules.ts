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
  takesTableLock,
  truncate,
  wholeTableWrite,
} from '../lint/common-rules.js'
import { roundingTypeChange } from '../lint/rounding-type-change.js'
import { postgresRoundedDigits } from './rounding.js'
import { atLeast, clauseRule, onExistingTable, statementRule } from '../lint/rule.js'
import type { LintRule, LintStatement, ServerVersion } from '../lint/types.js'
import { addsColumn, hasSequence, isCreateIndex, tableOf } from '../lint/words.js'

// PostgreSQL's lock levels and which statement takes which:
// https://www.postgresql.org/docs/current/explicit-locking.html#LOCKING-TABLES

const NON_TRANSACTIONAL = 'in a migration that exports `transactional = false`'

const createIndexBlocking = statementRule('create-index-blocking', 'error', 'CREATE INDEX without CONCURRENTLY', (s, m) =>
  isCreateIndex(s.words) && !s.words.includes('CONCURRENTLY') && onExistingTable(s, m)
    ? {
        why: 'builds the index under a SHARE lock: every INSERT, UPDATE and DELETE on the table waits until the build ends',
        fix: `CREATE INDEX CONCURRENTLY ${NON_TRANSACTIONAL} (a failed build leaves an INVALID index: drop it and run again)`,
      }
    : undefined,
)

const dropIndexBlocking = statementRule('drop-index-blocking', 'warning', 'DROP INDEX without CONCURRENTLY', (s) =>
  s.words[0] === 'DROP' && s.words[1] === 'INDEX' && !s.words.includes('CONCURRENTLY')
    ? {
        why: "takes an ACCESS EXCLUSIVE lock on the index's table: reads and writes wait, and so does everything queued behind it",
        fix: `DROP INDEX CONCURRENTLY ${NON_TRANSACTIONAL}`,
        ...(s.op.kind === 'drop_index' && s.op.table !== '' ? { table: s.op.table.toLowerCase() } : {}),
      }
    : undefined,
)

const concurrentlyInTransaction = statementRule('concurrently-in-transaction', 'error', 'CONCURRENTLY inside a transaction', (s) =>
  s.inTransaction && s.words.includes('CONCURRENTLY')
    ? {
        why: 'fails: PostgreSQL refuses a CONCURRENTLY build, drop, reindex or detach inside a transaction block',
        fix: 'export `const transactional = false` from the script, and keep it to this one statement',
      }
    : undefined,
)

const notValid = (clause: readonly string[]) => hasSequence(clause, ['NOT', 'VALID'])

const addForeignKey = clauseRule('add-foreign-key', 'error', 'a foreign key added without NOT VALID', (clause) =>
  clause[0] === 'ADD' && hasSequence(clause, ['FOREIGN', 'KEY']) && !notValid(clause)
    ? {
        why: 'checks every row under SHARE ROW EXCLUSIVE locks on both tables: writes to the table and to the referenced table wait',
        fix:
          'ADD CONSTRAINT … NOT VALID (instant; `op.createForeignKey(…, { notValid: true })`), then VALIDATE CONSTRAINT ' +
          '(`op.validateConstraint(table, name)`) in a later migration, which lets writes go on',
      }
    : undefined,
)

const addCheckConstraint = clauseRule('add-check-constraint', 'error', 'a CHECK constraint added without NOT VALID', (clause) =>
  clause[0] === 'ADD' && clause.includes('CHECK') && !notValid(clause)
    ? {
        why: 'scans the whole table under an ACCESS EXCLUSIVE lock: reads and writes wait until every row is checked',
        fix:
          'ADD CONSTRAINT … CHECK (…) NOT VALID (`op.createCheckConstraint(…, { notValid: true })`), then VALIDATE CONSTRAINT ' +
          '(`op.validateConstraint(table, name)`) in a later migration',
      }
    : undefined,
)

function setNotNullFix(version: ServerVersion): string {
  if (atLeast(version, 18))
    return 'ADD CONSTRAINT c NOT NULL col NOT VALID, then VALIDATE CONSTRAINT c in a later migration (PostgreSQL 18)'
  if (atLeast(version, 12)) {
    return (
      '`op.alterColumn(table, col, { nullable: false, safe: true })`, in a script exporting `transactional = false`: ' +
      'ADD CONSTRAINT c CHECK (col IS NOT NULL) NOT VALID; VALIDATE CONSTRAINT c; then SET NOT NULL, ' +
      'which trusts the valid check and scans nothing; then DROP CONSTRAINT c'
    )
  }
  return 'no lock-free form before PostgreSQL 12: run it while the table is small or quiet, with lock_timeout set'
}

/**
 * `alterColumn(…, { safe: true })` outside a transaction: its SET NOT NULL
 * comes after a validated check that proves it, so from PostgreSQL 12 it
 * scans nothing (see safe-not-null.ts).
 */
const provenBySafeForm = (s: LintStatement, version: ServerVersion) =>
  s.op.kind === 'alter_column' && s.op.safe === true && !s.inTransaction && atLeast(version, 12)

const setNotNull = clauseRule('set-not-null', 'error', 'ALTER COLUMN … SET NOT NULL', (clause, s, m) =>
  clause[0] === 'ALTER' && hasSequence(clause, ['SET', 'NOT', 'NULL']) && !provenBySafeForm(s, m.version)
    ? { why: 'scans the whole table under an ACCESS EXCLUSIVE lock to prove it holds no NULL', fix: setNotNullFix(m.version) }
    : undefined,
)

const hasDefault = (clause: readonly string[]) => clause.includes('DEFAULT')
const GENERATES = (clause: readonly string[]) =>
  clause.includes('GENERATED') || clause.some((word) => word === 'SERIAL' || word === 'BIGSERIAL' || word === 'SMALLSERIAL')

const notNullWithoutDefault = clauseRule('not-null-without-default', 'error', 'a NOT NULL column added without a default', (clause) =>
  addsColumn(clause) && hasSequence(clause, ['NOT', 'NULL']) && !hasDefault(clause) && !GENERATES(clause)
    ? {
        why: 'fails as soon as the table holds a row: the existing rows would be NULL in a NOT NULL column',
        fix: 'give it a constant DEFAULT (no rewrite since PostgreSQL 11), or add it nullable, backfill in batches, then SET NOT NULL',
      }
    : undefined,
)

/** Functions whose value differs per row, so a default of theirs is computed for every existing row. */
const VOLATILE = new Set(['RANDOM', 'GEN_RANDOM_UUID', 'UUID_GENERATE_V1', 'UUID_GENERATE_V4', 'CLOCK_TIMESTAMP', 'TIMEOFDAY', 'NEXTVAL'])

const volatileDefault = clauseRule('volatile-default', 'error', 'a column added with a volatile default', (clause, _s, m) => {
  if (!addsColumn(clause) || !hasDefault(clause)) return undefined
  const after = clause.slice(clause.indexOf('DEFAULT') + 1)
  const volatile = after.some((word) => VOLATILE.has(word))
  if (!volatile && atLeast(m.version, 11)) return undefined
  return {
    why: volatile
      ? 'rewrites the whole table under an ACCESS EXCLUSIVE lock: a volatile default is computed for every existing row'
      : 'rewrites the whole table under an ACCESS EXCLUSIVE lock: before PostgreSQL 11 every default is written into every row',
    fix: 'add the column without a default, SET DEFAULT for new rows in a second statement, and backfill the existing rows in batches',
  }
})

const addColumnRewrite = clauseRule('add-column-rewrite', 'error', 'a serial, identity or stored generated column added', (clause) =>
  addsColumn(clause) && GENERATES(clause)
    ? {
        why: 'rewrites the whole table under an ACCESS EXCLUSIVE lock to fill the new column for every row',
        fix: 'add a plain nullable column, fill it in batches (a trigger keeps new rows filled), then attach the sequence or expression',
      }
    : undefined,
)

/** Whether `to` keeps every value of `from` without a rewrite on PostgreSQL (a binary-coercible widening). */
function safeWidening(from: ColumnType, to: ColumnType): boolean {
  const text = (type: ColumnType) => type.kind === 'text' || (type.kind === 'string' && type.length === undefined)
  if (from.kind === 'string' && to.kind === 'string')
    return to.length === undefined || (from.length !== undefined && to.length >= from.length)
  if ((from.kind === 'string' || from.kind === 'text') && text(to)) return true
  if (from.kind === 'numeric' && to.kind === 'numeric') {
    return to.precision === undefined || (from.precision !== undefined && to.precision >= from.precision && to.scale === from.scale)
  }
  return false
}

const changesType = (clause: readonly string[]) => clause[0] === 'ALTER' && clause.includes('TYPE')

const columnTypeChange = clauseRule('column-type-change', 'error', 'a column type change outside the safe widenings', (clause, s) => {
  if (!changesType(clause)) return undefined
  const op = s.op
  if (op.kind === 'alter_column' && op.changes.type !== undefined) {
    if (op.changes.type.kind === 'enum') return undefined
    if (op.existing !== undefined && safeWidening(op.existing.type, op.changes.type)) return undefined
  } else if (clause.at(-1) === 'TEXT' && !clause.includes('USING')) {
    return undefined
  }
  return {
    why: 'rewrites the table and rebuilds its indexes under an ACCESS EXCLUSIVE lock, unless the change is a binary-coercible widening',
    fix:
      'safe without a rewrite: VARCHAR(n) to a longer VARCHAR, VARCHAR to TEXT, NUMERIC(p,s) to a larger precision; otherwise ' +
      'add a new column, backfill it in batches, switch the application, then drop the old one',
  }
})

const enumChange = statementRule('enum-change', 'error', 'an enum changed other than by appending a value', (s, m) => {
  const op = s.op
  if (op.kind === 'alter_column' && op.changes.type?.kind === 'enum' && s.words[0] === 'ALTER' && s.words[1] === 'TABLE') {
    return {
      why: "swaps the column's enum type: the table is rewritten under an ACCESS EXCLUSIVE lock",
      fix: 'only ALTER TYPE … ADD VALUE is cheap; keep old values, and stop using one in the application before removing it',
    }
  }
  if (s.words[0] !== 'ALTER' || s.words[1] !== 'TYPE') return undefined
  if (hasSequence(s.words, ['RENAME', 'VALUE'])) {
    return {
      why: 'the application version still running writes the old value, which now fails',
      fix: 'add the new value, move the rows, then stop using the old one',
    }
  }
  if (hasSequence(s.words, ['ADD', 'VALUE']) && s.inTransaction && !atLeast(m.version, 12)) {
    return {
      why: 'fails before PostgreSQL 12: ALTER TYPE … ADD VALUE cannot run inside a transaction block',
      fix: `run it ${NON_TRANSACTIONAL}`,
    }
  }
  return undefined
})

const usingIndex = (clause: readonly string[]) => hasSequence(clause, ['USING', 'INDEX'])

const uniqueConstraintDirect = clauseRule('unique-constraint-direct', 'error', 'a UNIQUE constraint added directly', (clause) =>
  clause[0] === 'ADD' && clause.includes('UNIQUE') && !usingIndex(clause) && !addsColumn(clause)
    ? {
        why: 'builds its unique index under an ACCESS EXCLUSIVE lock: reads and writes wait for the build, which fails on a duplicate',
        fix: `check for duplicates, CREATE UNIQUE INDEX CONCURRENTLY ${NON_TRANSACTIONAL}, then ADD CONSTRAINT … UNIQUE USING INDEX`,
      }
    : undefined,
)

const primaryKeyDirect = clauseRule('primary-key-direct', 'error', 'a PRIMARY KEY added directly', (clause) =>
  clause[0] === 'ADD' && hasSequence(clause, ['PRIMARY', 'KEY']) && !usingIndex(clause) && !addsColumn(clause)
    ? {
        why: 'builds its index and scans for NULLs under an ACCESS EXCLUSIVE lock: reads and writes wait for all of it',
        fix: `CREATE UNIQUE INDEX CONCURRENTLY ${NON_TRANSACTIONAL} (columns already NOT NULL), then ADD … PRIMARY KEY USING INDEX`,
      }
    : undefined,
)

const heavyMaintenance = statementRule('heavy-maintenance', 'error', 'REINDEX, VACUUM FULL, CLUSTER or DETACH PARTITION blocking', (s) => {
  const [first, second] = s.words
  if (first === 'REINDEX' && !s.words.includes('CONCURRENTLY')) {
    return {
      why: 'rebuilds under a lock that stops writes (and reads that use the index)',
      fix: `REINDEX … CONCURRENTLY (PostgreSQL 12+) ${NON_TRANSACTIONAL}`,
    }
  }
  if ((first === 'VACUUM' && second === 'FULL') || first === 'CLUSTER') {
    return { why: 'rewrites the whole table under an ACCESS EXCLUSIVE lock: reads and writes wait', fix: 'pg_repack, or plain VACUUM' }
  }
  if (hasSequence(s.words, ['DETACH', 'PARTITION']) && !s.words.includes('CONCURRENTLY')) {
    return {
      why: 'takes an ACCESS EXCLUSIVE lock on the partitioned table: every query on any partition waits',
      fix: `DETACH PARTITION … CONCURRENTLY (PostgreSQL 14+) ${NON_TRANSACTIONAL}`,
    }
  }
  return undefined
})

/** Statements that run long on a populated table: what must not happen while a lock is held. */
function runsLong(s: LintStatement, created: ReadonlySet<string>): boolean {
  const table = tableOf(s.words)
  if (table !== undefined && created.has(table)) return false
  return (
    wholeTableWrite(s) ||
    (isCreateIndex(s.words) && !s.words.includes('CONCURRENTLY')) ||
    hasSequence(s.words, ['VALIDATE', 'CONSTRAINT']) ||
    (s.words[0] === 'INSERT' && s.words.includes('SELECT'))
  )
}

const longAfterExclusiveLock: LintRule = {
  code: 'long-after-exclusive-lock',
  severity: 'warning',
  what: 'a long operation after an exclusive lock in the same transaction',
  check(migration) {
    if (!migration.transactional) return []
    const locker = migration.statements.find(
      (s) => s.inTransaction && s.words[0] === 'ALTER' && s.words[1] === 'TABLE' && takesTableLock(s, migration.createdTables),
    )
    if (locker === undefined) return []
    const after = migration.statements.slice(migration.statements.indexOf(locker) + 1)
    return after
      .filter((s) => s.inTransaction && runsLong(s, migration.createdTables))
      .map((statement) => {
        const table = tableOf(locker.words)
        return {
          statement,
          ...(table === undefined ? {} : { table }),
          why: `runs while the ACCESS EXCLUSIVE lock of the ALTER TABLE ${table ?? ''} before it is held (until the transaction ends)`,
          fix: 'split it: the short ALTER in one migration, the long work in the next',
        }
      })
  },
}

const tableWithoutPrimaryKey = statementRule('table-without-primary-key', 'warning', 'CREATE TABLE without a primary key', (s) =>
  s.words[0] === 'CREATE' && s.words.includes('TABLE') && !hasSequence(s.words, ['PRIMARY', 'KEY']) && !createsFromOther(s)
    ? {
        why: 'rows cannot be addressed one by one: logical replication cannot replicate its UPDATEs and DELETEs',
        fix: 'give it a primary key',
      }
    : undefined,
)

/** CREATE TABLE … AS, LIKE, PARTITION OF: its keys come from elsewhere. */
export function createsFromOther(s: LintStatement): boolean {
  return s.words.includes('AS') || s.words.includes('LIKE') || hasSequence(s.words, ['PARTITION', 'OF'])
}

/**
 * PostgreSQL's lint rules, in the order their findings are listed.
 *
 * @example
 * postgresqlLintRules.map((rule) => rule.code).includes('create-index-blocking') // true
 */
export const postgresqlLintRules: readonly LintRule[] = [
  createIndexBlocking,
  dropIndexBlocking,
  concurrentlyInTransaction,
  addForeignKey,
  addCheckConstraint,
  setNotNull,
  notNullWithoutDefault,
  volatileDefault,
  addColumnRewrite,
  columnTypeChange,
  roundingTypeChange(postgresRoundedDigits),
  enumChange,
  uniqueConstraintDirect,
  primaryKeyDirect,
  dropColumn(),
  dropTable(),
  truncate(),
  cascade(),
  renameColumn(),
  renameTable('expand and contract: create the new table (or a view under the old name), move the application, then drop the old name'),
  missingTimeout(
    'missing-lock-timeout',
    'lock_timeout',
    (runner) => runner.lockTimeout,
    'a DDL statement that waits for its lock behind a long transaction queues every later query on the table behind it',
    "SET lock_timeout = '2s' at the start of the migration (or ddlLockTimeout in the config), and retry when it expires",
  ),
  missingTimeout(
    'missing-statement-timeout',
    'statement_timeout',
    (runner) => runner.statementTimeout,
    'nothing bounds how long the statement runs while it holds its lock',
    "SET statement_timeout = '30s' at the start of the migration (or statementTimeout in the config)",
  ),
  heavyMaintenance,
  backfillWithDdl('run the backfill in a migration of its own, outside a transaction, in batches of a few thousand rows'),
  longAfterExclusiveLock,
  tableWithoutPrimaryKey,
  nonIdempotent(),
]
