import type { TableRef } from '../../ops/operation.js'
import type { RowValue } from '../../ops/operation.js'
import type { VersionTableSql } from '../types.js'

/**
 * The version table's statements, as Alembic writes them: one
 * `version_num VARCHAR(32)` column whose primary key is named `<table>_pkc`.
 * Ids are revision ids, but they are still written as escaped literals so
 * the same statement serves online and in a printed script.
 *
 * @example
 * import { dialects } from '../registry.js'
 * const { quoteTable, quoteIdentifier, renderLiteral } = dialects.postgresql.compiler
 * versionTableSql(quoteTable, quoteIdentifier, renderLiteral).select('athanor_version')
 * // { sql: 'SELECT "version_num" FROM "athanor_version"' }
 */
export function versionTableSql(
  quoteTable: (ref: TableRef) => string,
  quoteIdentifier: (name: string) => string,
  renderLiteral: (value: RowValue) => string,
): VersionTableSql {
  const ref = (table: string | TableRef): TableRef => (typeof table === 'string' ? { table } : table)
  const col = quoteIdentifier('version_num')
  return {
    create: (table) => ({
      sql:
        `CREATE TABLE ${quoteTable(ref(table))} (${col} VARCHAR(32) NOT NULL, ` +
        `CONSTRAINT ${quoteIdentifier(`${ref(table).table}_pkc`)} PRIMARY KEY (${col}))`,
    }),
    insert: (table, id) => ({ sql: `INSERT INTO ${quoteTable(ref(table))} (${col}) VALUES (${renderLiteral(id)})` }),
    delete: (table, id) => ({ sql: `DELETE FROM ${quoteTable(ref(table))} WHERE ${col} = ${renderLiteral(id)}` }),
    update: (table, from, to) => ({
      sql: `UPDATE ${quoteTable(ref(table))} SET ${col} = ${renderLiteral(to)} WHERE ${col} = ${renderLiteral(from)}`,
    }),
    select: (table) => ({ sql: `SELECT ${col} FROM ${quoteTable(ref(table))}` }),
    expect: (table, rows) => {
      const from = quoteTable(ref(table))
      // version_num is the primary key: n rows, n of them the expected ones, are exactly those; one read of the table counts both.
      const listed = rows.length === 0 ? '' : ` OR COUNT(*) <> SUM(${col} IN (${rows.map(renderLiteral).join(', ')}))`
      const wrong = `(SELECT COUNT(*) <> ${rows.length}${listed} FROM ${from})`
      // Two rows where one is expected: the server's "subquery returns more than 1 row" stops the batch before its COMMIT.
      // The CASE evaluates that subquery only when the rows are wrong; DO would not report it.
      return { sql: `SELECT CASE WHEN ${wrong} THEN (SELECT 1 UNION ALL SELECT 1) END AS version_rows_as_expected` }
    },
  }
}
