import { type OperatorGrammar, operatorLevels as levels } from '../expression-grouping.js'

/**
 * MariaDB's and MySQL's operator precedence (the manual's "Operator
 * Precedence"), without PIPES_AS_CONCAT or HIGH_NOT_PRECEDENCE: `OR` and
 * `||` loosest, `XOR`, `AND`, `NOT`, `BETWEEN`, comparisons with `IS`,
 * `LIKE` and `IN`, `|`, `&`, shifts, `+ -`, `* / DIV % MOD`, `^`, unary
 * minus and `~`, `!`, `COLLATE` tightest.
 */
export const MYSQL_OPERATORS: OperatorGrammar = {
  binary: levels({
    1: 'or ||',
    2: 'xor',
    3: 'and',
    5: 'between',
    6: '= <=> >= > <= < <> is like regexp rlike in',
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
  spellings: { '&&': ['and'] },
}
