import type { Row } from '../../ops/operation-sink.js'
import type { Queryable } from '../introspector.js'
import { scratchViewName } from '../view-support.js'
import { rowText, backquoted } from './row-text.js'

const LISTED = /^(enum|set)\((.*)\)$/is

/**
 * The catalog's column rows with each ENUM and SET value holding a 4-byte
 * character (an emoji) put right in COLUMN_TYPE. MariaDB prints such a
 * character as `?` there and in `SHOW CREATE TABLE` alike, though the
 * column holds it exactly; so the column's values are read as the column
 * gives them: copied (no rows) into a temporary table, its values stored
 * there by number (a SET's by bit), read back and the table dropped. Asked
 * only of the columns whose values hold a `?`; where the account may not
 * make a temporary table, the values stay as the catalog shows them.
 *
 * @example
 * import type { Queryable } from '../introspector.js'
 * declare const db: Queryable
 * await withFourByteValues(db, [{ tbl: 'fruit', col: 'kind', type: "enum('?','b')" }]) // type "enum('🍎','b')"
 */
export async function withFourByteValues(db: Queryable, columns: readonly Row[]): Promise<readonly Row[]> {
  const spoiled = columns.filter((row) => LISTED.test(rowText(row['type'])) && rowText(row['type']).includes('?'))
  if (spoiled.length === 0) return columns
  const restored = new Map<Row, Row>()
  for (const row of spoiled) {
    const type = await valuesAsHeld(db, row)
    if (type !== undefined) restored.set(row, { ...row, type })
  }
  return columns.map((row) => restored.get(row) ?? row)
}

/** The column's COLUMN_TYPE written from the values the column holds; undefined where they cannot be read. */
async function valuesAsHeld(db: Queryable, row: Row): Promise<string | undefined> {
  const [, kind = '', list = ''] = LISTED.exec(rowText(row['type'])) ?? []
  const count = [...list.matchAll(/'(?:[^'\\]|''|\\.)*'/g)].length
  const set = kind.toLowerCase() === 'set'
  const numbers = Array.from({ length: count }, (_, at) => (set ? 2 ** at : at + 1))
  const scratch = backquoted(scratchViewName())
  try {
    await db.query(
      `CREATE TEMPORARY TABLE ${scratch} AS SELECT ${backquoted(rowText(row['col']))} AS v FROM ${backquoted(rowText(row['tbl']))} LIMIT 0`,
    )
  } catch {
    return undefined
  }
  try {
    await db.query(`INSERT INTO ${scratch} (v) VALUES ${numbers.map((n) => `(${n})`).join(', ')}`)
    const held = await db.query(`SELECT v, v + 0 AS n FROM ${scratch}`)
    const byNumber = new Map(held.map((r) => [Number(r['n']), rowText(r['v'])]))
    const values = numbers.map((n) => byNumber.get(n))
    if (values.some((v) => v === undefined)) return undefined
    // Quoted as the catalog quotes them, which mysqlTypeFromCatalog reads.
    return `${kind}(${values.map((v) => `'${v!.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`).join(',')})`
  } catch {
    return undefined
  } finally {
    await db.query(`DROP TEMPORARY TABLE IF EXISTS ${scratch}`)
  }
}
