import type { IntrospectOptions, Queryable, UnmanagedObject } from '../introspector.js'
import { postgresLiteral } from './literal.js'

/** Objects that belong to an extension come and go with it: not listed one by one. */
const NOT_IN_EXTENSION = (oid: string, catalog: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.objid = ${oid} AND e.classid = '${catalog}'::regclass AND e.deptype = 'e')`

/** How many COLLATE clauses the text `sql` evaluates to holds. */
const collates = (sql: string) => `((length(${sql}) - length(replace(${sql}, ' COLLATE ', ''))) / 9)`

// $COMPRESSION stands for a column only newer servers have (attcompression, 14).
// A table's exclusion constraints are its postgresql.exclusions.
// A key's deferral and INCLUDE, a unique constraint's NULLS NOT DISTINCT and a materialized view's indexes are
// modelled (primaryKey's, unique()'s, view()'s).
const TABLE_TRAITS_SQL = `SELECT 'operator class parameters of index', n.nspname,
      i.relname || ' (' || string_agg(array_to_string(a.attoptions, ', '), '; ') || ')'
    FROM pg_attribute a JOIN pg_class i ON i.oid = a.attrelid JOIN pg_namespace n ON n.oid = i.relnamespace
    WHERE n.nspname IN ($SCHEMAS) AND i.relkind IN ('i', 'I') AND a.attoptions IS NOT NULL GROUP BY n.nspname, i.relname
  UNION ALL SELECT 'table inheritance', n.nspname, c.relname || ' inherits ' || string_agg(p.relname, ', ' ORDER BY h.inhseqno)
    FROM pg_inherits h JOIN pg_class c ON c.oid = h.inhrelid JOIN pg_class p ON p.oid = h.inhparent
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ($SCHEMAS) AND c.relkind IN ('r', 'p', 'f') AND NOT c.relispartition GROUP BY n.nspname, c.relname
  UNION ALL SELECT 'storage parameters', n.nspname,
      c.relname || ' (' || array_to_string(c.reloptions, ', ') || ')' FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    -- A table's are its postgresql.storage option, a view's (check_option, security_barrier, security_invoker) its
    -- view options; a partition's and a materialized view's are not modelled.
    WHERE n.nspname IN ($SCHEMAS) AND (c.relkind = 'm' OR (c.relispartition AND c.relkind IN ('r', 'p'))) AND c.reloptions IS NOT NULL
  -- A table's is its postgresql.rowLevelSecurity option; a partition's is not modelled.
  UNION ALL SELECT 'row level security on partition', n.nspname, c.relname
      || CASE WHEN c.relforcerowsecurity THEN ' (forced)' ELSE '' END FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ($SCHEMAS) AND c.relispartition AND c.relkind IN ('r', 'p') AND (c.relrowsecurity OR c.relforcerowsecurity)
  -- A table's is its postgresql.replicaIdentity; a partition's is not modelled.
  UNION ALL SELECT 'replica identity of partition', n.nspname,
      c.relname || CASE c.relreplident WHEN 'f' THEN ' FULL' WHEN 'n' THEN ' NOTHING' ELSE ' USING INDEX' END
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    -- An index of a partition is a partition too (relispartition), and its replica identity always 'nothing'.
    WHERE n.nspname IN ($SCHEMAS) AND c.relispartition AND c.relkind IN ('r', 'p') AND c.relreplident <> 'd'
  UNION ALL SELECT 'column storage settings', n.nspname, c.relname || '.' || a.attname || ' ('
      || concat_ws(', ', CASE WHEN a.attstorage <> t.typstorage THEN 'STORAGE '
          || CASE a.attstorage WHEN 'p' THEN 'PLAIN' WHEN 'e' THEN 'EXTERNAL' WHEN 'm' THEN 'MAIN' ELSE 'EXTENDED' END END,
        CASE $COMPRESSION WHEN 'p' THEN 'COMPRESSION pglz' WHEN 'l' THEN 'COMPRESSION lz4' END,
        CASE WHEN coalesce(a.attstattarget, -1) <> -1 THEN 'STATISTICS ' || a.attstattarget END) || ')'
    FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ($SCHEMAS) AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND NOT c.relispartition
      AND (a.attstorage <> t.typstorage OR $COMPRESSION IN ('p', 'l') OR coalesce(a.attstattarget, -1) <> -1)
  -- Made from the models, a constraint is checked against every row: one that skipped them (NOT VALID) is not.
  UNION ALL SELECT 'not valid constraint', n.nspname, con.conname || ' on ' || coalesce(c.relname, 'domain ' || t.typname)
    FROM pg_constraint con LEFT JOIN pg_class c ON c.oid = con.conrelid LEFT JOIN pg_type t ON t.oid = con.contypid
    JOIN pg_namespace n ON n.oid = con.connamespace
    WHERE n.nspname IN ($SCHEMAS) AND NOT con.convalidated AND NOT coalesce(c.relispartition, false)
  UNION ALL SELECT 'storage parameters of key index', n.nspname, i.relname || ' on ' || c.relname
      || ' (' || array_to_string(i.reloptions, ', ') || ')'
    FROM pg_constraint con JOIN pg_class i ON i.oid = con.conindid JOIN pg_class c ON c.oid = con.conrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ($SCHEMAS) AND con.contype IN ('p', 'u') AND i.reloptions IS NOT NULL AND NOT c.relispartition
  -- An identity's sequence is made again under the name PostgreSQL gives it.
  UNION ALL SELECT 'identity sequence name', n.nspname, c.relname || '.' || a.attname || ' (' || q.relname || ')'
    FROM pg_depend d JOIN pg_class q ON q.oid = d.objid JOIN pg_class c ON c.oid = d.refobjid
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.refobjsubid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'i' AND q.relkind = 'S'
      AND n.nspname IN ($SCHEMAS) AND NOT c.relispartition AND q.relname NOT LIKE left(c.relname || '_' || a.attname, 58) || '%seq%'
  -- The column of an index key that sorts by another collation than its column's. An expression's key has the
  -- collation the expression computes (lower(name) takes name's), which the catalog does not store: pg_get_indexdef
  -- writes a COLLATE after a key exactly when its collation is another, so an index whose definition has more of them
  -- than its keys (written alone, without it) and its predicate have is one.
  UNION ALL SELECT 'index key collation', n.nspname, i.relname || ' on ' || c.relname FROM pg_index x
    JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ($SCHEMAS) AND NOT c.relispartition AND (EXISTS (
      SELECT 1 FROM unnest(x.indkey::int2[], x.indcollation::oid[]) AS k(attnum, coll)
        JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
        WHERE k.coll <> 0 AND k.coll <> a.attcollation)
      OR (0 = ANY (x.indkey::int2[]) AND EXISTS (SELECT 1 FROM unnest(x.indcollation::oid[]) AS k(coll) WHERE k.coll <> 0)
        AND ${collates('pg_get_indexdef(x.indexrelid)')} > ${collates("coalesce(pg_get_expr(x.indpred, x.indrelid), '')")}
          + (SELECT sum(${collates('pg_get_indexdef(x.indexrelid, k, false)')}) FROM generate_series(1, x.indnkeyatts) AS k)))
  $SET_COLUMNS
  -- A partition is made from its parent's columns: its own NOT NULL, defaults and column order are not modelled.
  UNION ALL SELECT 'partition column settings', n.nspname, c.relname || '.' || a.attname || ' (' || concat_ws(', ',
      CASE WHEN a.attnotnull AND NOT pa.attnotnull THEN 'NOT NULL' END,
      CASE WHEN pg_get_expr(d.adbin, d.adrelid) IS DISTINCT FROM pg_get_expr(pd.adbin, pd.adrelid)
        THEN 'DEFAULT ' || coalesce(pg_get_expr(d.adbin, d.adrelid), 'none') END) || ')'
    FROM pg_inherits h JOIN pg_class c ON c.oid = h.inhrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    JOIN pg_attribute pa ON pa.attrelid = h.inhparent AND pa.attname = a.attname
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    LEFT JOIN pg_attrdef pd ON pd.adrelid = pa.attrelid AND pd.adnum = pa.attnum
    WHERE n.nspname IN ($SCHEMAS) AND c.relispartition
      AND ((a.attnotnull AND NOT pa.attnotnull) OR pg_get_expr(d.adbin, d.adrelid) IS DISTINCT FROM pg_get_expr(pd.adbin, pd.adrelid))
  UNION ALL SELECT 'partition column order', n.nspname, c.relname FROM pg_inherits h JOIN pg_class c ON c.oid = h.inhrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ($SCHEMAS) AND c.relispartition
      AND (SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute WHERE attrelid = c.oid AND attnum > 0 AND NOT attisdropped)
        <> (SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute
          WHERE attrelid = h.inhparent AND attnum > 0 AND NOT attisdropped)
  UNION ALL SELECT 'domain collation', n.nspname, t.typname || ' (' || co.collname || ')' FROM pg_type t
    JOIN pg_collation co ON co.oid = t.typcollation JOIN pg_type b ON b.oid = t.typbasetype JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname IN ($SCHEMAS) AND t.typtype = 'd' AND t.typcollation <> b.typcollation AND ${NOT_IN_EXTENSION('t.oid', 'pg_type')}
  -- A table's own storage parameters are its postgresql.storage option; its TOAST table's (toast.*) are not modelled.
  UNION ALL SELECT 'storage parameters of TOAST table', n.nspname, c.relname || ' (' || array_to_string(t.reloptions, ', ') || ')'
    FROM pg_class c JOIN pg_class t ON t.oid = c.reltoastrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ($SCHEMAS) AND t.reloptions IS NOT NULL
  UNION ALL SELECT 'clustered index', n.nspname, i.relname || ' on ' || c.relname FROM pg_index x
    JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ($SCHEMAS) AND x.indisclustered
  -- n_distinct and n_distinct_inherited, the options ALTER COLUMN … SET (…) gives a table's column.
  UNION ALL SELECT 'column statistics options', n.nspname, c.relname || '.' || a.attname || ' ('
      || array_to_string(ARRAY(SELECT o FROM unnest(a.attoptions) o WHERE o LIKE 'n_distinct%'), ', ') || ')'
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ($SCHEMAS) AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
      AND EXISTS (SELECT 1 FROM unnest(a.attoptions) o WHERE o LIKE 'n_distinct%')
  UNION ALL SELECT 'view column default', n.nspname, c.relname || '.' || a.attname FROM pg_attrdef d
    JOIN pg_class c ON c.oid = d.adrelid JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
    JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ($SCHEMAS) AND c.relkind = 'v'
  UNION ALL SELECT 'typed table', n.nspname, c.relname || ' of ' || format_type(c.reloftype, NULL)
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ($SCHEMAS) AND c.reloftype <> 0
  UNION ALL SELECT 'trigger state', n.nspname, g.tgname || ' on ' || c.relname
      || CASE g.tgenabled WHEN 'D' THEN ' (DISABLE)' WHEN 'R' THEN ' (ENABLE REPLICA)' ELSE ' (ENABLE ALWAYS)' END
    FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ($SCHEMAS) AND NOT g.tgisinternal AND g.tgenabled <> 'O' AND NOT c.relispartition
  UNION ALL SELECT 'comment on ' || CASE d.classoid WHEN 'pg_type'::regclass THEN 'type' WHEN 'pg_proc'::regclass THEN 'routine'
        WHEN 'pg_constraint'::regclass THEN 'constraint' WHEN 'pg_trigger'::regclass THEN 'trigger' ELSE
          CASE c.relkind WHEN 'i' THEN 'index' WHEN 'I' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view'
            WHEN 'm' THEN 'materialized view' WHEN 'c' THEN 'composite type' WHEN 'r' THEN 'partition' WHEN 'p' THEN 'partition'
            ELSE 'relation' END
          || CASE WHEN d.objsubid > 0 THEN CASE c.relkind WHEN 'c' THEN ' attribute' ELSE ' column' END ELSE '' END END,
      coalesce(tn.nspname, pn.nspname, cn.nspname, rn.nspname, gn.nspname),
      coalesce(t.typname, p.proname, con.conname || ' on ' || conc.relname, g.tgname || ' on ' || gc.relname,
        c.relname || CASE WHEN d.objsubid > 0 THEN '.' || a.attname ELSE '' END)
    FROM pg_description d
    LEFT JOIN pg_type t ON d.classoid = 'pg_type'::regclass AND t.oid = d.objoid
    LEFT JOIN pg_namespace tn ON tn.oid = t.typnamespace
    LEFT JOIN pg_proc p ON d.classoid = 'pg_proc'::regclass AND p.oid = d.objoid
    LEFT JOIN pg_namespace pn ON pn.oid = p.pronamespace
    LEFT JOIN pg_constraint con ON d.classoid = 'pg_constraint'::regclass AND con.oid = d.objoid
    LEFT JOIN pg_class conc ON conc.oid = con.conrelid
    LEFT JOIN pg_namespace cn ON cn.oid = con.connamespace
    LEFT JOIN pg_trigger g ON d.classoid = 'pg_trigger'::regclass AND g.oid = d.objoid
    LEFT JOIN pg_class gc ON gc.oid = g.tgrelid
    LEFT JOIN pg_namespace gn ON gn.oid = gc.relnamespace
    -- A view's own comment is modelled (view()'s comment); its columns' are not, nor a partition's, nor a composite type's
    -- attributes'.
    LEFT JOIN pg_class c ON d.classoid = 'pg_class'::regclass AND c.oid = d.objoid
      AND (c.relkind IN ('i', 'I', 'S') OR (c.relkind IN ('v', 'm', 'c') AND d.objsubid > 0)
        OR (c.relkind IN ('r', 'p') AND c.relispartition))
    LEFT JOIN pg_namespace rn ON rn.oid = c.relnamespace
    LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid
    -- 16384, FirstNormalObjectId: the system's own thousands of comments are not read.
    WHERE d.objoid >= 16384 AND coalesce(tn.nspname, pn.nspname, cn.nspname, rn.nspname, gn.nspname) IN ($SCHEMAS)
      AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.objid = d.objoid AND e.classid = d.classoid AND e.deptype = 'e')`

// PostgreSQL 15's ON DELETE SET NULL (columns) / SET DEFAULT (columns): the key made again sets all its columns.
const SET_COLUMNS_SQL = `UNION ALL SELECT 'foreign key action columns', n.nspname, con.conname || ' on ' || c.relname
    FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ($SCHEMAS) AND con.contype = 'f' AND con.confdelsetcols IS NOT NULL AND NOT c.relispartition`

// A sequence a column owns as SERIAL does (`OWNED BY`, dependency 'a') is modelled by its name and options
// (`.serial(name, { start, … })`): a type other than the column's (SERIAL makes the sequence AS the column's type), a
// nullable owner (SERIAL is NOT NULL) and an owner that does not draw from it are listed. `drawn` is the column's default
// depending on the sequence, as nextval('…') does.
const SERIAL_SQL = `SELECT CASE WHEN NOT drawn THEN 'sequence owned by a column not drawing from it'
      WHEN NOT attnotnull THEN 'nullable serial column' ELSE 'serial sequence options' END, nspname,
      CASE WHEN NOT drawn THEN seqname || ' owned by ' || relname || '.' || attname
        WHEN NOT attnotnull THEN relname || '.' || attname || ' (pulled as serial, which is NOT NULL)'
        ELSE relname || '.' || attname || ' (' || seqname || ': ' || options || ')' END
  FROM (SELECT n.nspname, c.relname, a.attname, a.attnotnull, q.relname AS seqname,
      EXISTS (SELECT 1 FROM pg_attrdef ad JOIN pg_depend dd ON dd.classid = 'pg_attrdef'::regclass AND dd.objid = ad.oid
        AND dd.refclassid = 'pg_class'::regclass AND dd.refobjid = s.seqrelid
        WHERE ad.adrelid = c.oid AND ad.adnum = a.attnum) AS drawn,
      CASE WHEN s.seqtypid <> a.atttypid THEN 'AS ' || format_type(s.seqtypid, NULL) ELSE '' END AS options
    FROM pg_depend d JOIN pg_sequence s ON s.seqrelid = d.objid JOIN pg_class q ON q.oid = s.seqrelid
    JOIN pg_class c ON c.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.refobjsubid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'a'
      AND n.nspname IN ($SCHEMAS) AND c.relkind IN ('r', 'p') AND NOT c.relispartition) owned
  WHERE NOT drawn OR NOT attnotnull OR options <> ''`

// GRANTs: the models hold no roles. An object whose ACL is set has privileges beyond its owner's; the public schema's
// are PostgreSQL's own, and default privileges (ALTER DEFAULT PRIVILEGES) are the database's, whatever schema.
const PRIVILEGES_SQL = `SELECT 'privileges', n.nspname, CASE c.relkind WHEN 'S' THEN 'sequence ' WHEN 'v' THEN 'view '
      WHEN 'm' THEN 'materialized view ' ELSE 'table ' END || c.relname
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ($SCHEMAS) AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND c.relacl IS NOT NULL
      AND ${NOT_IN_EXTENSION('c.oid', 'pg_class')}
  UNION ALL SELECT 'privileges', n.nspname, 'column ' || c.relname || '.' || a.attname FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ($SCHEMAS) AND a.attnum > 0 AND NOT a.attisdropped AND a.attacl IS NOT NULL
  UNION ALL SELECT 'privileges', n.nspname, 'routine ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname IN ($SCHEMAS) AND p.proacl IS NOT NULL AND ${NOT_IN_EXTENSION('p.oid', 'pg_proc')}
  UNION ALL SELECT 'privileges', current_schema(), 'schema ' || n.nspname FROM pg_namespace n
    WHERE n.nspname IN ($SCHEMAS) AND n.nspname <> 'public' AND n.nspacl IS NOT NULL
  UNION ALL SELECT 'default privileges', current_schema(), pg_get_userbyid(a.defaclrole) || ' on '
      || CASE a.defaclobjtype WHEN 'r' THEN 'tables' WHEN 'S' THEN 'sequences' WHEN 'f' THEN 'routines' WHEN 'T' THEN 'types'
        ELSE 'schemas' END || coalesce(' in schema ' || n.nspname, '')
    FROM pg_default_acl a LEFT JOIN pg_namespace n ON n.oid = a.defaclnamespace`

// What the schemas read use from another schema, one pull was not asked to read (`--schema NAME`): a migration making
// the user fails ("schema … does not exist"), and a partition there holds rows of a table read. The relations, types,
// routines and collations of the other schemas are found first (none, most often), then what depends on them through
// pg_depend's index; a dependency's user is found by its own schema, or a default's, rule's, trigger's or policy's by its
// table's; an array type stands for its element type.
const OTHER_SCHEMA = (namespace: string) =>
  `${namespace} IN (SELECT oid FROM pg_namespace WHERE nspname NOT IN ($SCHEMAS) ` +
  "AND nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_%')"
const OTHER_SCHEMAS_SQL = `SELECT DISTINCT r.type || ' in a schema not read', current_schema(), r.identity
    FROM (SELECT 'pg_class'::regclass AS classid, c.oid, c.oid AS shown FROM pg_class c
        WHERE ${OTHER_SCHEMA('c.relnamespace')} AND c.relkind NOT IN ('i', 'I')
      UNION ALL SELECT 'pg_type'::regclass, t.oid,
          CASE WHEN t.typcategory = 'A' AND t.typelem <> 0 THEN t.typelem ELSE t.oid END
        FROM pg_type t WHERE ${OTHER_SCHEMA('t.typnamespace')}
      UNION ALL SELECT 'pg_proc'::regclass, p.oid, p.oid FROM pg_proc p WHERE ${OTHER_SCHEMA('p.pronamespace')}
      UNION ALL SELECT 'pg_collation'::regclass, c.oid, c.oid FROM pg_collation c WHERE ${OTHER_SCHEMA('c.collnamespace')}) f
    JOIN pg_depend d ON d.refclassid = f.classid AND d.refobjid = f.oid
    CROSS JOIN LATERAL pg_identify_object(f.classid, f.shown, 0) r
    CROSS JOIN LATERAL pg_identify_object(d.classid, d.objid, d.objsubid) o
    WHERE d.deptype IN ('n', 'a')
      AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.objid = f.shown AND e.classid = f.classid AND e.deptype = 'e')
      AND coalesce(o.schema, (SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.oid = CASE d.classid WHEN 'pg_attrdef'::regclass THEN (SELECT adrelid FROM pg_attrdef WHERE oid = d.objid)
          WHEN 'pg_rewrite'::regclass THEN (SELECT ev_class FROM pg_rewrite WHERE oid = d.objid)
          WHEN 'pg_trigger'::regclass THEN (SELECT tgrelid FROM pg_trigger WHERE oid = d.objid)
          WHEN 'pg_policy'::regclass THEN (SELECT polrelid FROM pg_policy WHERE oid = d.objid) END)) IN ($SCHEMAS)
  UNION ALL SELECT 'partition in a schema not read', n.nspname, c.relname || ' of ' || h.inhparent::regclass::text
    FROM pg_inherits h JOIN pg_class c ON c.oid = h.inhrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_class p ON p.oid = h.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace
    WHERE c.relispartition AND c.relkind IN ('r', 'p') AND pn.nspname IN ($SCHEMAS) AND n.nspname NOT IN ($SCHEMAS)`

const OBJECTS_SQL = `SELECT kind, schema, name FROM (
  SELECT 'foreign table' AS kind, n.nspname AS schema, c.relname AS name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ($SCHEMAS) AND ${NOT_IN_EXTENSION('c.oid', 'pg_class')}
      AND c.relkind = 'f'
  UNION ALL SELECT 'index on partition', n.nspname, i.relname || ' on ' || c.relname FROM pg_index x
    JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ($SCHEMAS) AND c.relispartition AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.oid)
  UNION ALL SELECT 'constraint on partition', n.nspname, con.conname || ' on ' || c.relname FROM pg_constraint con
    JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ($SCHEMAS) AND c.relispartition
      -- Checks and (PostgreSQL 18) NOT NULL constraints are inherited, counted in conislocal; keys are cloned, with conparentid.
      AND CASE WHEN con.contype IN ('c', 'n') THEN con.conislocal ELSE con.conparentid = 0 END
  UNION ALL SELECT 'window function', n.nspname, p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname IN ($SCHEMAS) AND ${NOT_IN_EXTENSION('p.oid', 'pg_proc')} AND p.prokind = 'w'
  -- A table's policies are its postgresql.policies; a partition's are not modelled.
  UNION ALL SELECT 'policy on partition', n.nspname, p.polname || ' on ' || c.relname FROM pg_policy p
    JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ($SCHEMAS) AND c.relispartition
  UNION ALL SELECT 'rule', n.nspname, r.rulename || ' on ' || c.relname FROM pg_rewrite r
    JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ($SCHEMAS) AND r.rulename <> '_RETURN'
  UNION ALL SELECT 'collation', n.nspname, c.collname FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace
    WHERE n.nspname IN ($SCHEMAS) AND ${NOT_IN_EXTENSION('c.oid', 'pg_collation')}
  UNION ALL SELECT 'text search configuration', n.nspname, c.cfgname FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace
    WHERE n.nspname IN ($SCHEMAS) AND ${NOT_IN_EXTENSION('c.oid', 'pg_ts_config')}
  UNION ALL SELECT 'text search dictionary', n.nspname, d.dictname FROM pg_ts_dict d JOIN pg_namespace n ON n.oid = d.dictnamespace
    WHERE n.nspname IN ($SCHEMAS) AND ${NOT_IN_EXTENSION('d.oid', 'pg_ts_dict')}
  UNION ALL SELECT 'extended statistics', n.nspname, s.stxname || ' on ' || c.relname FROM pg_statistic_ext s
    JOIN pg_class c ON c.oid = s.stxrelid JOIN pg_namespace n ON n.oid = s.stxnamespace WHERE n.nspname IN ($SCHEMAS)
  UNION ALL SELECT 'operator', n.nspname, o.oprname || ' (' || format_type(o.oprleft, NULL) || ', ' || format_type(o.oprright, NULL) || ')'
    FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace
    WHERE n.nspname IN ($SCHEMAS) AND ${NOT_IN_EXTENSION('o.oid', 'pg_operator')}
  -- A cast, a publication, an event trigger and a foreign server belong to the database, not to a schema.
  UNION ALL SELECT 'cast', current_schema(), format_type(c.castsource, NULL) || ' AS ' || format_type(c.casttarget, NULL)
    FROM pg_cast c WHERE c.oid >= 16384 AND ${NOT_IN_EXTENSION('c.oid', 'pg_cast')}
      -- A range type's cast to its multirange is the type's own (an internal dependency), made with it.
      AND NOT EXISTS (SELECT 1 FROM pg_depend i WHERE i.classid = 'pg_cast'::regclass AND i.objid = c.oid AND i.deptype = 'i')
  UNION ALL SELECT 'publication', current_schema(), p.pubname FROM pg_publication p
  UNION ALL SELECT 'event trigger', current_schema(), et.evtname FROM pg_event_trigger et
    WHERE ${NOT_IN_EXTENSION('et.oid', 'pg_event_trigger')}
  UNION ALL SELECT 'foreign server', current_schema(), s.srvname FROM pg_foreign_server s
  UNION ALL SELECT 'foreign data wrapper', current_schema(), w.fdwname FROM pg_foreign_data_wrapper w
    WHERE ${NOT_IN_EXTENSION('w.oid', 'pg_foreign_data_wrapper')}
  UNION ALL SELECT 'table without columns', n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ($SCHEMAS) AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)
  -- The schema a comment is on is its own, written unqualified (the home schema's name stands for it).
  UNION ALL SELECT 'comment on schema', current_schema(), n.nspname FROM pg_description d
    JOIN pg_namespace n ON d.classoid = 'pg_namespace'::regclass AND n.oid = d.objoid
    WHERE n.nspname IN ($SCHEMAS) AND n.oid >= 16384
  UNION ALL ${PRIVILEGES_SQL}
  UNION ALL ${OTHER_SCHEMAS_SQL}
  UNION ALL ${TABLE_TRAITS_SQL}
  UNION ALL ${SERIAL_SQL}
) o ORDER BY kind, schema, name`

/**
 * What a PostgreSQL schema holds that the schema model leaves out:
 * foreign tables, window functions (written in C), a partition's policies, rules, the
 * indexes and constraints a partition has of its own (not its partitioned
 * table's, which it shares), and what tables, keys, indexes and columns
 * carry beyond the model:
 * operator class
 * parameters, inheritance, a partition's row level security, a partition's or
 * materialized view's storage parameters, a partition's replica identity, a SERIAL sequence's type
 * other than its column's, a nullable SERIAL column, a sequence owned by a
 * column that does not draw from it, column storage settings,
 * triggers not simply enabled, comments on anything but tables and
 * their columns, constraints added NOT VALID, a key index's storage
 * parameters, an identity sequence's own name, an index key's collation,
 * a foreign key's SET NULL (columns), what they use from a schema not read; and of the database, operators, casts,
 * publications, event triggers, foreign servers and data wrappers. Views and materialized views, enum types,
 * domains, composite and range types, extensions, partitions, sequences no column owns, functions and
 * procedures (overloads each on its own), aggregates and triggers are modelled (see
 * introspect-objects.ts, stored-code.ts); what an extension brings is never
 * listed.
 *
 * @example
 * import { openConnection } from '../registry.js'
 * const db = await openConnection(parseDatabaseUrl('postgresql://postgres@127.0.0.1/app'))
 * await postgresUnmanaged(db) // [{ kind: 'view', name: 'recent_orders' }, …]
 */
export async function postgresUnmanaged(db: Queryable, options: IntrospectOptions = {}): Promise<UnmanagedObject[]> {
  const schemas = ['current_schema()', ...(options.schemas ?? []).map((s) => postgresLiteral(s))].join(', ')
  const [home] = await db.query(
    "SELECT current_schema() AS home, current_setting('server_version_num')::int AS version, current_setting('jit', true) AS jit",
  )
  const version = Number(home?.['version'] ?? 0)
  // Its cost estimate is far past jit_above_cost on a few hundred tables, and compiling it took eight times longer
  // than running it (540 of 620 ms on 500 tables). Set locally in the same text, it lasts as long as the query.
  const withoutJit = home?.['jit'] === 'on' ? "SELECT set_config('jit', 'off', true);\n" : ''
  const sql =
    withoutJit +
    OBJECTS_SQL.replaceAll('$SET_COLUMNS', version >= 150000 ? SET_COLUMNS_SQL : '')
      .replaceAll('$SCHEMAS', () => schemas)
      .replaceAll('$COMPRESSION', version >= 140000 ? 'a.attcompression::text' : "''")
  const rows = await db.query(sql)
  return rows.map((row) => {
    const schema = String(row['schema'])
    const name = String(row['name'])
    return { kind: String(row['kind']), name: schema === String(home?.['home']) ? name : `${schema}.${name}` }
  })
}
