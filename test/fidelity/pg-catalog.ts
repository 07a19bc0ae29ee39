import type { TestDatabase } from '../helpers/databases.js'

const OURS = "n.nspname = current_schema() AND c.relname NOT LIKE 'athanor\\_version%'"

/**
 * A CHECK as PostgreSQL deparses it, without casts, parentheses and blanks:
 * it deparses a check created from its own deparsed text with the casts
 * placed differently (`ARRAY[('a'::varchar)::text]` for `(ARRAY['a'::varchar])::text[]`).
 */
function withoutCasts(definition: string): string {
  return definition.replace(/::[a-z ]+(?:\[\])?/g, '').replace(/[()\s]/g, '')
}

/**
 * A PostgreSQL database's catalog from pg_catalog: relations by kind, each
 * column's type as format_type spells it with NOT NULL, default, identity,
 * generation and collation; constraints with their full definitions (names,
 * actions, deferrability, match type); indexes with theirs; sequences with
 * their options and owner; domains with their base type, default, NOT NULL
 * and checks; partitioned tables' keys and partitions' parents and bounds.
 */
export async function postgresCatalog(db: TestDatabase): Promise<Record<string, unknown[]>> {
  return {
    relations: await db.query(`SELECT c.relname, c.relkind, c.relpersistence, c.reloptions, c.relrowsecurity, c.relforcerowsecurity
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE ${OURS} AND c.relkind IN ('r', 'p', 'v', 'm', 'S') ORDER BY c.relname`),
    columns: await db.query(`SELECT c.relname, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull,
        pg_get_expr(d.adbin, d.adrelid) AS dflt, a.attidentity, a.attgenerated, co.collname
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
      LEFT JOIN pg_collation co ON co.oid = a.attcollation
      WHERE ${OURS} AND c.relkind IN ('r', 'p') ORDER BY c.relname, a.attnum`),
    constraints:
      // A constraint PostgreSQL clones for a partition (a foreign key to a partitioned table has one per
      // partition) is numbered in the order the partitions came: compared by what it says, not its name.
      (
        await db.query(`SELECT c.relname, CASE WHEN con.conparentid = 0 THEN con.conname END AS conname, con.contype,
        pg_get_constraintdef(con.oid) AS def
      FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE ${OURS} ORDER BY 1, 2, 4`)
      ).map((row) => (row['contype'] === 'c' ? { ...row, def: withoutCasts(String(row['def'])) } : row)),
    indexes: await db.query(`SELECT c.relname, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i
      JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE ${OURS} ORDER BY c.relname, 2`),
    enums: await db.query(`SELECT t.typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder)::text AS labels
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = current_schema() GROUP BY t.typname ORDER BY t.typname`),
    domains: (
      await db.query(`SELECT t.typname, format_type(t.typbasetype, t.typtypmod) AS type, t.typdefault, t.typnotnull, co.collname,
          con.conname, pg_get_constraintdef(con.oid) AS def
        FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        LEFT JOIN pg_collation co ON co.oid = t.typcollation
        LEFT JOIN pg_constraint con ON con.contypid = t.oid
        WHERE n.nspname = current_schema() AND t.typtype = 'd' ORDER BY t.typname, con.conname`)
    ).map((row) => ({ ...row, def: row['def'] === null ? null : withoutCasts(String(row['def'])) })),
    partitions: await db.query(`SELECT c.relname, p.relname AS parent, pg_get_expr(c.relpartbound, c.oid) AS bounds,
        CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS key
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_inherits i ON i.inhrelid = c.oid LEFT JOIN pg_class p ON p.oid = i.inhparent
      WHERE ${OURS} AND (c.relkind = 'p' OR c.relispartition) ORDER BY c.relname`),
    extensions: await db.query("SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY extname"),
    sequences: await db.query(`SELECT c.relname, s.seqtypid::regtype::text AS type, s.seqstart, s.seqincrement, s.seqmin, s.seqmax,
        s.seqcache, s.seqcycle, (SELECT dc.relname || '.' || a.attname FROM pg_depend dep JOIN pg_class dc ON dc.oid = dep.refobjid
          JOIN pg_attribute a ON a.attrelid = dep.refobjid AND a.attnum = dep.refobjsubid
          WHERE dep.objid = c.oid AND dep.classid = 'pg_class'::regclass AND dep.deptype IN ('a', 'i')) AS owner
      FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE ${OURS} ORDER BY c.relname`),
  }
}
