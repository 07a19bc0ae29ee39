/** Seconds, as libpq's and MySQL's `connect_timeout`; without a bound a dead host hangs for minutes. */
const DEFAULT_CONNECT_TIMEOUT_S = 10

/**
 * The connect timeout in milliseconds from a URL's `connect_timeout`
 * parameter (seconds, as libpq and the mysql client spell it), 10 s when absent.
 *
 * @example
 * connectTimeoutMs({ connect_timeout: '3' }) // 3000
 */
export function connectTimeoutMs(params: Readonly<Record<string, string>>): number {
  const seconds = Number(params['connect_timeout'] ?? DEFAULT_CONNECT_TIMEOUT_S)
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_CONNECT_TIMEOUT_S) * 1000
}
