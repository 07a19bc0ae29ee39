import { AthanorError } from '../core/errors.js'
import type { Column, SequenceNumber, SequenceValues } from './types.js'

/** The integer types a PostgreSQL sequence counts in (`AS smallint`, …); a free-standing one is bigint unless told. */
export type SequenceType = 'smallint' | 'integer' | 'bigint'

/**
 * The bounds of each sequence type as PostgreSQL's catalog writes them, as
 * text: a bigint's are past what a JavaScript number holds exactly.
 */
const BOUNDS: Readonly<Record<SequenceType, { readonly smallest: string; readonly largest: string }>> = {
  smallint: { smallest: '-32768', largest: '32767' },
  integer: { smallest: '-2147483648', largest: '2147483647' },
  bigint: { smallest: '-9223372036854775808', largest: '9223372036854775807' },
}

/**
 * A start or bound read as text (a catalog's, a default's): a number where
 * one holds it exactly, else its digits.
 *
 * @example
 * sequenceNumber('1000') // 1000
 * sequenceNumber('9223372036854775806') // '9223372036854775806'
 */
export function sequenceNumber(text: string): SequenceNumber {
  const value = Number(text)
  return Number.isSafeInteger(value) ? value : text.trim()
}

/** A start or bound as a bigint, to compare exactly. */
const exact = (value: SequenceNumber): bigint => BigInt(value)

/**
 * The options PostgreSQL chooses for a sequence of `type` counting by
 * `increment` when none are given: 1 to the type's largest value going up,
 * its smallest to -1 going down, starting at the end it counts from.
 *
 * @example
 * sequenceDefaults('integer', 1) // { minValue: '1', maxValue: '2147483647', start: '1', cache: '1' }
 * sequenceDefaults('integer', -1).start // '-1'
 */
export function sequenceDefaults(
  type: SequenceType,
  increment: number,
): { minValue: string; maxValue: string; start: string; cache: string } {
  const ascending = increment > 0
  const minValue = ascending ? '1' : BOUNDS[type].smallest
  const maxValue = ascending ? BOUNDS[type].largest : '-1'
  return { minValue, maxValue, start: ascending ? minValue : maxValue, cache: '1' }
}

/**
 * `options` without those PostgreSQL would have chosen itself, so that a
 * model's `{ start: 1 }` and a catalog's sequence started at 1 compare equal.
 * A start is the default when it is the sequence's own lower (or, counting
 * down, upper) bound.
 *
 * @example
 * withoutSequenceDefaults({ start: 1, increment: 1, cache: 10, cycle: false }, 'integer') // { cache: 10 }
 * withoutSequenceDefaults({ minValue: 10, start: 10 }, 'integer') // { minValue: 10 }
 */
export function withoutSequenceDefaults(options: SequenceValues, type: SequenceType): SequenceValues {
  const increment = options.increment ?? 1
  const defaults = sequenceDefaults(type, increment)
  const minValue = options.minValue === undefined ? defaults.minValue : String(options.minValue)
  const maxValue = options.maxValue === undefined ? defaults.maxValue : String(options.maxValue)
  const startDefault = increment > 0 ? minValue : maxValue
  const kept: { -readonly [K in keyof SequenceValues]: SequenceValues[K] } = {}
  // In the order a person writes them: where it starts and by how much it counts first.
  if (options.start !== undefined && String(options.start) !== startDefault) kept.start = options.start
  if (increment !== 1) kept.increment = increment
  if (minValue !== defaults.minValue) kept.minValue = sequenceNumber(minValue)
  if (maxValue !== defaults.maxValue) kept.maxValue = sequenceNumber(maxValue)
  if (options.cache !== undefined && String(options.cache) !== defaults.cache) kept.cache = options.cache
  if (options.cycle === true) kept.cycle = true
  return kept
}

/**
 * Whether `text` (a catalog's `format_type` of a sequence) is one of the sequence types.
 *
 * @example
 * isSequenceType('integer') // true
 * isSequenceType('numeric') // false
 */
export function isSequenceType(text: string): text is SequenceType {
  return text === 'smallint' || text === 'integer' || text === 'bigint'
}

/**
 * The type of the sequence SMALLSERIAL, SERIAL or BIGSERIAL makes for a column.
 *
 * @example
 * serialSequenceType({ name: 'id', type: { kind: 'bigint' } }) // 'bigint'
 */
export function serialSequenceType(column: Column): SequenceType {
  const kind = column.type.kind
  return kind === 'bigint' ? 'bigint' : kind === 'smallint' || kind === 'tinyint' ? 'smallint' : 'integer'
}

/** A sequence's options, in the order ALTER SEQUENCE writes them. */
export const SEQUENCE_VALUE_KEYS = ['increment', 'minValue', 'maxValue', 'start', 'cache', 'cycle'] as const

/** Every option of a sequence written out; a bound at its default for the direction is `null` (NO MINVALUE, NO MAXVALUE). */
export interface FullSequenceValues {
  readonly increment: number
  readonly start: SequenceNumber
  readonly minValue: SequenceNumber | null
  readonly maxValue: SequenceNumber | null
  readonly cache: number
  readonly cycle: boolean
}

/**
 * A sequence's options with PostgreSQL's defaults filled in, so two sets
 * compare key by key: what `ALTER SEQUENCE` or `ALTER COLUMN … SET` needs
 * to put one back exactly (a start back at the default is `START WITH 1`,
 * which no NO-form says).
 *
 * @example
 * fullSequenceValues({ cache: 10 }, 'integer') // { increment: 1, start: 1, minValue: null, maxValue: null, cache: 10, cycle: false }
 * fullSequenceValues({ minValue: 10 }, 'integer').start // 10
 */
export function fullSequenceValues(given: SequenceValues, type: SequenceType): FullSequenceValues {
  const options = withoutSequenceDefaults(given, type)
  const increment = options.increment ?? 1
  const defaults = sequenceDefaults(type, increment)
  const lowest = options.minValue ?? sequenceNumber(defaults.minValue)
  const highest = options.maxValue ?? sequenceNumber(defaults.maxValue)
  return {
    increment,
    start: options.start ?? (increment > 0 ? lowest : highest),
    minValue: options.minValue ?? null,
    maxValue: options.maxValue ?? null,
    cache: options.cache ?? 1,
    cycle: options.cycle === true,
  }
}

/**
 * An identity column's options with PostgreSQL's defaults filled in (its
 * sequence counts in the column's type); undefined for a column that is not
 * numbered by an identity.
 *
 * @example
 * fullIdentityValues({ name: 'id', type: { kind: 'integer' }, autoincrement: true, numbering: { kind: 'identity', always: true } })
 * // { always: true, increment: 1, start: 1, minValue: null, maxValue: null, cache: 1, cycle: false }
 */
export function fullIdentityValues(column: Column): ({ readonly always: boolean } & FullSequenceValues) | undefined {
  if (column.autoincrement !== true) return undefined
  const numbering = column.numbering ?? { kind: 'identity' as const }
  if (numbering.kind !== 'identity') return undefined
  const { kind: _kind, always, ...values } = numbering
  return { always: always === true, ...fullSequenceValues(values, serialSequenceType(column)) }
}

/**
 * What PostgreSQL would refuse in a sequence's options, said in a few
 * words, or undefined: a value that is not a whole number, an increment of
 * 0, a cache below 1, a lower bound above the upper, a start outside them.
 * A model or script that asks for one fails where it is compiled, not when
 * its statement reaches the server.
 *
 * @example
 * sequenceProblem({ increment: 0 }) // 'increment 0: a sequence must count by a whole number other than 0'
 * sequenceProblem({ start: 5, minValue: 10 }) // 'start 5 is outside the bounds 10 to …'
 * sequenceProblem({ start: 100, cache: 10 }) // undefined
 */
export function sequenceProblem(values: SequenceValues): string | undefined {
  for (const key of ['start', 'increment', 'minValue', 'maxValue', 'cache'] as const) {
    const value = values[key]
    const whole = typeof value === 'string' ? /^[+-]?\d+$/.test(value.trim()) : Number.isInteger(value)
    if (value !== undefined && value !== null && !whole) return `${key} ${String(value)} is not a whole number`
  }
  if (values.increment === 0) return 'increment 0: a sequence must count by a whole number other than 0'
  if (values.cache !== undefined && values.cache < 1) return `cache ${values.cache}: it must be at least 1`
  const { minValue, maxValue, start } = values
  if (minValue !== undefined && maxValue !== undefined && exact(minValue) >= exact(maxValue)) {
    return `minValue ${minValue} is not below maxValue ${maxValue}`
  }
  const below = start !== undefined && minValue !== undefined && exact(start) < exact(minValue)
  const above = start !== undefined && maxValue !== undefined && exact(start) > exact(maxValue)
  if (below || above) return `start ${start} is outside the bounds ${minValue ?? '…'} to ${maxValue ?? '…'}`
  return undefined
}

/**
 * Throws INVALID_MODEL naming `owner` when a bound or the start of a
 * sequence lies outside the range of the type it counts in, which
 * PostgreSQL refuses ("MAXVALUE (100000) is out of range for sequence data type smallint").
 *
 * @example
 * refuseOutsideType({ type: 'smallint', maxValue: 100000 }, 'sequence n')
 * // throws: sequence n: maxValue 100000 is outside smallint (-32768 to 32767)
 */
export function refuseOutsideType(values: SequenceValues & { readonly type?: SequenceType }, owner: string): void {
  const type = values.type ?? 'bigint'
  const { smallest, largest } = BOUNDS[type]
  for (const key of ['minValue', 'maxValue', 'start'] as const) {
    const value = values[key]
    if (value !== undefined && (exact(value) < BigInt(smallest) || exact(value) > BigInt(largest))) {
      throw new AthanorError('INVALID_MODEL', `${owner}: ${key} ${value} is outside ${type} (${smallest} to ${largest})`)
    }
  }
}

/**
 * Throws INVALID_MODEL naming `owner` when PostgreSQL would refuse the
 * sequence's options (see {@link sequenceProblem}).
 *
 * @example
 * refuseSequenceProblem({ increment: 0 }, 'sequence order_no') // throws: sequence order_no: increment 0: …
 */
export function refuseSequenceProblem(values: SequenceValues, owner: string): void {
  const problem = sequenceProblem(values)
  if (problem !== undefined) throw new AthanorError('INVALID_MODEL', `${owner}: ${problem}`)
}

/**
 * Whether a sequence counting by `from` turns to count the other way by
 * `to` (absent: 1). ALTER SEQUENCE keeps the old bounds and start, which the
 * new direction's defaults do not fit, and the current value lies outside
 * the new bounds: such a change restates them ({@link RESTATED_ON_TURN}) and restarts.
 *
 * @example
 * turnsDirection(1, -1) // true
 * turnsDirection(undefined, 5) // false
 */
export function turnsDirection(from: number | undefined, to: number | undefined): boolean {
  return Math.sign(from ?? 1) !== Math.sign(to ?? 1)
}

/** The options a sequence that turns direction restates, even where they are unchanged (see {@link turnsDirection}). */
export const RESTATED_ON_TURN: ReadonlySet<string> = new Set(['minValue', 'maxValue', 'start'])
