import type { DatabaseConnection } from '../dialect/driver.js'

/** The statements of the current step, as seen by {@link logStatements}. */
export interface StatementLog {
  /** Statements started since the last reset (the last may have failed). */
  readonly count: number
  readonly last: string | undefined
  /** Whether the last statement ended in an error (a cancelled one did); false while it runs. */
  readonly lastFailed: boolean
  reset(): void
}

/**
 * Wraps a connection so that it remembers the statements of the current
 * step: when a step that cannot roll back fails, the user is told which
 * statement broke and how many before it took effect. A proxy rather than a
 * class, so the wrapper keeps every method the connection has.
 *
 * @example
 * import type { DatabaseConnection } from '../dialect/driver.js'
 * declare const connection: DatabaseConnection
 * const { connection: logged, log } = logStatements(connection)
 * await logged.execute({ sql: 'CREATE TABLE t (a INT)' })
 * log.count // 1
 * log.last // 'CREATE TABLE t (a INT)'
 */
export function logStatements(inner: DatabaseConnection): { connection: DatabaseConnection; log: StatementLog } {
  const state = { count: 0, last: undefined as string | undefined, lastFailed: false }
  const log: StatementLog = {
    get count() {
      return state.count
    },
    get last() {
      return state.last
    },
    get lastFailed() {
      return state.lastFailed
    },
    reset() {
      state.count = 0
      state.last = undefined
      state.lastFailed = false
    },
  }
  const note = <T>(sql: string, run: () => Promise<T>): Promise<T> => {
    state.count++
    state.last = sql
    state.lastFailed = false
    const index = state.count
    return run().catch((error: unknown) => {
      if (state.count === index) state.lastFailed = true
      throw error
    })
  }
  const connection = new Proxy(inner, {
    get(target, property) {
      if (property === 'execute') {
        return (statement: Parameters<DatabaseConnection['execute']>[0]) => note(statement.sql, () => target.execute(statement))
      }
      if (property === 'query') {
        return (sql: string, params?: Parameters<DatabaseConnection['query']>[1]) => note(sql, () => target.query(sql, params))
      }
      const value = Reflect.get(target, property, target) as unknown
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value
    },
  })
  return { connection, log }
}
