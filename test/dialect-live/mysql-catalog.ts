import type { TestDatabase } from '../helpers/databases.js'

/** Columns of a table as information_schema describes them, in order. */
export async function myColumns(db: TestDatabase, table: string) {
  return db.query(
    'SELECT column_name AS name, column_type AS type, is_nullable AS nullable, column_default AS `default`, ' +
      `extra, column_comment AS comment
       FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ? ORDER BY ordinal_position`,
    [table],
  )
}

/** Engine, collation and comment of a table. */
export async function myTable(db: TestDatabase, table: string) {
  const rows = await db.query(
    'SELECT engine, table_collation AS collation, table_comment AS comment ' +
      'FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?',
    [table],
  )
  return rows[0]
}

/** Constraints of a table: name and type (PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK). */
export async function myConstraints(db: TestDatabase, table: string) {
  return db.query(
    `SELECT constraint_name AS name, constraint_type AS type FROM information_schema.table_constraints
      WHERE table_schema = DATABASE() AND table_name = ? ORDER BY constraint_name`,
    [table],
  )
}

/** Index names of a table with their columns in order and uniqueness. */
export async function myIndexes(db: TestDatabase, table: string) {
  return db.query(
    `SELECT index_name AS name, GROUP_CONCAT(column_name ORDER BY seq_in_index) AS columns, MIN(non_unique) = 0 AS is_unique
       FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = ? GROUP BY index_name ORDER BY index_name`,
    [table],
  )
}

/** The table names of the database. */
export async function myTables(db: TestDatabase): Promise<string[]> {
  const rows = await db.query(
    'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name',
  )
  return rows.map((row) => String(row['name']))
}
