import type { TestDatabase } from '../helpers/databases.js'

/** Columns of a table as PostgreSQL's catalog describes them, in order. */
export async function pgColumns(db: TestDatabase, table: string, schema = 'public') {
  return db.query(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
            a.attidentity AS identity, pg_get_expr(d.adbin, d.adrelid) AS default, col_description(c.oid, a.attnum) AS comment
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
    [schema, table],
  )
}

/**
 * Constraints of a table: name, kind letter (p, u, f, c) and definition.
 * PostgreSQL 18 (PGlite's) also lists each NOT NULL as a constraint (`n`);
 * pgColumns checks nullability for every version.
 */
export async function pgConstraints(db: TestDatabase, table: string, schema = 'public') {
  return db.query(
    `SELECT con.conname AS name, con.contype AS kind, pg_get_constraintdef(con.oid) AS definition
       FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = $2 AND con.contype <> 'n' ORDER BY con.conname`,
    [schema, table],
  )
}

/** Index names and definitions of a table. */
export async function pgIndexes(db: TestDatabase, table: string, schema = 'public') {
  return db.query(
    'SELECT indexname AS name, indexdef AS definition FROM pg_indexes WHERE schemaname = $1 AND tablename = $2 ORDER BY indexname',
    [schema, table],
  )
}

/** The table names of a schema. */
export async function pgTables(db: TestDatabase, schema = 'public'): Promise<string[]> {
  const rows = await db.query('SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename', [schema])
  return rows.map((row) => String(row['tablename']))
}

/** A table's comment. */
export async function pgTableComment(db: TestDatabase, table: string, schema = 'public'): Promise<unknown> {
  const rows = await db.query(
    "SELECT obj_description(c.oid, 'pg_class') AS comment " +
      'FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2',
    [schema, table],
  )
  return rows[0]?.['comment']
}
