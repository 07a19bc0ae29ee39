import type { Row } from '../../ops/operation-sink.js'
import type { Queryable } from '../introspector.js'
import { rowText, backquoted } from './row-text.js'

/** A character outside the Basic Multilingual Plane: four bytes in UTF-8 (an emoji). */
export const FOUR_BYTE = /[\u{10000}-\u{10FFFF}]/u

/**
 * The catalog's rows with the texts information_schema spoils put right.
 * MariaDB's information_schema is utf8mb3, so a 4-byte character (an
 * emoji) in a check, a generated expression or a column default reads as
 * `?` (`????` in an expression), and a model holding one was never equal to
 * its table. Only rows with a `?` in those texts cost anything: a check or
 * a generated expression is read again from the table's `SHOW CREATE
 * TABLE` (one a table, which has them right), and a string default from
 * `DEFAULT(col)` over a row of NULLs (one query for them all), as `SHOW
 * CREATE TABLE` prints `?` for those too. An ENUM or SET value with such a
 * character is put right by withFourByteValues, a view by viewDefinitions.
 *
 * @example
 * import type { Queryable } from '../introspector.js'
 * declare const db: Queryable
 * const { columns, checks } = await withFourByteTexts(db, [], [])
 */
export async function withFourByteTexts(
  db: Queryable,
  columns: readonly Row[],
  checks: readonly Row[],
): Promise<{ columns: readonly Row[]; checks: readonly Row[] }> {
  const defaults = columns.filter((r) => rowText(r['collation']) !== '' && /^'.*\?.*'$/s.test(rowText(r['dflt'])))
  const expressions = [
    ...columns.filter((r) => rowText(r['generation']).includes('?')),
    ...checks.filter((r) => rowText(r['clause']).includes('?')),
  ]
  if (defaults.length === 0 && expressions.length === 0) return { columns, checks }
  const restored = new Map<Row, Row>()
  for (const [table, rows] of byTable(expressions)) {
    const [shown] = await db.query(`SHOW CREATE TABLE ${backquoted(table)}`)
    const lines = definitionLines(rowText(shown?.['Create Table']))
    for (const row of rows) {
      const field = row['clause'] === undefined ? 'generation' : 'clause'
      // A check is on its CONSTRAINT line, or on its column's when written in the column's definition (MariaDB).
      const name = rowText(row[field === 'clause' ? 'name' : 'col'])
      const line = (field === 'clause' ? lines.get(`constraint ${name}`) : undefined) ?? lines.get(`column ${name}`) ?? ''
      const found = unfolded(line, rowText(row[field]))
      if (found !== undefined) restored.set(row, { ...row, [field]: found })
    }
  }
  if (defaults.length > 0) {
    const reads = defaults.map((r, at) => {
      const [column, table] = [backquoted(rowText(r['col'])), backquoted(rowText(r['tbl']))]
      return `(SELECT DEFAULT(t.${column}) FROM (SELECT 1) o LEFT JOIN ${table} t ON FALSE) AS d${at}`
    })
    const [values] = await db.query(`SELECT ${reads.join(', ')}`)
    defaults.forEach((row, at) => {
      const value = values?.[`d${at}`]
      if (typeof value !== 'string') return
      // Quoted as the catalog quotes a default, which mysqlDefaultFromCatalog reads.
      restored.set(row, { ...(restored.get(row) ?? row), dflt: `'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'` })
    })
  }
  return { columns: columns.map((r) => restored.get(r) ?? r), checks: checks.map((r) => restored.get(r) ?? r) }
}

function byTable(rows: readonly Row[]): Map<string, Row[]> {
  const map = new Map<string, Row[]>()
  for (const row of rows) map.set(rowText(row['tbl']), [...(map.get(rowText(row['tbl'])) ?? []), row])
  return map
}

/** The lines of a CREATE TABLE by what they define: `column name` and `constraint name`. */
function definitionLines(create: string): Map<string, string> {
  const lines = new Map<string, string>()
  for (const line of create.split('\n')) {
    const named = /^\s+(CONSTRAINT\s+)?`((?:[^`]|``)+)`/.exec(line)
    if (named) lines.set(`${named[1] === undefined ? 'column' : 'constraint'} ${named[2]!.replaceAll('``', '`')}`, line)
  }
  return lines
}

/**
 * Where `line` holds `spoiled` once each 4-byte character of it is read as
 * `????`, that part of `line` as it is; undefined where it holds none.
 *
 * @example
 * unfolded("CHECK (`m` <> '💩')", "`m` <> '????'") // "`m` <> '💩'"
 */
export function unfolded(line: string, spoiled: string): string | undefined {
  // Each character of `line` as it folds, and where in the folded text it starts.
  const chars = [...line]
  const starts: number[] = []
  let folded = ''
  for (const char of chars) {
    starts.push(folded.length)
    folded += FOUR_BYTE.test(char) ? '????' : char
  }
  starts.push(folded.length)
  const at = folded.indexOf(spoiled)
  if (at < 0) return undefined
  const first = starts.indexOf(at)
  const last = starts.indexOf(at + spoiled.length)
  // A match starting or ending inside one character's `????` is no match.
  return first < 0 || last < 0 ? undefined : chars.slice(first, last).join('')
}
