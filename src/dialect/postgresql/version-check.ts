import type { DialectCompiler, VersionTableSql } from '../types.js'

/** Marks the rows a failed check carries, so nothing else's failure is read as them. */
const FOUND = 'athanor version rows: '

/**
 * PostgreSQL's version-row check fails with what the table holds: the
 * failing branch casts the rows, as a JSON array behind a marker, to an
 * integer, and the server's "invalid input syntax for type integer" quotes
 * that text. A step's record can then carry its COMMIT in the same round
 * trip (see LiveExecutor.recordStep) and still say, once rolled back, what
 * the script left in the table. The branch is evaluated only when taken:
 * it holds a subquery, which the planner does not fold into a constant.
 *
 * @example
 * import { postgresCompiler } from './compiler.js'
 * const check = postgresVersionCheck(postgresCompiler)
 * check.expect('athanor_version', ['ae10']).sql // 'SELECT CASE WHEN … THEN CAST(… AS integer) END AS version_rows_as_expected'
 * check.rowsInFailure?.(new Error('invalid input syntax for type integer: "athanor version rows: []"')) // []
 */
export function postgresVersionCheck(compiler: Pick<DialectCompiler, 'quoteTable' | 'quoteIdentifier' | 'renderLiteral' | 'versionTable'>) {
  const { quoteTable, quoteIdentifier, renderLiteral } = compiler
  const col = quoteIdentifier('version_num')
  const versionTable: VersionTableSql = {
    ...compiler.versionTable,
    expect: (table, rows) => {
      const from = quoteTable(typeof table === 'string' ? { table } : table)
      // version_num is the primary key: n rows, n of them the expected ones, are exactly those; one read of the table counts both.
      const listed =
        rows.length === 0 ? '' : ` OR COUNT(*) FILTER (WHERE ${col} IN (${rows.map(renderLiteral).join(', ')})) <> ${rows.length}`
      const found = `coalesce((SELECT json_agg(${col} ORDER BY ${col})::text FROM ${from}), '[]')`
      return {
        sql:
          `SELECT CASE WHEN (SELECT COUNT(*) <> ${rows.length}${listed} FROM ${from}) ` +
          `THEN CAST(${renderLiteral(FOUND)} || ${found} AS integer) END AS version_rows_as_expected`,
      }
    },
    rowsInFailure: (error) => {
      const message = String((error as Error | undefined)?.message ?? '')
      const start = message.indexOf(FOUND)
      const end = message.lastIndexOf(']')
      if (start < 0 || end < start) return undefined
      try {
        const rows: unknown = JSON.parse(message.slice(start + FOUND.length, end + 1))
        return Array.isArray(rows) ? rows.map(String).sort() : undefined
      } catch {
        return undefined
      }
    },
  }
  return versionTable
}
