/**
 * Every failure a user can cause is an {@link AthanorError}: a stable `code`
 * for scripts and tests, and a message that is one line naming the revision,
 * file, table or option at fault. The CLI prints the message alone (the stack
 * only with `--verbose`) and exits with status 1.
 *
 * @example
 * try { graph.resolve('ae10') } catch (e) {
 *   if (e instanceof AthanorError && e.code === 'AMBIGUOUS_REVISION') console.error(e.message)
 * }
 */
const ERROR_BRAND = Symbol.for('athanor.error')

export class AthanorError extends Error {
  readonly code: string
  readonly [ERROR_BRAND] = true

  /**
   * Two copies of athanor can meet in one process (the CLI that runs, and the
   * one a project's scripts import): an error from either is an AthanorError.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== AthanorError) return Function.prototype[Symbol.hasInstance].call(this, value)
    return typeof value === 'object' && value !== null && (value as { [ERROR_BRAND]?: unknown })[ERROR_BRAND] === true
  }

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
    this.name = 'AthanorError'
  }
}

/** True when `error` is an athanor error, optionally with the given code. */
export function isAthanorError(error: unknown, code?: string): error is AthanorError {
  return error instanceof AthanorError && (code === undefined || error.code === code)
}
