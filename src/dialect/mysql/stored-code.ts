import { withoutClosingSemicolon, withoutDefiner } from '../../ops/stored-code-text.js'
import type { Routine, RoutineKind, StoredCode, Trigger } from '../../schema/stored-code.js'
import type { Queryable } from '../introspector.js'
import type { StoredCodeSupport } from '../stored-code-support.js'
import { scratchViewName } from '../view-support.js'
import { unrepresentedReaders } from './unrepresented-readers.js'
import { rowText, backquoted } from './row-text.js'

const NAME = '(?:`(?:[^`]|``)*`|[A-Za-z0-9_$]+)'
const ROUTINE_NAME = new RegExp(
  '^(\\s*CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:AGGREGATE\\s+)?(?:FUNCTION|PROCEDURE)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?)' +
    `${NAME}(?:\\s*\\.\\s*${NAME})?`,
  'i',
)

/** `SHOW CREATE …`'s statement column, without its DEFINER: `null` when the account may not see the body. */
async function shown(db: Queryable, what: 'TRIGGER' | RoutineKind, name: string): Promise<string | undefined> {
  const [row] = await db.query(`SHOW CREATE ${what.toUpperCase()} ${backquoted(name)}`)
  const column = what === 'TRIGGER' ? 'SQL Original Statement' : what === 'function' ? 'Create Function' : 'Create Procedure'
  const statement = row?.[column]
  if (statement === null || statement === undefined) return undefined
  // Made under ANSI_QUOTES, its "names" are names: a migration's session, which reads "…" as a string, needs them backquoted.
  const written = /\bANSI_QUOTES\b/i.test(rowText(row?.['sql_mode'])) ? backquotedNames(rowText(statement)) : rowText(statement)
  return withoutDefiner(written).trim()
}

/**
 * A statement written under ANSI_QUOTES with its double-quoted names
 * backquoted, strings and comments left as they are: under that mode a
 * double quote only ever quotes a name.
 *
 * @example
 * backquotedNames('CREATE FUNCTION "f1"(x INT) RETURNS INT RETURN \'"\' || x')
 * // 'CREATE FUNCTION `f1`(x INT) RETURNS INT RETURN \'"\' || x'
 */
export function backquotedNames(sql: string): string {
  let out = ''
  let at = 0
  const until = (end: (i: number) => number) => {
    const stop = end(at)
    out += sql.slice(at, stop)
    at = stop
  }
  while (at < sql.length) {
    const char = sql[at]!
    if (char === "'") until((i) => closingQuote(sql, i, "'", true))
    else if (char === '`') until((i) => closingQuote(sql, i, '`', false))
    else if (char === '#' || (char === '-' && sql[at + 1] === '-'))
      until((i) => (sql.indexOf('\n', i) < 0 ? sql.length : sql.indexOf('\n', i)))
    else if (char === '/' && sql[at + 1] === '*') until((i) => (sql.indexOf('*/', i + 2) < 0 ? sql.length : sql.indexOf('*/', i + 2) + 2))
    else if (char === '"') {
      const stop = closingQuote(sql, at, '"', false)
      const name = sql.slice(at + 1, stop - 1).replaceAll('""', '"')
      out += `\`${name.replaceAll('`', '``')}\``
      at = stop
    } else {
      out += char
      at++
    }
  }
  return out
}

/**
 * Where the quoted text opening at `at` ends (just past its closing
 * quote): a doubled quote, or a backslash where `escapes`, stays inside.
 */
function closingQuote(sql: string, at: number, quote: string, escapes: boolean): number {
  for (let i = at + 1; i < sql.length; i++) {
    if (escapes && sql[i] === '\\') i++
    else if (sql[i] === quote) {
      if (sql[i + 1] !== quote) return i + 1
      i++
    }
  }
  return sql.length
}

/**
 * MySQL/MariaDB's triggers, functions and procedures in the connection's
 * database, each from `SHOW CREATE TRIGGER|FUNCTION|PROCEDURE` without its
 * DEFINER. A trigger's statement is kept as written; a routine's head is
 * rebuilt by the server (`RETURNS int(11)`, its characteristics one per
 * line), so a model's routine is normalised by creating it under a
 * throwaway name, reading it back and dropping it (DDL commits here).
 *
 * @example
 * import { openConnection } from '../registry.js'
 * const db = await openConnection(parseDatabaseUrl('mysql://root@127.0.0.1/app'))
 * const { triggers, routines } = await mysqlStoredCode.read(db)
 * triggers // [{ name: 'orders_touch', table: 'orders', definition: 'CREATE TRIGGER …' }]
 */
export const mysqlStoredCode: StoredCodeSupport = {
  firingOrder: true,
  routines: true,
  async read(db: Queryable): Promise<StoredCode> {
    // Every statement is queued at once: the connection sends each as soon as the last is answered, with no wait for
    // this code in between (a trigger each, dozens on a large schema). The answers come in the order asked.
    const [triggerRows, routineRows] = await Promise.all([
      db.query(
        'SELECT TRIGGER_NAME AS name, EVENT_OBJECT_TABLE AS tbl FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() ' +
          'ORDER BY EVENT_OBJECT_TABLE, ACTION_ORDER, TRIGGER_NAME',
      ),
      // A check running beside this one may hold a throwaway routine for a moment.
      db.query(
        'SELECT ROUTINE_NAME AS name, LOWER(ROUTINE_TYPE) AS kind FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE() ' +
          "AND ROUTINE_NAME NOT LIKE 'athanor\\_normal\\_%' ORDER BY ROUTINE_NAME",
      ),
    ])
    const [triggerDefinitions, routineDefinitions] = await Promise.all([
      Promise.all(triggerRows.map((row) => shown(db, 'TRIGGER', rowText(row['name'])))),
      Promise.all(routineRows.map((row) => shown(db, rowText(row['kind']) as RoutineKind, rowText(row['name'])))),
    ])
    const triggers: Trigger[] = []
    // One reading a table the models do not hold is not represented (see unrepresentedReaders).
    const { triggers: leftOut } = await unrepresentedReaders(db)
    triggerRows.forEach((row, index) => {
      const definition = triggerDefinitions[index]
      if (definition !== undefined && !leftOut.has(rowText(row['name'])))
        triggers.push({ name: rowText(row['name']), table: rowText(row['tbl']), definition })
    })
    const routines: Routine[] = []
    routineRows.forEach((row, index) => {
      const definition = routineDefinitions[index]
      if (definition !== undefined)
        routines.push({ name: rowText(row['name']), routineKind: rowText(row['kind']) as RoutineKind, definition })
    })
    return { triggers, routines }
  },
  // Kept as written, DEFINER aside.
  normalizeTrigger: async (_db, trigger) => withoutDefiner(withoutClosingSemicolon(trigger.definition)),
  async normalizeRoutine(db: Queryable, routine: Routine): Promise<string | undefined> {
    if (!ROUTINE_NAME.test(routine.definition)) return undefined
    const scratch = scratchViewName()
    try {
      await db.query(
        withoutDefiner(withoutClosingSemicolon(routine.definition)).replace(
          ROUTINE_NAME,
          (_m, head: string) => `${head}${backquoted(scratch)}`,
        ),
      )
    } catch {
      return undefined
    }
    try {
      const stored = await shown(db, routine.routineKind, scratch)
      return stored?.replace(ROUTINE_NAME, (_m, head: string) => `${head}${backquoted(routine.name)}`)
    } finally {
      await db.query(`DROP ${routine.routineKind.toUpperCase()} IF EXISTS ${backquoted(scratch)}`)
    }
  },
}
