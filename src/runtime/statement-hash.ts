import { hash } from 'node:crypto'
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
  // One-shot hashes of the joined texts: the same digests as hashing the parts one by one, without a Hash object
  // each (a journaled step hashes every statement it runs).
  const text = statement.params?.length ? `${statement.sql}\0${JSON.stringify(statement.params, boundValue)}` : statement.sql
  return hash('sha256', previous + hash('sha256', text, 'hex'), 'hex')
}

/** Bound values as JSON: bigints and bytes have no JSON form of their own. */
function boundValue(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return `${value}n`
  if (value instanceof Uint8Array) return `0x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`
  return value
}
