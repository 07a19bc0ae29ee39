/**
 * What SQLite's pragmas do not report about a table, read from its
 * CREATE TABLE text (sqlite_master.sql keeps it as written): constraint
 * names, CHECK expressions, AUTOINCREMENT and deferrable foreign keys. This is a splitter, not a SQL
 * parser: it cuts the definition at top-level commas, respecting quotes and
 * parentheses, which is enough for the statements athanor and most tools write.
 */
import type { GeneratedColumn, SqliteTableOptions } from '../../schema/types.js'
import { BARE_NAME } from '../../schema/bare-name.js'

export interface DdlCheck {
  readonly name?: string
  readonly expression: string
  /** The column it was written on, for a column-level CHECK. */
  readonly column?: string
}

export interface Deferral {
  readonly deferrable?: true
  readonly initiallyDeferred?: true
}

export interface DdlFacts {
  readonly checks: readonly DdlCheck[]
  /** Constraint names of foreign keys (by `foreignKeyKey`) and uniques (by their lower-cased, comma-joined column list). */
  readonly foreignKeyNames: ReadonlyMap<string, string>
  readonly uniqueNames: ReadonlyMap<string, string>
  /** DEFERRABLE [INITIALLY DEFERRED] of foreign keys, by `foreignKeyKey`: the pragma leaves it out. */
  readonly foreignKeyDeferral: ReadonlyMap<string, Deferral>
  /** Column lists of the UNIQUEs declared after the columns rather than on one, named or not. */
  readonly tableUniques: ReadonlySet<string>
  readonly primaryKeyName?: string
  readonly autoincrement: boolean
  /** Generated columns' expressions, by lower-cased column name: no pragma reports them. */
  readonly generated: ReadonlyMap<string, GeneratedColumn>
  /** Columns' COLLATE, by lower-cased column name, as written (SQLite's names ignore case). */
  readonly collations: ReadonlyMap<string, string>
  /** STRICT and WITHOUT ROWID, written after the closing parenthesis. */
  readonly options: SqliteTableOptions
}

/**
 * Where the parts between top-level occurrences of `sep` are, outside quotes and parentheses, without their spaces.
 *
 * @example
 * splitSpans('a, f(b, c)', ',') // [[0, 1], [3, 10]]
 */
export function splitSpans(text: string, sep: string): Array<readonly [number, number]> {
  const spans: Array<readonly [number, number]> = []
  const push = (start: number, end: number) => {
    while (start < end && /\s/.test(text[start]!)) start++
    while (end > start && /\s/.test(text[end - 1]!)) end--
    if (end > start) spans.push([start, end])
  }
  let depth = 0
  let quote: string | undefined
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quote !== undefined) {
      if (ch === quote) quote = undefined
    } else if (ch === "'" || ch === '"' || ch === '`' || ch === '[') quote = ch === '[' ? ']' : ch
    else if (ch === '(') depth++
    else if (ch === ')') depth--
    else if (depth === 0 && ch === sep) {
      push(start, i)
      start = i + 1
    }
  }
  push(start, text.length)
  return spans
}

/** Splits at top-level occurrences of `sep`, outside quotes and parentheses. */
function splitTop(text: string, sep: string): string[] {
  return splitSpans(text, sep).map(([start, end]) => text.slice(start, end))
}

/**
 * `text` with what its strings and quoted names hold blanked out, at the
 * same offsets: a keyword looked for in the text (`CHECK (`, `AS (`,
 * `COLLATE`, `AUTOINCREMENT`) is then never found inside a default's
 * string or a column's quoted name. Strings become spaces, names `_`.
 *
 * @example
 * maskedLiterals(`a TEXT DEFAULT 'CHECK (1)'`) // "a TEXT DEFAULT '         '"
 */
export function maskedLiterals(text: string): string {
  let out = ''
  let quote: string | undefined
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quote !== undefined) {
      if (ch === quote) {
        quote = undefined
        out += ch
      } else out += quote === "'" ? ' ' : '_'
    } else {
      if (ch === "'" || ch === '"' || ch === '`' || ch === '[') quote = ch === '[' ? ']' : ch
      out += ch
    }
  }
  return out
}

/** The text a group of `match` (made with the `d` flag on a masked copy) spans in `original`. */
function captured(match: RegExpExecArray | null, group: number, original: string): string | undefined {
  const span = match?.indices?.[group]
  return span === undefined ? undefined : original.slice(span[0], span[1])
}

/**
 * `sql` with its comments (`-- …` to the line's end, `/* … *\/`) turned into
 * spaces, quotes respected: a parenthesis or a comma in a comment would
 * otherwise cut the definition in the wrong place.
 */
export function withoutComments(sql: string): string {
  if (!sql.includes('--') && !sql.includes('/*')) return sql
  let out = ''
  let quote: string | undefined
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i]!
    if (quote !== undefined) {
      if (ch === quote) quote = undefined
      out += ch
    } else if (ch === "'" || ch === '"' || ch === '`' || ch === '[') {
      quote = ch === '[' ? ']' : ch
      out += ch
    } else if (ch === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i)
      i = end < 0 ? sql.length : end - 1
      out += ' '
    } else if (ch === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2)
      i = end < 0 ? sql.length : end + 1
      out += ' '
    } else out += ch
  }
  return out
}

/**
 * The text inside the parentheses that open at or after `from`, where it starts, and where the pair ends.
 *
 * @example
 * parenthesised("CHECK (a IN ('(', ')'))", 0) // { inner: "a IN ('(', ')')", start: 7, end: 23 }
 */
export function parenthesised(text: string, from: number): { inner: string; start: number; end: number } | undefined {
  const open = text.indexOf('(', from)
  if (open < 0) return undefined
  let depth = 0
  let quote: string | undefined
  for (let i = open; i < text.length; i++) {
    const ch = text[i]!
    if (quote !== undefined) {
      if (ch === quote) quote = undefined
    } else if (ch === "'" || ch === '"' || ch === '`' || ch === '[') quote = ch === '[' ? ']' : ch
    else if (ch === '(') depth++
    else if (ch === ')' && --depth === 0) return { inner: text.slice(open + 1, i), start: open + 1, end: i + 1 }
  }
  return undefined
}

const IDENT = String.raw`(?:"(?:[^"]|"")*"|\`[^\`]*\`|\[[^\]]*\]|${BARE_NAME})`

/**
 * An identifier without its quotes.
 *
 * @example
 * unquote('"my ""x"""') // 'my "x"'
 */
export function unquote(identifier: string): string {
  const s = identifier.trim()
  if (s.startsWith('"') && s.endsWith('"')) return s.slice(1, -1).replaceAll('""', '"')
  if ((s.startsWith('`') && s.endsWith('`')) || (s.startsWith('[') && s.endsWith(']'))) return s.slice(1, -1)
  return s
}

// Compiled once: readDdl runs for every column of every table.
// With the `d` flag: their names are matched on a masked copy and read from the text.
const NAMED = new RegExp(String.raw`^CONSTRAINT\s+(${IDENT})\s+`, 'id')
const LEADING_NAME = new RegExp(`^(${IDENT})`, 'd')
const GENERATED = /\b(?:GENERATED\s+ALWAYS\s+)?AS\s*\(/i
// A key declared on its column: `id INTEGER NOT NULL CONSTRAINT pk_t PRIMARY KEY AUTOINCREMENT`, as the compiler writes it.
const INLINE_REFERENCES = new RegExp(String.raw`\bCONSTRAINT\s+(${IDENT})\s+REFERENCES\b`, 'id')
const INLINE_PRIMARY_KEY = new RegExp(String.raw`\bCONSTRAINT\s+(${IDENT})\s+PRIMARY\s+KEY\b`, 'id')
const CHECKS = new RegExp(String.raw`(?:CONSTRAINT\s+(${IDENT})\s+)?CHECK\s*\(`, 'gid')
/** What a column's definition must hold for any fact below to be in it: a generation, a CHECK, a key or a name. */
const COLUMN_FACTS = /AS\s*\(|CHECK|REFERENCES|CONSTRAINT|COLLATE/i
const COLLATE = new RegExp(String.raw`\bCOLLATE\s+(${IDENT})`, 'id')
const REFERENCES = new RegExp(String.raw`\bREFERENCES\s+(${IDENT})`, 'id')

// `INITIALLY DEFERRED` alone makes a deferrable key on PostgreSQL, and SQLAlchemy writes it so.
const INITIALLY_DEFERRED = /\bINITIALLY\s+DEFERRED\b/i
const DEFERRABLE = /(?<!\bNOT\s+)\bDEFERRABLE\b/i

const NOT_DEFERRABLE = /\bNOT\s+DEFERRABLE\b/i

function deferralOf(clause: string): Deferral | undefined {
  // NOT DEFERRABLE INITIALLY DEFERRED is checked at once on SQLite, as NOT DEFERRABLE alone
  // (https://sqlite.org/foreignkeys.html#fk_deferred).
  if (NOT_DEFERRABLE.test(clause)) return undefined
  if (INITIALLY_DEFERRED.test(clause)) return { deferrable: true, initiallyDeferred: true }
  return DEFERRABLE.test(clause) ? { deferrable: true } : undefined
}

/** `text` without the spans given, which do not overlap. */
function outsideOf(text: string, spans: ReadonlyArray<readonly [number, number]>): string {
  let kept = ''
  let from = 0
  for (const [start, end] of [...spans].sort((a, b) => a[0] - b[0])) {
    kept += `${text.slice(from, start)} `
    from = end
  }
  return kept + text.slice(from)
}

const columnList = (list: string) => splitTop(list, ',').map((c) => unquote(c))
const columnsOf = (list: string) =>
  columnList(list)
    .map((c) => c.toLowerCase())
    .join(',')

/**
 * The key a foreign key's facts are kept under: its columns and the table it
 * refers to, lower-cased, so two keys on one column keep their own names.
 *
 * @example
 * foreignKeyKey(['Owner'], 'Users') // 'owner>users'
 */
export function foreignKeyKey(columns: readonly string[], referredTable: string): string {
  return `${columns.map((c) => c.toLowerCase()).join(',')}>${referredTable.toLowerCase()}`
}

/**
 * The facts of one CREATE TABLE statement. Keywords are looked for in a copy
 * with its strings and quoted names blanked out, and names and expressions
 * read from the text at the same offsets.
 *
 * @example
 * readDdl('CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, CONSTRAINT ck_a CHECK (id > 0))')
 * // { checks: [{ name: 'ck_a', expression: 'id > 0' }], autoincrement: true, ... }
 */
export function readDdl(sql: string): DdlFacts {
  const text = withoutComments(sql)
  const maskedText = maskedLiterals(text)
  const definition = parenthesised(maskedText, 0)
  const body = definition === undefined ? '' : text.slice(definition.start, definition.end - 1)
  const maskedBody = definition?.inner ?? ''
  const checks: DdlCheck[] = []
  const foreignKeyNames = new Map<string, string>()
  const uniqueNames = new Map<string, string>()
  const foreignKeyDeferral = new Map<string, Deferral>()
  const tableUniques = new Set<string>()
  let primaryKeyName: string | undefined
  const generated = new Map<string, GeneratedColumn>()
  const collations = new Map<string, string>()
  for (const [from, to] of splitSpans(maskedBody, ',')) {
    const item = body.slice(from, to)
    const masked = maskedBody.slice(from, to)
    const tableLevel = /^(?:CONSTRAINT|PRIMARY\s+KEY|UNIQUE|CHECK|FOREIGN\s+KEY)\b/i.test(masked)
    // Most columns are a name, a type, NOT NULL and a default: none of the words below, so nothing more to read.
    if (!tableLevel && !COLUMN_FACTS.test(masked)) continue
    const column = tableLevel ? undefined : unquote(captured(LEADING_NAME.exec(masked), 1, item) ?? '')
    const as = column === undefined ? null : GENERATED.exec(masked)
    const expression = as === null ? undefined : parenthesised(item, as.index + as[0].length - 1)
    if (column !== undefined && expression !== undefined) {
      const stored = /^\s*STORED\b/i.test(masked.slice(expression.end))
      generated.set(column.toLowerCase(), { expression: expression.inner.trim(), ...(stored ? { stored } : {}) })
    }
    // Every CHECK in the item, with the CONSTRAINT name just before it.
    const re = CHECKS
    re.lastIndex = 0
    // Where the item's expressions are: a COLLATE inside one is not the column's.
    const expressions: Array<readonly [number, number]> = expression === undefined ? [] : [[as!.index, expression.end]]
    for (let m = /CHECK/i.test(masked) ? re.exec(masked) : null; m !== null; m = re.exec(masked)) {
      const inner = parenthesised(item, m.index + m[0].length - 1)
      if (inner === undefined) break
      const name = captured(m, 1, item)
      checks.push({ ...(name ? { name: unquote(name) } : {}), expression: inner.inner.trim(), ...(column ? { column } : {}) })
      expressions.push([m.index, inner.end])
      re.lastIndex = inner.end
    }
    const referred = captured(REFERENCES.exec(masked), 1, item)
    if (!tableLevel) {
      // The column's own COLLATE, before or after its CHECKs, not one inside them or its generated expression.
      const collate = captured(COLLATE.exec(outsideOf(masked, expressions)), 1, outsideOf(item, expressions))
      if (column !== undefined && collate !== undefined) collations.set(column.toLowerCase(), unquote(collate))
      const deferral = column !== undefined && referred !== undefined ? deferralOf(masked) : undefined
      if (deferral !== undefined) foreignKeyDeferral.set(foreignKeyKey([column!], unquote(referred!)), deferral)
      const inlineReference = column !== undefined && referred !== undefined ? captured(INLINE_REFERENCES.exec(masked), 1, item) : undefined
      if (inlineReference !== undefined) foreignKeyNames.set(foreignKeyKey([column!], unquote(referred!)), unquote(inlineReference))
      const inlineKey = captured(INLINE_PRIMARY_KEY.exec(masked), 1, item)
      if (inlineKey !== undefined) primaryKeyName = unquote(inlineKey)
      continue
    }
    const named = NAMED.exec(masked)
    const name = captured(named, 1, item)
    const rest = item.slice(named?.[0].length ?? 0)
    const maskedRest = masked.slice(named?.[0].length ?? 0)
    const fk = captured(/^FOREIGN\s+KEY\s*\(([^)]*)\)/di.exec(maskedRest), 1, rest)
    const uq = captured(/^UNIQUE\s*\(([^)]*)\)/di.exec(maskedRest), 1, rest)
    const fkKey = fk === undefined || referred === undefined ? undefined : foreignKeyKey(columnList(fk), unquote(referred))
    if (name !== undefined && fkKey !== undefined) foreignKeyNames.set(fkKey, unquote(name))
    const deferral = fkKey === undefined ? undefined : deferralOf(maskedRest)
    if (fkKey !== undefined && deferral !== undefined) foreignKeyDeferral.set(fkKey, deferral)
    if (uq !== undefined) tableUniques.add(columnsOf(uq))
    if (name !== undefined && uq !== undefined) uniqueNames.set(columnsOf(uq), unquote(name))
    if (name !== undefined && /^PRIMARY\s+KEY/i.test(maskedRest)) primaryKeyName = unquote(name)
  }
  return {
    checks,
    foreignKeyNames,
    uniqueNames,
    foreignKeyDeferral,
    tableUniques,
    ...(primaryKeyName ? { primaryKeyName } : {}),
    autoincrement: /\bAUTOINCREMENT\b/i.test(maskedBody),
    generated,
    collations,
    options: tableOptions(definition === undefined ? '' : maskedText.slice(definition.end)),
  }
}

/** `STRICT`, `WITHOUT ROWID` or both (in either order, comma-separated) after a CREATE TABLE's columns. */
function tableOptions(tail: string): SqliteTableOptions {
  const words = tail
    .replace(/;\s*$/, '')
    .split(',')
    .map((option) => option.trim().replace(/\s+/g, ' ').toUpperCase())
  return { ...(words.includes('STRICT') ? { strict: true } : {}), ...(words.includes('WITHOUT ROWID') ? { withoutRowid: true } : {}) }
}
