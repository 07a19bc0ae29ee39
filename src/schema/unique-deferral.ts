import type { UniqueConstraint } from './types.js'

/**
 * A unique constraint's DEFERRABLE and INITIALLY DEFERRED as asked: the
 * latter counts only with the former, and absent flags are left out, as
 * introspection leaves them.
 *
 * @example
 * uniqueDeferral({ deferrable: true, initiallyDeferred: true }) // { deferrable: true, initiallyDeferred: true }
 * uniqueDeferral({ initiallyDeferred: true }) // {}
 */
export function uniqueDeferral(asked: {
  readonly deferrable?: boolean | undefined
  readonly initiallyDeferred?: boolean | undefined
}): Pick<UniqueConstraint, 'deferrable' | 'initiallyDeferred'> {
  if (asked.deferrable !== true) return {}
  return { deferrable: true, ...(asked.initiallyDeferred === true ? { initiallyDeferred: true } : {}) }
}
