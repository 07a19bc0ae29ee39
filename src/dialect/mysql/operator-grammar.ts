import { type OperatorGrammar, operatorLevels as levels } from '../expression-grouping.js'

/**
 * MariaDB's and MySQL's operator precedence as their parsers apply it,
 * without PIPES_AS_CONCAT or HIGH_NOT_PRECEDENCE: `OR` and `||` loosest,
 * `XOR`, `AND`, `NOT`, comparisons with `IS`, then `BETWEEN`, `LIKE`,
 * `REGEXP` and `IN`, `|`, `&`, shifts, `+ -`, `* / DIV % MOD`, `^`, unary
 * minus and `~`, `!`, `COLLATE` tightest. The manuals' table puts BETWEEN
 * below the comparisons, but the grammar makes `a = b BETWEEN 0 AND 1`
 * compare `a` with the BETWEEN (`SELECT 2 = 2 BETWEEN 1 AND 3` is 0), and
 * `LIKE`, `REGEXP` and `IN` bind the same way. The spellings are those
 * MariaDB stores in place of what was written: `&&` as AND, `%` as MOD, and
 * the synonyms of functions it prints by another name (`upper` as `ucase`,
 * `substring` and `mid` as `substr`, `length` as `octet_length`).
 */
export const MYSQL_OPERATORS: OperatorGrammar = {
  binary: levels({
    1: 'or ||',
    2: 'xor',
    3: 'and',
    5: '= <=> >= > <= < <> is',
    6: 'between like regexp rlike in',
    7: '|',
    8: '&',
    9: '<< >>',
    10: '+ -',
    11: '* / div % mod',
    12: '^',
    15: 'collate',
  }),
  prefix: levels({ 4: 'not', 13: '- ~ +', 14: '!' }),
  otherOperator: 6,
  spellings: {
    '&&': ['and'],
    '%': ['mod'],
    ucase: ['upper'],
    lcase: ['lower'],
    substr: ['substring'],
    mid: ['substring'],
    octet_length: ['length'],
  },
}
