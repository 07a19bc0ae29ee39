import { type CompoundBodies, createdKind } from '../default/sql-statements.js'
import type { SqlLexicon } from '../default/sql-tokens.js'
import { transactionControl } from '../default/transaction-control.js'

/**
 * PostgreSQL's lexical rules with their defaults: plain strings take no
 * backslash escapes (`standard_conforming_strings` is on since 9.1), `E'…'`
 * strings do, dollar quotes and nested block comments.
 * https://www.postgresql.org/docs/current/sql-syntax-lexical.html
 *
 * @example
 * postgresqlLexicon.dollarQuotes // true
 */
export const postgresqlLexicon: SqlLexicon = {
  dollarQuotes: true,
  nestedComments: true,
  escapeStrings: true,
  backslashEscapes: false,
  hashComments: false,
  dashCommentNeedsSpace: false,
  executableComments: false,
  bracketIdentifiers: false,
}

/**
 * A SQL-standard routine body (`BEGIN ATOMIC … END`, PostgreSQL 14+) holds
 * `;`-separated statements; other bodies are strings.
 *
 * @example
 * postgresqlBodies.holdsBody(['CREATE', 'OR', 'REPLACE', 'FUNCTION', 'F']) // true
 */
export const postgresqlBodies: CompoundBodies = {
  holdsBody: (leading) => {
    const kind = createdKind(leading)
    return kind === 'FUNCTION' || kind === 'PROCEDURE'
  },
  uncountedEnds: new Set(),
}

/**
 * PostgreSQL's transaction statements: those every dialect shares, `END`
 * and `ABORT` (COMMIT and ROLLBACK by other names) and
 * `PREPARE TRANSACTION`, which detaches the transaction from the session.
 * https://www.postgresql.org/docs/current/sql-commands.html
 *
 * @example
 * postgresqlTransactionControl.find('SELECT 1; abort') // 'abort'
 * postgresqlTransactionControl.find("DO $$ BEGIN RAISE NOTICE 'COMMIT'; END $$") // undefined
 */
export const postgresqlTransactionControl = transactionControl(postgresqlLexicon, postgresqlBodies, {
  leading: new Set(['END', 'ABORT']),
  leadingPairs: new Set(['PREPARE TRANSACTION']),
  settings: new Set(),
})
