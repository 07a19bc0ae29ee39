import { createHash } from 'node:crypto'
import type { Statement } from '../dialect/types.js'

/**
 * The journal's running hash after one more statement: the hash of the
 * previous one and of this statement's text and bound values. One fixed-size
 * value covers every statement so far, however many there are, and two runs
 * of a script agree on it exactly when they sent the same statements in the
 * same order.
 *
 * @example
 * const first = chainStatementHash('', { sql: 'CREATE TABLE t (id INT)' })
 * const second = chainStatementHash(first, { sql: 'INSERT INTO t VALUES (1)' })
 * second.length // 64
 */
export function chainStatementHash(previous: string, statement: Statement): string {
  const text = createHash('sha256').update(statement.sql)
  if (statement.params?.length) text.update('\0').update(JSON.stringify(statement.params, boundValue))
  return createHash('sha256').update(previous).update(text.digest('hex')).digest('hex')
}

/** Bound values as JSON: bigints and bytes have no JSON form of their own. */
function boundValue(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return `${value}n`
  if (value instanceof Uint8Array) return `0x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`
  return value
}
