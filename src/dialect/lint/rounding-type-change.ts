import type { ColumnType } from '../../schema/types.js'
import type { LintRule, RuleHit } from './types.js'

/**
 * `rounding-type-change`: a column narrowed to fewer decimal places,
 * significant digits or fractional-second digits, or a timestamp made a
 * date or a time, which the database rounds (or cuts) the values
 * it holds to, without an error; `roundedDigits` is the dialect's judge (see
 * DiffHooks.roundedDigits). One finding per change, on its first statement;
 * a change whose script does not say the type before cannot be told.
 *
 * @example
 * import { mysqlRoundedDigits } from '../mysql/rounding.js'
 * roundingTypeChange(mysqlRoundedDigits).code // 'rounding-type-change'
 */
export function roundingTypeChange(roundedDigits: (from: ColumnType, to: ColumnType) => string | undefined): LintRule {
  return {
    code: 'rounding-type-change',
    severity: 'warning',
    what:
      'a column narrowed to fewer decimal places, significant or fractional-second digits, or a timestamp to a date: ' +
      'its values are rounded',
    check(migration) {
      const hits: RuleHit[] = []
      const seen = new Set<unknown>()
      for (const statement of migration.statements) {
        const op = statement.op
        if (op.kind !== 'alter_column' || op.changes.type === undefined || op.existing === undefined || seen.has(op)) continue
        seen.add(op)
        const digits = roundedDigits(op.existing.type, op.changes.type)
        if (digits === undefined || migration.createdTables.has(op.table.toLowerCase())) continue
        hits.push({
          statement,
          table: op.table,
          why: `narrows column "${op.column}" from ${digits}: the values it holds are rounded (or cut) to fit, without an error`,
          fix: 'check the values first, or keep the digits; a downgrade widens the column but cannot bring the digits back',
        })
      }
      return hits
    },
  }
}
