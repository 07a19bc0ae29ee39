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
export class AthanorError extends Error {
  readonly code: string

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
