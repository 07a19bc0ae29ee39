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

/**
 * A unique constraint's options as asked ({@link uniqueDeferral}, and
 * PostgreSQL's NULLS NOT DISTINCT and INCLUDE), absent or empty ones left out.
 *
 * @example
 * uniqueTraits({ nullsNotDistinct: true, initiallyDeferred: true, include: [] }) // { nullsNotDistinct: true }
 */
export function uniqueTraits(asked: {
  readonly deferrable?: boolean | undefined
  readonly initiallyDeferred?: boolean | undefined
  readonly nullsNotDistinct?: boolean | undefined
  readonly include?: readonly string[] | undefined
}): Pick<UniqueConstraint, 'deferrable' | 'initiallyDeferred' | 'nullsNotDistinct' | 'include'> {
  return {
    ...uniqueDeferral(asked),
    ...(asked.nullsNotDistinct === true ? { nullsNotDistinct: true } : {}),
    ...(asked.include === undefined || asked.include.length === 0 ? {} : { include: asked.include }),
  }
}
