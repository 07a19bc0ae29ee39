import { type OperatorGrammar, operatorLevels as levels } from '../expression-grouping.js'

/**
 * SQLite's operator precedence (lang_expr.html): `OR` loosest, `AND`,
 * `NOT`, equality with `IS`, `IN`, `LIKE`, `GLOB`, `MATCH`, `REGEXP` and
 * `BETWEEN`, the orderings, `ESCAPE`, bit operators, `+ -`, `* / %`,
 * `|| -> ->>`, `COLLATE`, and the unary operators tightest.
 */
export const SQLITE_OPERATORS: OperatorGrammar = {
  binary: levels({
    1: 'or',
    2: 'and',
    4: '= == <> is in like glob match regexp between isnull notnull',
    5: '< > <= >=',
    6: 'escape',
    7: '& | << >>',
    8: '+ -',
    9: '* / %',
    10: '|| -> ->>',
    11: 'collate',
  }),
  prefix: levels({ 3: 'not', 12: '- + ~' }),
  otherOperator: 6,
}
