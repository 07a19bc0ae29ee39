import { type OperatorGrammar, operatorLevels as levels } from '../expression-grouping.js'

/**
 * PostgreSQL's operator precedence, from the manual's table (4.1.6): `OR`
 * loosest, then `AND`, `NOT`, `IS`, comparisons, `BETWEEN IN LIKE ILIKE
 * SIMILAR`, any other operator, `+ -`, `* / %`, `^`, `AT`, `COLLATE`, and
 * unary minus tightest.
 */
export const POSTGRESQL_OPERATORS: OperatorGrammar = {
  binary: levels({
    1: 'or',
    2: 'and',
    4: 'is isnull notnull',
    5: '= < > <= >= <>',
    6: 'between in like ilike similar',
    8: '+ -',
    9: '* / %',
    10: '^',
    11: 'at',
    12: 'collate',
  }),
  prefix: levels({ 3: 'not', 13: '+ -' }),
  otherOperator: 7,
  spellings: { '!~~*': ['not', 'ilike'], '~~*': ['ilike'], '!~~': ['not', 'like'], '~~': ['like'] },
}
