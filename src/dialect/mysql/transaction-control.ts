import { type CompoundBodies, createdKind } from '../default/sql-statements.js'
import type { SqlLexicon } from '../default/sql-tokens.js'
import { transactionControl } from '../default/transaction-control.js'
import type { TransactionControl } from '../dialect.js'

/**
 * MySQL's and MariaDB's lexical rules in the default sql_mode: `'…'` and
 * `"…"` are strings with backslash escapes, backticks quote names, `#` and
 * `-- ` start comments, and `/*! … *\/` is code the server runs.
 * https://dev.mysql.com/doc/refman/8.0/en/comments.html
 *
 * @example
 * mysqlLexicon.executableComments // true
 */
export const mysqlLexicon: SqlLexicon = {
  dollarQuotes: false,
  nestedComments: false,
  escapeStrings: false,
  backslashEscapes: true,
  hashComments: true,
  dashCommentNeedsSpace: true,
  executableComments: true,
  bracketIdentifiers: false,
}

const BODY_HOLDERS = new Set(['PROCEDURE', 'FUNCTION', 'TRIGGER', 'EVENT'])

/**
 * Routines, triggers and events hold `BEGIN … END` bodies, as does
 * MariaDB's anonymous block `BEGIN NOT ATOMIC … END`; their IF, LOOP,
 * WHILE and REPEAT blocks end with `END IF` and the like.
 *
 * @example
 * mysqlBodies.holdsBody(['CREATE', 'DEFINER', 'ROOT', '@LOCALHOST', 'PROCEDURE', 'P']) // true
 */
export const mysqlBodies: CompoundBodies = {
  holdsBody: (leading) => BODY_HOLDERS.has(createdKind(leading) ?? '') || isAnonymousBlock(leading),
  uncountedEnds: new Set(['IF', 'LOOP', 'WHILE', 'REPEAT']),
}

function isAnonymousBlock(words: readonly string[]): boolean {
  return words[0] === 'BEGIN' && words[1] === 'NOT' && words[2] === 'ATOMIC'
}

/** Words that, anywhere in an anonymous block the server runs at once, control its transaction. */
const BLOCK_CONTROL = new Set(['COMMIT', 'ROLLBACK', 'SAVEPOINT', 'RELEASE', 'XA', 'LOCK', 'UNLOCK', 'AUTOCOMMIT', 'COMPLETION_TYPE'])

/**
 * MySQL's and MariaDB's transaction statements: those every dialect
 * shares, `XA …`, `LOCK TABLES` and `UNLOCK TABLES` (which commit
 * implicitly and lock athanor's own tables out), `FLUSH TABLES … WITH READ
 * LOCK` or `FOR EXPORT`, and `SET completion_type` (which makes every later
 * COMMIT open a transaction or drop the connection). A routine's body is
 * only stored; MariaDB's `BEGIN NOT ATOMIC` block runs, so one that holds
 * any of these words is refused.
 * https://dev.mysql.com/doc/refman/8.0/en/sql-transactional-statements.html
 *
 * @example
 * mysqlTransactionControl.find('SET SESSION autocommit := OFF') // 'SET SESSION autocommit := OFF'
 * mysqlTransactionControl.find('CREATE PROCEDURE p() BEGIN START TRANSACTION; UPDATE t SET n = 1; COMMIT; END') // undefined
 */
export const mysqlTransactionControl: TransactionControl = {
  ...transactionControl(mysqlLexicon, mysqlBodies, {
    leading: new Set(['XA', 'LOCK', 'UNLOCK']),
    leadingPairs: new Set(),
    settings: new Set(['COMPLETION_TYPE']),
    decide: (words) => {
      if (isAnonymousBlock(words)) return words.some((word) => BLOCK_CONTROL.has(word)) || words.includes('START')
      if (words[0] === 'FLUSH') return words.includes('LOCK') || words.includes('EXPORT')
      return undefined
    },
    decideWords: ['BEGIN', 'FLUSH'],
  }),
  commitsFirst: (sql) => IMPLICIT_COMMIT.test(sql),
  mayBegin: (sql) => MAY_BEGIN.test(sql),
}

/**
 * What can run a START TRANSACTION that find does not see: a procedure
 * (CALL), a prepared or dynamic statement (EXECUTE, EXECUTE IMMEDIATE),
 * anywhere in the text, also in an anonymous block. Triggers and stored
 * functions cannot commit or begin a transaction
 * (https://mariadb.com/kb/en/stored-routine-limitations/). A mention in a
 * string or a comment only costs a savepoint.
 */
const MAY_BEGIN = /\b(?:CALL|EXECUTE)\b/i

/**
 * DDL, which commits the open transaction before it runs
 * (https://dev.mysql.com/doc/refman/8.0/en/implicit-commit.html,
 * https://mariadb.com/kb/en/sql-statements-that-cause-an-implicit-commit/),
 * leading the text: CREATE, ALTER, DROP, RENAME, TRUNCATE, but not CREATE
 * or DROP of a TEMPORARY table, nor DROP PREPARE. A text that opens with a
 * comment is not recognised, which only costs a transaction that ends
 * unused.
 */
const IMPLICIT_COMMIT = /^\s*(?:ALTER|RENAME|TRUNCATE|(?:CREATE|DROP)(?!\s+(?:OR\s+REPLACE\s+)?(?:TEMPORARY|PREPARE)\b))\s/i
