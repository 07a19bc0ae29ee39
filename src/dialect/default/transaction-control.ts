import type { TransactionControl } from '../dialect.js'
import { type CompoundBodies, sqlStatements } from './sql-statements.js'
import type { SqlLexicon } from './sql-tokens.js'

/**
 * Which statements begin, end or change a transaction, by their words
 * (upper-cased keywords and bare names, without strings, quoted names and
 * comments).
 *
 * @example
 * const rules: ControlRules = { leading: new Set(['END']), leadingPairs: new Set(), settings: new Set() }
 */
export interface ControlRules {
  /** First words of such statements, beyond those every dialect shares. */
  readonly leading: ReadonlySet<string>
  /** First two words, space-separated (`PREPARE TRANSACTION`). */
  readonly leadingPairs: ReadonlySet<string>
  /** Session settings that decide when work commits; a SET of one is refused (`completion_type`). */
  readonly settings: ReadonlySet<string>
  /** Decides a statement the lists cannot (MariaDB's `BEGIN NOT ATOMIC` block); `undefined` leaves it to them. */
  readonly decide?: (words: readonly string[]) => boolean | undefined
  /** The first words of the statements `decide` may refuse. */
  readonly decideWords?: readonly string[]
}

/** What every dialect spells the same: `BEGIN`, `START TRANSACTION`, `COMMIT`, `ROLLBACK`, savepoints, `SET autocommit`. */
const SHARED_LEADING = new Set(['BEGIN', 'COMMIT', 'ROLLBACK', 'SAVEPOINT', 'RELEASE'])
const SHARED_PAIRS = new Set(['START TRANSACTION'])
const SHARED_SETTINGS = new Set(['AUTOCOMMIT'])

const SHOWN_LENGTH = 120

/**
 * A dialect's {@link TransactionControl}: its lexicon splits the text into
 * statements exactly where the server does, and each statement is judged
 * by its first words (a `SET` by the settings it names).
 *
 * @example
 * import { sqliteLexicon, sqliteBodies } from '../sqlite/transaction-control.js'
 * const rules: ControlRules = { leading: new Set(['END']), leadingPairs: new Set(), settings: new Set() }
 * const control = transactionControl(sqliteLexicon, sqliteBodies, rules)
 * control.find("INSERT INTO t VALUES ('COMMIT'); /* x *\/ commit;") // 'commit'
 */
export function transactionControl(lexicon: SqlLexicon, bodies: CompoundBodies, rules: ControlRules): TransactionControl {
  const controls = (words: readonly string[]): boolean => {
    const decided = rules.decide?.(words)
    if (decided !== undefined) return decided
    const [first = '', second = ''] = words
    if (SHARED_LEADING.has(first) || rules.leading.has(first)) return true
    const pair = `${first} ${second}`
    if (SHARED_PAIRS.has(pair) || rules.leadingPairs.has(pair)) return true
    return first === 'SET' && words.some((word) => SHARED_SETTINGS.has(word) || rules.settings.has(word))
  }
  // Most raw SQL holds none of the words any refused statement needs: one
  // search of the text settles it without splitting it into statements.
  const needed = [...SHARED_LEADING, ...rules.leading, ...[...SHARED_PAIRS, ...rules.leadingPairs].map((pair) => pair.split(' ')[0]!)]
  const mentions = new RegExp(
    `(?:^|[^\\w$@])(?:${[...needed, ...SHARED_SETTINGS, ...rules.settings, ...(rules.decideWords ?? [])].join('|')})(?![\\w$])`,
    'i',
  )
  return {
    find(sql) {
      if (!mentions.test(sql)) return undefined
      for (const statement of sqlStatements(sql, lexicon, bodies)) {
        const words = statement.tokens.filter((token) => token.kind === 'word').map((token) => token.text)
        if (controls(words)) return shown(statement.text)
      }
      return undefined
    },
  }
}

function shown(text: string): string {
  const line = text.replace(/\s+/g, ' ')
  return line.length > SHOWN_LENGTH ? `${line.slice(0, SHOWN_LENGTH - 3)}...` : line
}
