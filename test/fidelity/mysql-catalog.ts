import type { TestDatabase } from '../helpers/databases.js'

const OURS = "table_schema = DATABASE() AND table_name NOT LIKE 'athanor\\_version%'"

/**
 * A MySQL/MariaDB database's catalog from information_schema: tables with
 * engine and collation, columns with their full type, default, extra and
 * collation, indexes with their kind and key order, constraints, referential rules and checks.
 */
export async function mysqlCatalog(db: TestDatabase): Promise<Record<string, unknown[]>> {
  return {
    tables: await db.query(`SELECT table_name, engine, table_collation, table_comment FROM information_schema.tables WHERE ${OURS}
      ORDER BY table_name`),
    columns: await db.query(`SELECT table_name, column_name, ordinal_position, column_type, is_nullable, column_default, extra,
      character_set_name, collation_name, column_comment, generation_expression
      FROM information_schema.columns WHERE ${OURS} ORDER BY table_name, ordinal_position`),
    indexes: await db.query(`SELECT table_name, index_name, non_unique, seq_in_index, column_name, sub_part, index_type, collation
      FROM information_schema.statistics WHERE ${OURS} ORDER BY table_name, index_name, seq_in_index`),
    constraints: await db.query(`SELECT table_name, constraint_name, constraint_type FROM information_schema.table_constraints
      WHERE ${OURS} ORDER BY table_name, constraint_name`),
    references: await db.query(`SELECT table_name, constraint_name, referenced_table_name, update_rule, delete_rule, match_option
      FROM information_schema.referential_constraints WHERE constraint_schema = DATABASE() ORDER BY table_name, constraint_name`),
    checks: await db.query(`SELECT constraint_name, check_clause FROM information_schema.check_constraints
      WHERE constraint_schema = DATABASE() ORDER BY constraint_name`),
  }
}
