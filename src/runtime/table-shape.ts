import { AthanorError } from '../core/errors.js'
import type { TableShape } from '../dialect/driver.js'

/** A column athanor reads or writes in one of its own tables, and what it keeps there. */
export interface ExpectedColumn {
  readonly name: string
  /** Absent: any type will do. */
  readonly family?: 'text' | 'integer'
}

/**
 * One of athanor's own tables as it must be for athanor to read and write
 * it, and what to tell a user whose table is not.
 */
export interface ExpectedTable {
  readonly code: 'INVALID_VERSION_TABLE' | 'INVALID_HISTORY_TABLE'
  /** `version table`, `history table`. */
  readonly role: string
  readonly table: string
  readonly columns: readonly ExpectedColumn[]
  /** What to do when the name holds something else entirely: another table of the user's, a view. */
  readonly elsewhere: string
  /** What to do when it is athanor's table, altered. */
  readonly restore: string
}

/**
 * Refuses a table athanor cannot use as its version or history table, with
 * one line naming it and what is wrong: a view or another object in its
 * place, a table of the user's with that name, a column athanor needs that
 * was dropped, renamed or retyped, or a column athanor does not write that
 * an insert cannot leave out. Reading such a table would fail as a raw
 * driver error, or worse, read wrong: a version_num retyped to INTEGER on
 * SQLite turns '012345678901' into 12345678901.
 *
 * @example
 * const shape = { kind: 'view' as const, columns: [] }
 * checkTableShape(shape, {
 *   code: 'INVALID_VERSION_TABLE', role: 'version table', table: 'athanor_version',
 *   columns: [{ name: 'version_num', family: 'text' }], elsewhere: 'set versionTable', restore: 'restore it',
 * }) // throws: version table athanor_version is a view, not a table; set versionTable
 */
export function checkTableShape(shape: TableShape, expected: ExpectedTable): void {
  const fail = (problem: string, remedy: string): never => {
    throw new AthanorError(expected.code, `${expected.role} ${expected.table} ${problem}; ${remedy}`)
  }
  if (shape.kind !== 'table') fail(`is ${shape.kind === 'view' ? 'a view' : 'not a table'}, not a table`, expected.elsewhere)
  // Exact names: athanor creates them in lower case and quotes them, which on PostgreSQL makes case count.
  const byName = new Map(shape.columns.map((column) => [column.name, column]))
  const missing = expected.columns.filter((column) => !byName.has(column.name))
  const has = `it has ${names(shape.columns)}`
  // Most of athanor's columns absent: another table that shares the name, not athanor's altered.
  if (missing.length * 2 > expected.columns.length) fail(`is not athanor's: it has no ${names(missing)} (${has})`, expected.elsewhere)
  if (missing.length > 0) fail(`has no column ${names(missing)}, dropped or renamed (${has})`, expected.restore)
  for (const column of expected.columns) {
    const found = byName.get(column.name)!
    if (column.family !== undefined && found.family !== column.family) {
      fail(
        `column ${found.name} is ${found.type || 'untyped'}, where athanor keeps ${column.family === 'text' ? 'text' : 'integers'}`,
        expected.restore,
      )
    }
  }
  const known = new Set(expected.columns.map((column) => column.name))
  const unfillable = shape.columns.filter((column) => !known.has(column.name) && !column.nullable && !column.filled)
  if (unfillable.length > 0) {
    fail(`has column ${names(unfillable)}, NOT NULL without a default, which athanor does not write`, expected.restore)
  }
}

function names(columns: ReadonlyArray<{ readonly name: string }>): string {
  return columns.map((column) => column.name).join(', ')
}
