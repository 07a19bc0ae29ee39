// Copies of errors for the wrappers that must change an error's text but
// keep what it is: its class, code, fields and cause. A copy is a real Error
// (util.types.isNativeError holds) on the original's prototype, so
// `instanceof` on every class still works.

/** Replaces secrets in a text, e.g. `(text) => scrubSecrets(text, url)`. */
export type Scrub = (text: string) => string

/** Deeper than any real cause chain; past it nothing is kept. */
const MAX_DEPTH = 10
const DROPPED = Symbol('dropped')

interface Walk {
  readonly scrub: Scrub
  readonly seen: Map<object, unknown>
  changed: boolean
}

/**
 * A copy of `error` safe to show whoever holds the secrets `scrub` removes:
 * every string in it (message, stack, code, fields) scrubbed, the cause
 * chain and an AggregateError's `errors` copied the same way, and any
 * property holding something other than text, numbers, arrays, plain
 * objects or errors (a driver's client or socket, which may hold the
 * password) left out. The copy keeps the class and the fields. When
 * nothing needs to change the error itself is returned.
 *
 * @example
 * const error = new Error('password hunter2 rejected')
 * const safe = redactError(error, (text) => text.split('hunter2').join('***'))
 * safe.message // 'password *** rejected'
 */
export function redactError<T extends Error>(error: T, scrub: Scrub): T {
  const walk: Walk = { scrub, seen: new Map(), changed: false }
  const copy = copyError(error, walk, 0)
  return walk.changed ? (copy as T) : error
}

/**
 * The cause to keep for a foreign error (a driver's) once its text passed
 * through `scrub`: a redacted copy of an Error ({@link redactError}), the
 * scrubbed text of a string, and nothing for anything else.
 *
 * @example
 * declare const driverError: unknown // what the driver threw
 * const scrub = (text: string) => text.split('hunter2').join('***')
 * new AthanorError('DATABASE_ERROR', scrub('login failed: hunter2'), { cause: redactCause(driverError, scrub) })
 */
export function redactCause(value: unknown, scrub: Scrub): unknown {
  if (value instanceof Error) return redactError(value, scrub)
  return typeof value === 'string' ? scrub(value) : undefined
}

/**
 * The same error with another message: same class, code and fields, the
 * original's stack under the new first line, and the original as the cause.
 *
 * @example
 * const error = new LockTimeoutError('migration lock held for 30000 ms', { scope: 'main', timeoutMs: 30_000 })
 * const worded = rewordError(error, `database db2: ${error.message}`)
 * worded instanceof LockTimeoutError // true, with the same code and fields
 */
export function rewordError<T extends Error>(error: T, message: string): T {
  const copy = new Error(message, { cause: error })
  Object.setPrototypeOf(copy, Object.getPrototypeOf(error))
  for (const key of Reflect.ownKeys(error)) {
    if (key === 'message' || key === 'stack' || key === 'cause') continue
    Object.defineProperty(copy, key, Object.getOwnPropertyDescriptor(error, key)!)
  }
  const head = `${error.name}: ${error.message}`
  const stack =
    typeof error.stack === 'string' && error.stack.startsWith(head)
      ? `${error.name}: ${message}${error.stack.slice(head.length)}`
      : undefined
  if (stack !== undefined) Object.defineProperty(copy, 'stack', { value: stack, writable: true, enumerable: false, configurable: true })
  return copy as T
}

function copyError(error: Error, walk: Walk, depth: number): Error {
  const copy = new Error()
  walk.seen.set(error, copy)
  Object.setPrototypeOf(copy, Object.getPrototypeOf(error))
  delete (copy as { stack?: string }).stack
  for (const key of Reflect.ownKeys(error)) {
    const descriptor = Object.getOwnPropertyDescriptor(error, key)!
    let value: unknown
    try {
      value = 'value' in descriptor ? descriptor.value : Reflect.get(error, key)
    } catch {
      walk.changed = true
      continue
    }
    const redacted = redactValue(value, walk, depth + 1)
    if (redacted === DROPPED) {
      walk.changed = true
      continue
    }
    Object.defineProperty(copy, key, { value: redacted, writable: true, enumerable: descriptor.enumerable ?? false, configurable: true })
  }
  return copy
}

function redactValue(value: unknown, walk: Walk, depth: number): unknown {
  if (typeof value === 'string') {
    const scrubbed = walk.scrub(value)
    if (scrubbed !== value) walk.changed = true
    return scrubbed
  }
  if (typeof value === 'function' || typeof value === 'symbol') return DROPPED
  if (value === null || typeof value !== 'object') return value
  if (walk.seen.has(value)) return walk.seen.get(value)
  if (depth > MAX_DEPTH) return DROPPED
  if (value instanceof Error) return copyError(value, walk, depth)
  const prototype = Object.getPrototypeOf(value)
  if (Array.isArray(value)) {
    const copy: unknown[] = []
    walk.seen.set(value, copy)
    for (const item of value) {
      const redacted = redactValue(item, walk, depth + 1)
      if (redacted === DROPPED) walk.changed = true
      else copy.push(redacted)
    }
    return Object.isFrozen(value) ? Object.freeze(copy) : copy
  }
  if (prototype !== Object.prototype && prototype !== null) return DROPPED
  const copy: Record<string, unknown> = {}
  walk.seen.set(value, copy)
  for (const [key, item] of Object.entries(value)) {
    const redacted = redactValue(item, walk, depth + 1)
    if (redacted === DROPPED) walk.changed = true
    else copy[key] = redacted
  }
  return copy
}
