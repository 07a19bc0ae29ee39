import { type CompoundBodies, createdKind } from '../default/sql-statements.js'
import type { SqlLexicon } from '../default/sql-tokens.js'
import { transactionControl } from '../default/transaction-control.js'

/**
 * SQLite's lexical rules: strings take no backslash escapes, names may be
 * quoted with `"…"`, backticks or `[…]`, comments do not nest.
 * https://sqlite.org/lang_keywords.html
 *
 * @example
 * sqliteLexicon.bracketIdentifiers // true
 */
export const sqliteLexicon: SqlLexicon = {
  dollarQuotes: false,
  nestedComments: false,
  escapeStrings: false,
  backslashEscapes: false,
  hashComments: false,
  dashCommentNeedsSpace: false,
  executableComments: false,
  bracketIdentifiers: true,
}

/**
 * A trigger's body is `BEGIN stmt; stmt; END`.
 *
 * @example
 * sqliteBodies.holdsBody(['CREATE', 'TEMP', 'TRIGGER', 'T']) // true
 */
export const sqliteBodies: CompoundBodies = {
  holdsBody: (leading) => createdKind(leading) === 'TRIGGER',
  uncountedEnds: new Set(),
}

/**
 * SQLite's transaction statements: those every dialect shares and `END`
 * (COMMIT by another name). https://sqlite.org/lang_transaction.html
 *
 * @example
 * sqliteTransactionControl.find('END TRANSACTION') // 'END TRANSACTION'
 * sqliteTransactionControl.find('CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE b SET n = n + 1; END') // undefined
 */
export const sqliteTransactionControl = transactionControl(sqliteLexicon, sqliteBodies, {
  leading: new Set(['END']),
  leadingPairs: new Set(),
  settings: new Set(),
})
