import { type SqlLexicon, type SqlToken, sqlTokens } from './sql-tokens.js'

/**
 * Which statements hold a procedural body whose `;` end its inner
 * statements, not the statement itself: a trigger's `BEGIN … END` (SQLite,
 * MySQL), a routine's or an event's body (MySQL), PostgreSQL's
 * `BEGIN ATOMIC … END`. Inside such a statement BEGIN and CASE open a block
 * and END closes one; `END IF`, `END LOOP` and the like close a block whose
 * opener was not counted.
 *
 * @example
 * const bodies: CompoundBodies = { holdsBody: (leading) => createdKind(leading) === 'TRIGGER', uncountedEnds: new Set() }
 */
export interface CompoundBodies {
  /** Whether a statement beginning with these words (upper-cased, at most the first eight) holds a body. */
  holdsBody(leading: readonly string[]): boolean
  /** Words after END that close a block its opener did not count (MySQL's `END IF`, `END LOOP`, `END WHILE`, `END REPEAT`). */
  readonly uncountedEnds: ReadonlySet<string>
}

/** One statement of a text that may hold several. */
export interface SqlStatement {
  /** The statement as written, from its first token to its last. */
  readonly text: string
  /** Its tokens, without the `;` that ends it. */
  readonly tokens: readonly SqlToken[]
}

const LEADING_WORDS = 8

/** The kinds of object a CREATE or ALTER names, the first of which says what it makes. */
const OBJECT_KINDS = new Set([
  'TABLE',
  'VIEW',
  'INDEX',
  'DATABASE',
  'SCHEMA',
  'SEQUENCE',
  'TYPE',
  'DOMAIN',
  'EXTENSION',
  'USER',
  'ROLE',
  'SERVER',
  'TABLESPACE',
  'POLICY',
  'RULE',
  'FUNCTION',
  'PROCEDURE',
  'TRIGGER',
  'EVENT',
])

/**
 * What a CREATE or ALTER statement makes, by the first object kind among its
 * leading words (`CREATE DEFINER = root@localhost PROCEDURE` makes a
 * PROCEDURE; `CREATE TABLE t (event INT)` makes a TABLE); `undefined` for
 * other statements.
 *
 * @example
 * createdKind(['CREATE', 'OR', 'REPLACE', 'FUNCTION', 'F']) // 'FUNCTION'
 */
export function createdKind(leading: readonly string[]): string | undefined {
  if (leading[0] !== 'CREATE' && leading[0] !== 'ALTER') return undefined
  return leading.slice(1).find((word) => OBJECT_KINDS.has(word))
}

/**
 * Splits SQL text into its statements where the server does: at each `;`
 * outside strings, comments and procedural bodies. Empty statements (`;;`,
 * a text of comments) are dropped.
 *
 * @example
 * import type { SqlLexicon } from './sql-tokens.js'
 * const lexicon: SqlLexicon = { dollarQuotes: true, nestedComments: true, escapeStrings: true, backslashEscapes: false,
 *   hashComments: false, dashCommentNeedsSpace: false, executableComments: false, bracketIdentifiers: false }
 * sqlStatements("UPDATE t SET a = ';'; COMMIT", lexicon, { holdsBody: () => false, uncountedEnds: new Set() })
 *   .map((statement) => statement.text) // ["UPDATE t SET a = ';'", 'COMMIT']
 */
export function sqlStatements(sql: string, lexicon: SqlLexicon, bodies: CompoundBodies): SqlStatement[] {
  const tokens = sqlTokens(sql, lexicon)
  const statements: SqlStatement[] = []
  let first = 0
  while (first < tokens.length) {
    const end = statementEnd(tokens, first, bodies)
    if (end > first) {
      const part = tokens.slice(first, end)
      statements.push({ text: sql.slice(part[0]!.start, part.at(-1)!.end), tokens: part })
    }
    first = end + 1
  }
  return statements
}

/** The index of the `;` that ends the statement starting at `first` (or the token count). */
function statementEnd(tokens: readonly SqlToken[], first: number, bodies: CompoundBodies): number {
  const counting = bodies.holdsBody(leadingWords(tokens, first))
  let depth = 0
  for (let index = first; index < tokens.length; index++) {
    const token = tokens[index]!
    if (token.kind === 'symbol' && token.text === ';') {
      if (depth === 0) return index
    } else if (counting && token.kind === 'word') {
      if (token.text === 'BEGIN' || token.text === 'CASE') depth++
      else if (token.text === 'END') {
        const after = tokens[index + 1]
        const closes = after?.kind === 'word' ? after.text : ''
        if (bodies.uncountedEnds.has(closes)) continue
        // END CASE closes the CASE counted above; its CASE opens nothing.
        if (closes === 'CASE') index++
        depth = Math.max(0, depth - 1)
      }
    }
  }
  return tokens.length
}

function leadingWords(tokens: readonly SqlToken[], first: number): string[] {
  const words: string[] = []
  for (let index = first; index < tokens.length && words.length < LEADING_WORDS; index++) {
    const token = tokens[index]!
    if (token.kind === 'symbol' && token.text === ';') break
    if (token.kind === 'word') words.push(token.text)
  }
  return words
}
