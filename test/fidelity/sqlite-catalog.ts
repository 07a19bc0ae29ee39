import type { TestDatabase } from '../helpers/databases.js'

const TABLES = "type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' " + "AND name NOT LIKE 'athanor\\_version%' ESCAPE '\\'"

/** The same tables, as `sqlite_master m` joined to a pragma. */
const OF_M = TABLES.replaceAll('name', 'm.name').replace('type =', 'm.type =')

/**
 * A SQLite database's catalog from sqlite_master and the pragmas: each
 * column's declared type (generated ones included, as table_xinfo's hidden), NOT NULL, default and key position; indexes with
 * their origin, columns and direction; foreign keys with their actions; and the
 * CONSTRAINT names and CHECKs of the CREATE TABLE text, which no pragma reports.
 * NOT NULL is left out of a single INTEGER PRIMARY KEY: it is the rowid, which
 * can never be NULL, and athanor always writes NOT NULL on a key column.
 */
export async function sqliteCatalog(db: TestDatabase): Promise<Record<string, unknown[]>> {
  const tables = await db.query(`SELECT name, sql FROM sqlite_master WHERE ${TABLES} ORDER BY name`)
  return {
    tables: tables.map((t) => t['name']),
    columns: await db.query(`SELECT m.name AS tbl, p.cid, p.name, p.type, p.dflt_value, p.pk, p.hidden,
      CASE WHEN p.pk = 1 AND upper(p.type) = 'INTEGER' AND (SELECT COUNT(*) FROM pragma_table_info(m.name) k WHERE k.pk > 0) = 1
        THEN NULL ELSE p."notnull" END AS "notnull"
      FROM sqlite_master m JOIN pragma_table_xinfo(m.name) p WHERE ${OF_M}
      ORDER BY m.name, p.cid`),
    indexes: await db.query(`SELECT m.name AS tbl, l.name, l."unique", l.origin, l.partial, i.seqno, i.name AS col, i."desc", i.coll
      FROM sqlite_master m JOIN pragma_index_list(m.name) l JOIN pragma_index_xinfo(l.name) i
      WHERE ${OF_M} AND i.key = 1 ORDER BY m.name, l.name, i.seqno`),
    foreignKeys: await db.query(`SELECT m.name AS tbl, f.* FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
      WHERE ${OF_M} ORDER BY m.name, f.id, f.seq`),
    constraints: tables.map((t) => [
      t['name'],
      [...String(t['sql']).matchAll(/CONSTRAINT\s+("?)(\w+)\1\s+(\w+)/gi)].map((m) => `${m[2]} ${m[3]}`.toUpperCase()).sort(),
    ]),
    checks: tables.map((t) => [t['name'], checksOf(String(t['sql'])).sort()]),
    // A column's COLLATE, which no pragma reports: a key's collation comes from it.
    collations: tables.map((t) => [
      t['name'],
      [...String(t['sql']).matchAll(/^\s*(?!(?:CHECK|CONSTRAINT|PRIMARY|UNIQUE|FOREIGN)\b)"?(\w+)"?\s+[^,\n]*?\bCOLLATE\s+"?(\w+)"?/gim)]
        .map((m) => `${m[1]} ${m[2]}`.toUpperCase())
        .sort(),
    ]),
    autoincrement: tables.map((t) => [t['name'], /AUTOINCREMENT/i.test(String(t['sql']))]),
    // STRICT and WITHOUT ROWID, as SQLite itself reports them.
    options: await db.query(`SELECT name, strict, wr FROM pragma_table_list WHERE schema = 'main' AND ${TABLES} ORDER BY name`),
  }
}

/** Each CHECK's expression, its parentheses balanced, quotes and blanks left out. */
function checksOf(sql: string): string[] {
  const found: string[] = []
  for (const match of sql.matchAll(/CHECK\s*\(/gi)) {
    let depth = 1
    let at = match.index + match[0].length
    const from = at
    for (; at < sql.length && depth > 0; at++) {
      if (sql[at] === '(') depth++
      else if (sql[at] === ')') depth--
    }
    found.push(sql.slice(from, at - 1).replace(/["\s]/g, ''))
  }
  return found
}
