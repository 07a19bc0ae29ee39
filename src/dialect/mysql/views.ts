import { viewBehaviour, type View } from '../../schema/view.js'
import type { Queryable } from '../introspector.js'
import type { Row } from '../../ops/operation-sink.js'
import { scratchViewName, type ViewSupport } from '../view-support.js'
import { sqlTokens } from '../default/sql-tokens.js'
import { mysqlLexicon } from './transaction-control.js'
import { viewDefinitions } from './four-byte-views.js'
import { unrepresentedReaders } from './unrepresented-readers.js'
import { rowText } from './row-text.js'
import { tablesInView } from './tables-read.js'

/**
 * MySQL/MariaDB's views from `information_schema.VIEWS`. The server stores
 * a rewritten text (names qualified with the database and backquoted,
 * every column given an alias), so a model's definition is normalised by
 * creating it as a throwaway view under a unique name and reading it back;
 * DDL commits here, so it is dropped at once rather than rolled back.
 *
 * @example
 * import { openConnection } from '../registry.js'
 * const db = await openConnection(parseDatabaseUrl('mysql://root@127.0.0.1/app'))
 * await mysqlViews.read(db) // [{ name: 'active_users', definition: 'select `app`.`users`.`id` AS `id` …', dependsOn: ['users'] }]
 */
export const mysqlViews: ViewSupport = {
  async read(db: Queryable): Promise<View[]> {
    // A check running beside this one may hold a throwaway view for a moment. The database's name comes with each
    // row, rather than from a query of its own: a round trip less.
    const query = (algorithm: string) =>
      db.query(
        'SELECT TABLE_NAME AS name, VIEW_DEFINITION AS definition, DATABASE() AS db, CHECK_OPTION AS checked, ' +
          `SECURITY_TYPE AS security, ${algorithm} AS algorithm FROM information_schema.VIEWS ` +
          "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME NOT LIKE 'athanor\\_normal\\_%' ORDER BY TABLE_NAME",
      )
    // MariaDB says a view's ALGORITHM in VIEWS; MySQL's VIEWS has no such column.
    // One reading a table the models do not hold is not represented (see unrepresentedReaders).
    const { views: leftOut } = await unrepresentedReaders(db)
    const rows = (await query('ALGORITHM').catch(() => query("'UNDEFINED'"))).filter((row) => !leftOut.has(rowText(row['name'])))
    const definitions = await viewDefinitions(db, rows)
    return rows.map((row, at) => {
      const stored = rowText(row['definition']).trim()
      const database = rowText(row['db'])
      const checked = rowText(row['checked']).toLowerCase()
      const behaviour = viewBehaviour({
        ...(checked === 'local' || checked === 'cascaded' ? { checkOption: checked } : {}),
        securityInvoker: rowText(row['security']).toUpperCase() === 'INVOKER',
      })
      const algorithm = rowText(row['algorithm']).toUpperCase()
      return {
        name: rowText(row['name']),
        definition: definitions[at]!,
        ...behaviour,
        ...(algorithm === 'MERGE' || algorithm === 'TEMPTABLE' ? { algorithm } : {}),
        dependsOn: tablesInView(stored, database),
      }
    })
  },
  async normalize(db: Queryable, views: readonly View[]): Promise<(string | undefined)[]> {
    const normal: (string | undefined)[] = views.map(() => undefined)
    const done = new Set<number>()
    let pending = views.flatMap((view, index) => (batchable(body(view)) ? [index] : []))
    while (pending.length > 1) {
      const read = await normalizeBatch(db, views, pending, normal)
      for (const index of read) done.add(index)
      // The first not read back stopped the batch: alone it is refused or not, and those after it are batched again.
      const stopped = pending.findIndex((index) => !read.has(index))
      pending = stopped < 0 ? [] : pending.slice(stopped).filter((index) => !read.has(index))
      if (pending.length > 0) {
        normal[pending[0]!] = await normalizeOne(db, views[pending[0]!]!)
        done.add(pending.shift()!)
      }
    }
    for (let index = 0; index < views.length; index++) if (!done.has(index)) normal[index] = await normalizeOne(db, views[index]!)
    return normal
  },
}

const body = (view: View) => view.definition.trim().replace(/;\s*$/, '')

/**
 * Whether a definition (its `body`) can share a multi-statement batch with others: the
 * server must end it exactly where it ends, so it may hold no `;` and must
 * not end inside a string or comment (a `;` written after it is then read as
 * the one statement separator). Backslashes (which NO_BACKSLASH_ESCAPES
 * reads differently) and executable comments are left to a statement of
 * their own; so is anything the check does not prove.
 */
function batchable(statement: string): boolean {
  if (statement.includes('\\') || statement.includes('/*')) return false
  const tokens = sqlTokens(`${statement}\n;\nSELECT 1`, mysqlLexicon)
  const separators = tokens.filter((token) => token.kind === 'symbol' && token.text === ';')
  return separators.length === 1 && tokens.at(-3) === separators[0]
}

/**
 * The views at `indexes` normalised together, in two round trips instead
 * of three each: their throwaway views created in one multi-statement batch
 * that ends by reading them all back, then dropped in one statement. A
 * refused definition stops the batch; the indexes returned are those read
 * back. A refusal is only ever concluded from a statement of its own.
 */
async function normalizeBatch(
  db: Queryable,
  views: readonly View[],
  indexes: readonly number[],
  normal: (string | undefined)[],
): Promise<Set<number>> {
  const names = indexes.map(() => scratchViewName())
  const creates = indexes.map((index, at) => `CREATE VIEW \`${names[at]}\` AS ${body(views[index]!)}\n;\n`).join('')
  const read =
    'SELECT TABLE_NAME AS name, VIEW_DEFINITION AS definition, DATABASE() AS db FROM information_schema.VIEWS ' +
    `WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (${names.map((name) => `'${name}'`).join(', ')})`
  let rows: Row[]
  let definitions: string[]
  try {
    try {
      rows = await db.query(`${creates}${read}`)
    } catch {
      // Those created before the refusal are read back; the caller takes the refused one alone and batches the rest again.
      rows = await db.query(read)
    }
    definitions = await viewDefinitions(db, rows)
  } finally {
    await db.query(`DROP VIEW IF EXISTS ${names.map((name) => `\`${name}\``).join(', ')}`)
  }
  const byName = new Map(rows.map((row, at) => [rowText(row['name']), definitions[at]!]))
  const done = new Set<number>()
  indexes.forEach((index, at) => {
    const definition = byName.get(names[at]!)
    if (definition === undefined) return
    normal[index] = definition
    done.add(index)
  })
  return done
}

async function normalizeOne(db: Queryable, view: View): Promise<string | undefined> {
  const name = scratchViewName()
  try {
    await db.query(`CREATE VIEW \`${name}\` AS ${body(view)}`)
  } catch {
    return undefined
  }
  try {
    const rows = await db.query(
      `SELECT '${name}' AS name, VIEW_DEFINITION AS definition, DATABASE() AS db FROM information_schema.VIEWS ` +
        `WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '${name}'`,
    )
    const [definition] = await viewDefinitions(db, rows)
    return definition ?? ''
  } finally {
    await db.query(`DROP VIEW IF EXISTS \`${name}\``)
  }
}
