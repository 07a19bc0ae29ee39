import { type SqlToken, sqlTokens } from '../default/sql-tokens.js'
import { mysqlLexicon } from './transaction-control.js'

/** A name as written: a bare word, or a backquoted name unquoted; nothing for strings, numbers and symbols. */
function nameOf(token: SqlToken | undefined, sql: string): string | undefined {
  if (token === undefined) return undefined
  const text = sql.slice(token.start, token.end)
  if (token.kind === 'word') return text
  return token.kind === 'literal' && text.startsWith('`') ? text.slice(1, -1).replaceAll('``', '`') : undefined
}

const isSymbol = (token: SqlToken | undefined, symbol: string) => token?.kind === 'symbol' && token.text === symbol
const isWord = (token: SqlToken | undefined, words: ReadonlySet<string>) => token?.kind === 'word' && words.has(token.text)

/**
 * The tables and views a view's stored text reads. MariaDB stores it
 * rewritten with every table as `` `database`.`table` `` (`nextval()` of a
 * sequence too), and columns as `` `database`.`table`.`column` `` or by
 * their alias, so a name counts only in that place: in a string, as an
 * alias, or as a column it does not. MariaDB has no VIEW_TABLE_USAGE to ask.
 *
 * @example
 * tablesInView("select 'prices' AS `prices`,`shop`.`orders`.`id` AS `id` from `shop`.`orders`", 'shop') // ['orders']
 */
export function tablesInView(definition: string, database: string): string[] {
  const tokens = sqlTokens(definition, mysqlLexicon)
  const found = new Set<string>()
  for (const [at, token] of tokens.entries()) {
    if (isSymbol(tokens[at - 1], '.') || nameOf(token, definition) !== database || !isSymbol(tokens[at + 1], '.')) continue
    const table = nameOf(tokens[at + 2], definition)
    if (table !== undefined) found.add(table)
  }
  return [...found]
}

/**
 * Words after which a statement names a table: `FROM t`, `JOIN t`, `UPDATE t`, `INSERT [INTO] t`,
 * `DELETE FROM t USING t, u` (a join's `USING (id)` is columns in parentheses, which do not count).
 */
const BEFORE_TABLE = new Set(['FROM', 'JOIN', 'STRAIGHT_JOIN', 'UPDATE', 'TABLE', 'INSERT', 'REPLACE', 'USING'])
/** Words after which a parenthesis holds tables (`FROM (a, b)`, `JOIN (b)`), where INSERT( and REPLACE( are functions. */
const BEFORE_TABLES_IN_PARENTHESES = new Set(['FROM', 'JOIN', 'STRAIGHT_JOIN'])
const WRITES = new Set(['INSERT', 'REPLACE'])
const INTO = new Set(['INTO'])
/** What may stand between INSERT, REPLACE, UPDATE or DELETE and the table (or INTO). */
const MODIFIERS = new Set(['LOW_PRIORITY', 'DELAYED', 'HIGH_PRIORITY', 'IGNORE', 'QUICK'])
const SEQUENCE_FUNCTIONS = new Set(['NEXTVAL', 'LASTVAL', 'SETVAL'])
/**
 * Words that start a clause other than a table list: a comma after them separates expressions, not tables.
 * A join's ON is not one: `FROM a JOIN b ON a.id = b.id, c` goes on listing tables.
 */
const OTHER_CLAUSES = new Set(
  `SELECT WHERE SET GROUP ORDER HAVING LIMIT VALUES VALUE INTO RETURNING
  WINDOW UNION EXCEPT INTERSECT CALL RETURN IF THEN ELSE ELSEIF WHEN DECLARE DO`.split(/\s+/),
)

/** `ON DUPLICATE KEY UPDATE a = 1`: an UPDATE that sets columns, not one that names a table. */
const setsColumns = (tokens: readonly SqlToken[], at: number) => tokens[at]?.text === 'UPDATE' && tokens[at - 1]?.text === 'KEY'

/** Whether a comma at `at` separates the tables of a FROM or UPDATE list (`FROM a x, b`), looking back at its own depth. */
function inTableList(tokens: readonly SqlToken[], at: number): boolean {
  let depth = 0
  for (let back = at - 1; back >= 0; back--) {
    const token = tokens[back]!
    if (isSymbol(token, ')')) depth++
    else if (isSymbol(token, '(')) {
      if (depth === 0) return isWord(tokens[back - 1], BEFORE_TABLES_IN_PARENTHESES)
      depth--
    } else if (depth > 0) continue
    else if (isSymbol(token, ';') || setsColumns(tokens, back)) return false
    else if (isWord(token, BEFORE_TABLE)) return true
    else if (isWord(token, OTHER_CLAUSES)) return false
  }
  return false
}

/** Where the word before `at` is, past the modifiers of INSERT and UPDATE (`INSERT IGNORE INTO`, `UPDATE LOW_PRIORITY`). */
function keywordBefore(tokens: readonly SqlToken[], at: number): number {
  let before = at - 1
  while (isWord(tokens[before], MODIFIERS)) before--
  return before
}

/** Whether the name at `at` stands where a statement names a table or sequence it reads or writes. */
function tablePlace(tokens: readonly SqlToken[], at: number): boolean {
  const keyword = keywordBefore(tokens, at)
  if (isWord(tokens[keyword], BEFORE_TABLE)) return !setsColumns(tokens, keyword)
  // `SELECT … INTO @total FROM t` names a variable: only INSERT's and REPLACE's INTO names a table.
  if (isWord(tokens[keyword], INTO)) return isWord(tokens[keywordBefore(tokens, keyword)], WRITES)
  const before = tokens[at - 1]
  if (before?.kind === 'word' && before.text === 'FOR') return tokens[at - 2]?.kind === 'word' && tokens[at - 2]!.text === 'VALUE'
  if (isSymbol(before, '(')) return isWord(tokens[at - 2], SEQUENCE_FUNCTIONS) || isWord(tokens[at - 2], BEFORE_TABLES_IN_PARENTHESES)
  return isSymbol(before, ',') && inTableList(tokens, at - 1)
}

/**
 * The names among `candidates` that a trigger's statement reads or writes
 * as tables or sequences: after FROM, JOIN, UPDATE, INSERT [INTO], in a FROM
 * list, in `NEXT VALUE FOR` and `nextval()`, bare or qualified with
 * `database`. MariaDB keeps the statement as written and records no usage;
 * a name in a string, a column (`NEW.prices`, `l.prices`, `MAX(prices)`) or
 * an alias does not count.
 *
 * @example
 * tablesInTrigger("SET NEW.note = (SELECT 'prices' FROM labels l, shop.prices p)", 'shop', ['prices', 'labels']) // ['prices', 'labels']
 */
export function tablesInTrigger(statement: string, database: string, candidates: readonly string[]): string[] {
  const tokens = sqlTokens(statement, mysqlLexicon)
  const wanted = new Map(candidates.map((name) => [name.toLowerCase(), name]))
  const found = new Set<string>()
  for (const [at, token] of tokens.entries()) {
    const candidate = wanted.get(nameOf(token, statement)?.toLowerCase() ?? '')
    if (candidate === undefined || isSymbol(tokens[at + 1], '.')) continue
    const qualified = isSymbol(tokens[at - 1], '.')
    if (qualified ? nameOf(tokens[at - 2], statement) === database && tablePlace(tokens, at - 2) : tablePlace(tokens, at)) {
      found.add(candidate)
    }
  }
  return candidates.filter((name) => found.has(name))
}
