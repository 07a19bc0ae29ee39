/**
 * The catalog queries of the PostgreSQL introspector: four, whatever the
 * number of tables. `$SCHEMAS` is replaced by the quoted list of schemas,
 * `$NULLS_NOT_DISTINCT` by the column or `false` before PostgreSQL 15 (see
 * {@link catalogQuery}).
 */

/**
 * A catalog query with its placeholders filled: the schemas read, and a
 * column of PostgreSQL 15's named only where the server has it. Replaced
 * by a function, not a string: in a replacement string `$'`, `$&` and `$\``
 * are patterns, and a schema named `a$'b` would splice SQL into its literal.
 *
 * @example
 * catalogQuery(INDEXES_SQL, 'current_schema()', 140000).includes('indnullsnotdistinct') // false
 */
export function catalogQuery(template: string, schemas: string, serverVersion: number): string {
  return template
    .replace('$SCHEMAS', () => schemas)
    .replace('$NULLS_NOT_DISTINCT', serverVersion >= 150000 ? 'ix.indnullsnotdistinct' : 'false')
}

export const COLUMNS_SQL = `
SELECT n.nspname AS schema, c.relname AS tbl, a.attname AS col,
  format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull,
  pg_get_expr(d.adbin, d.adrelid) AS dflt, a.attidentity AS ident, a.attgenerated AS generated,
  -- The column's sequence, an identity's own or the one a SERIAL default draws from, for its options.
  coalesce(seq.seqstart, sseq.seqstart)::text AS seq_start, coalesce(seq.seqincrement, sseq.seqincrement)::text AS seq_increment,
  coalesce(seq.seqmin, sseq.seqmin)::text AS seq_min, coalesce(seq.seqmax, sseq.seqmax)::text AS seq_max,
  coalesce(seq.seqcache, sseq.seqcache)::text AS seq_cache, coalesce(seq.seqcycle, sseq.seqcycle) AS seq_cycle,
  format_type(coalesce(seq.seqtypid, sseq.seqtypid), NULL) AS seq_type,
  -- SERIAL's sequence is the column's own; a default drawing from a free-standing one is just a default.
  EXISTS (SELECT 1 FROM pg_depend o JOIN pg_sequence os ON os.seqrelid = o.objid WHERE o.refobjid = c.oid
    AND o.refobjsubid = a.attnum AND o.classid = 'pg_class'::regclass AND o.deptype = 'a') AS owns_seq,
  cd.description AS comment,
  -- The table's own facts ride on its first live column's row: the first column may have been dropped.
  -- A collation of the column's own, not its type's default.
  CASE WHEN a.attcollation <> ty.typcollation THEN co.collname END AS collation,
  CASE WHEN a.attnum = fa.attnum THEN td.description END AS table_comment,
  CASE WHEN a.attnum = fa.attnum AND c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_by,
  CASE WHEN a.attnum = fa.attnum AND c.relpersistence = 'u' THEN true END AS unlogged,
  CASE WHEN a.attnum = fa.attnum THEN c.reloptions END AS reloptions,
  CASE WHEN a.attnum = fa.attnum AND c.relrowsecurity THEN true END AS row_security,
  CASE WHEN a.attnum = fa.attnum AND c.relforcerowsecurity THEN true END AS force_row_security,
  CASE WHEN a.attnum = fa.attnum THEN c.relreplident END AS replica_identity,
  CASE WHEN a.attnum = fa.attnum AND c.relreplident = 'i' THEN (SELECT ri.relname FROM pg_index rx
    JOIN pg_class ri ON ri.oid = rx.indexrelid WHERE rx.indrelid = c.oid AND rx.indisreplident) END AS replica_index
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN (SELECT attrelid, min(attnum) AS attnum FROM pg_attribute WHERE attnum > 0 AND NOT attisdropped GROUP BY attrelid) fa
  ON fa.attrelid = c.oid
LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
JOIN pg_type ty ON ty.oid = a.atttypid
LEFT JOIN pg_collation co ON co.oid = a.attcollation
-- An identity's own sequence, for its options.
LEFT JOIN pg_depend dep ON a.attidentity <> '' AND dep.refobjid = c.oid AND dep.refobjsubid = a.attnum
  AND dep.classid = 'pg_class'::regclass AND dep.deptype = 'i'
LEFT JOIN pg_sequence seq ON seq.seqrelid = dep.objid
-- The sequence a default draws from (SERIAL's), for its options: the default depends on it.
LEFT JOIN LATERAL (SELECT s.* FROM pg_depend sd JOIN pg_sequence s ON s.seqrelid = sd.refobjid
  WHERE sd.classid = 'pg_attrdef'::regclass AND sd.objid = d.oid AND sd.refclassid = 'pg_class'::regclass LIMIT 1) sseq
  ON a.attidentity = ''
-- Joined rather than col_description()/obj_description() per row: one
-- lookup function call per column was a third of this query's time.
LEFT JOIN pg_description cd ON cd.classoid = 'pg_class'::regclass AND cd.objoid = c.oid AND cd.objsubid = a.attnum
LEFT JOIN pg_description td ON td.classoid = 'pg_class'::regclass AND td.objoid = c.oid AND td.objsubid = 0
-- A partition is a model object of its own: its columns, keys and indexes are its partitioned table's.
WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname IN ($SCHEMAS)
ORDER BY n.nspname, c.relname, a.attnum`

export const CONSTRAINTS_SQL = `
SELECT n.nspname AS schema, c.relname AS tbl, con.conname AS name, con.contype AS type,
  fn.nspname AS ref_schema, fc.relname AS ref_table, con.confdeltype AS on_delete, con.confupdtype AS on_update,
  con.confmatchtype AS match_type, con.condeferrable AS deferrable, con.condeferred AS deferred,
  CASE WHEN con.contype = 'u' THEN $NULLS_NOT_DISTINCT END AS nulls_not_distinct,
  -- The columns a key's index carries beside it (INCLUDE): conkey holds the key alone.
  CASE WHEN ix.indnkeyatts < ix.indnatts THEN array_to_json(ARRAY(
    SELECT (SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = ix.indrelid AND a.attnum = ix.indkey[k - 1])
    FROM generate_series(ix.indnkeyatts + 1, ix.indnatts) k ORDER BY k)) END AS included,
  -- Only checks and exclusion constraints need their text; deparsing every
  -- key and foreign key is most of what this query would cost.
  CASE WHEN con.contype IN ('c', 'x') THEN pg_get_constraintdef(con.oid) END AS def,
  -- Each key's name looked up by (attrelid, attnum), pg_attribute's unique index: joined instead, the
  -- planner hashed every attribute of the table for each constraint, a third of this query's time.
  array_to_json(ARRAY(SELECT (SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = con.conrelid AND a.attnum = k.num)
    FROM unnest(con.conkey) WITH ORDINALITY k(num, ord) ORDER BY k.ord)) AS cols,
  array_to_json(ARRAY(SELECT (SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = con.confrelid AND a.attnum = k.num)
    FROM unnest(con.confkey) WITH ORDINALITY k(num, ord) ORDER BY k.ord)) AS ref_cols
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class fc ON fc.oid = con.confrelid
LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
-- A key's index, for a unique constraint's NULLS NOT DISTINCT and either's INCLUDE.
LEFT JOIN pg_index ix ON ix.indexrelid = con.conindid AND con.contype IN ('u', 'p')
-- A foreign key to a partitioned table has a clone per partition (conparentid set): the key is the one declared.
WHERE n.nspname IN ($SCHEMAS) AND con.contype IN ('p', 'u', 'f', 'c', 'x') AND con.conparentid = 0
ORDER BY n.nspname, c.relname, con.conname`

/** Key `k` of index `ix`, as pg_get_indexdef(ix.indexrelid, k, true) writes it. */
const INDEX_KEY = `CASE WHEN ix.indkey[k - 1] = 0 THEN pg_get_indexdef(ix.indexrelid, k, true)
    ELSE (SELECT quote_ident(a.attname) FROM pg_attribute a WHERE a.attrelid = ix.indrelid AND a.attnum = ix.indkey[k - 1]) END`

export const INDEXES_SQL = `
SELECT n.nspname AS schema, c.relname AS tbl, i.relname AS name, ix.indisunique AS uq,
  pg_get_expr(ix.indpred, ix.indrelid) AS pred, ix.indexprs IS NOT NULL AS has_expr,
  (SELECT am.amname FROM pg_am am WHERE am.oid = i.relam) AS method,
  -- A plain column's name as pg_get_indexdef quotes it, without the call (a quarter of a millisecond a key);
  -- an expression (indkey 0) as pg_get_indexdef prints it.
  array_to_json(ARRAY(SELECT $INDEX_KEY FROM generate_series(1, ix.indnkeyatts) k ORDER BY k)) AS cols,
  -- pg_get_indexdef of one key leaves out its direction and operator class: they are read from indoption and indclass.
  array_to_json(ARRAY(SELECT ix.indoption[k - 1] FROM generate_series(1, ix.indnkeyatts) k ORDER BY k)) AS key_options,
  array_to_json(ARRAY(SELECT CASE WHEN oc.opcdefault THEN NULL ELSE oc.opcname::text END
    FROM generate_series(1, ix.indnkeyatts) k JOIN pg_opclass oc ON oc.oid = ix.indclass[k - 1] ORDER BY k)) AS opclasses,
  array_to_json(ARRAY(SELECT $INDEX_KEY FROM generate_series(ix.indnkeyatts + 1, ix.indnatts) k ORDER BY k)) AS included,
  -- indnullsnotdistinct is PostgreSQL 15's: older servers answer false. Not read through to_jsonb(ix), which
  -- turned each index's whole row, expression trees included, into JSON: most of this query's time.
  $NULLS_NOT_DISTINCT AS nulls_not_distinct,
  array_to_json(i.reloptions) AS storage
FROM pg_index ix
JOIN pg_class i ON i.oid = ix.indexrelid
JOIN pg_class c ON c.oid = ix.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname IN ($SCHEMAS) AND NOT ix.indisprimary
  AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = ix.indexrelid AND con.contype IN ('p', 'u', 'x'))
ORDER BY n.nspname, c.relname, i.relname`.replaceAll('$INDEX_KEY', INDEX_KEY)

// A partition's own policies are not modelled (unmanaged.ts lists them). PUBLIC is role 0 in polroles.
export const POLICIES_SQL = `
SELECT n.nspname AS schema, c.relname AS tbl, p.polname AS name, p.polcmd AS cmd, p.polpermissive AS permissive,
  array_to_json(ARRAY(SELECT CASE WHEN r.role = 0 THEN 'public' ELSE pg_get_userbyid(r.role)::text END
    FROM unnest(p.polroles) r(role) ORDER BY 1)) AS roles,
  pg_get_expr(p.polqual, p.polrelid) AS qual, pg_get_expr(p.polwithcheck, p.polrelid) AS with_check
FROM pg_policy p
JOIN pg_class c ON c.oid = p.polrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname IN ($SCHEMAS) AND c.relkind IN ('r', 'p') AND NOT c.relispartition
ORDER BY n.nspname, c.relname, p.polname`
