const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000 }

/**
 * Milliseconds of a duration as the config and the CLI write one: a number
 * of seconds, or a string with an optional unit (`'90s'`, `'5m'`, `'300ms'`);
 * `undefined` for anything else. Seconds are the unit because a
 * timeout a person types is seconds-sized.
 *
 * @example
 * durationMs(90)      // 90000
 * durationMs('2m')    // 120000
 * durationMs('300ms') // 300
 * durationMs('soon')  // undefined
 */
export function durationMs(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value * 1000) : undefined
  if (typeof value !== 'string') return undefined
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/.exec(value)
  return match ? Math.round(Number(match[1]) * UNITS[match[2] ?? 's']!) : undefined
}

/** What a duration option accepts, for its error message. */
export const DURATION_FORMS = "a number of seconds or a duration like '30s', '5m' or '300ms'"

/**
 * A duration as a person reads it, for messages.
 *
 * @example
 * formatDuration(300)    // '300 ms'
 * formatDuration(90_000) // '90 s'
 */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`
}
