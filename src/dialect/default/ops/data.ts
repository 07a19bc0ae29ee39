import { AthanorError } from '../../../core/errors.js'
import type { RowValue } from '../../../ops/operation.js'
import type { Statement } from '../../types.js'
import type { Handler } from '../context.js'

/** Most rows in one online INSERT, whatever the parameter limit allows. */
const MAX_ROWS_PER_STATEMENT = 1000

/**
 * SQLAlchemy's rule for a bind parameter in `text()`: a colon and a word,
 * not after another colon, a word character or a backslash, and not before
 * a colon (so PostgreSQL's `::int` casts and `12:30` stay as written).
 */
const NAMED_PARAMETER = /(?<![:\w\\]):(\w+)(?!:)/g

/**
 * `execute`: the SQL as given, in both modes. With `params`, each `:name`
 * becomes the dialect's placeholder and a bound value online, or the value's
 * literal offline; a name without a value is an error naming it.
 *
 * @example
 * import type { CompileContext } from '../context.js'
 * declare const ctx: CompileContext
 * execute({ kind: 'execute', sql: 'VACUUM' }, ctx) // [{ sql: 'VACUUM' }]
 * execute({ kind: 'execute', sql: 'DELETE FROM t WHERE id = :id', params: { id: 3 } }, ctx)
 * // PostgreSQL online: [{ sql: 'DELETE FROM t WHERE id = $1', params: [3] }]
 */
export const execute: Handler<'execute'> = (op, ctx) => {
  const given = op.params
  if (given === undefined) return [{ sql: op.sql }]
  const params: RowValue[] = []
  const sql = op.sql.replace(NAMED_PARAMETER, (_match, name: string) => {
    if (!Object.hasOwn(given, name))
      throw new AthanorError('INVALID_OPTION', `op.execute(): the SQL uses :${name}, which the parameters do not give`)
    const value = given[name] ?? null
    if (ctx.mode === 'offline') return ctx.renderLiteral(value)
    params.push(ctx.bindValue(value))
    return ctx.placeholder(params.length)
  })
  // SQLAlchemy's escape for a colon that is not a parameter.
  const unescaped = sql.replaceAll('\\:', ':')
  return [ctx.mode === 'offline' || params.length === 0 ? { sql: unescaped } : { sql: unescaped, params }]
}

/**
 * A `bulk_insert` handler. Offline: one INSERT per row with literal values,
 * as a reviewer would read them. Online: consecutive rows with the same
 * columns share a multi-row INSERT with bound parameters, split to stay under
 * the dialect's parameter limit. A row with no columns takes every default,
 * spelled by `emptyRow` (MySQL has no `DEFAULT VALUES`).
 *
 * @example
 * const bulkInsert = makeBulkInsert((table) => `INSERT INTO ${table} DEFAULT VALUES`)
 */
export function makeBulkInsert(emptyRow: (table: string) => string): Handler<'bulk_insert'> {
  return (op, ctx) => {
    const table = ctx.quoteTable(op)
    const out: Statement[] = []
    const head = (keys: readonly string[]): string => `INSERT INTO ${table} (${keys.map((k) => ctx.quoteIdentifier(k)).join(', ')}) VALUES `
    if (ctx.mode === 'offline') {
      for (const row of op.rows) {
        const keys = Object.keys(row)
        if (keys.length === 0) out.push({ sql: emptyRow(table) })
        else out.push({ sql: `${head(keys)}(${keys.map((k) => ctx.renderLiteral(row[k] ?? null)).join(', ')})` })
      }
      return out
    }
    let i = 0
    while (i < op.rows.length) {
      const keys = Object.keys(op.rows[i] ?? {})
      if (keys.length === 0) {
        out.push({ sql: emptyRow(table) })
        i += 1
        continue
      }
      const signature = keys.join('\0')
      const limit = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(ctx.traits.maxParams / keys.length)))
      const groups: string[] = []
      const params: RowValue[] = []
      while (i < op.rows.length && groups.length < limit) {
        const row = op.rows[i] ?? {}
        if (Object.keys(row).join('\0') !== signature) break
        const slots = keys.map((k) => {
          params.push(ctx.bindValue(row[k] ?? null))
          return ctx.placeholder(params.length)
        })
        groups.push(`(${slots.join(', ')})`)
        i += 1
      }
      out.push({ sql: head(keys) + groups.join(', '), params })
    }
    return out
  }
}

/**
 * `bulk_insert` with the SQL standard's `DEFAULT VALUES` for an empty row.
 *
 * @example
 * import type { CompileContext } from '../context.js'
 * declare const ctx: CompileContext
 * bulkInsert({ kind: 'bulk_insert', table: 't', rows: [{ a: 1 }] }, ctx)
 * // PostgreSQL offline: [{ sql: 'INSERT INTO "t" ("a") VALUES (1)' }]
 * // PostgreSQL online:  [{ sql: 'INSERT INTO "t" ("a") VALUES ($1)', params: [1] }]
 */
export const bulkInsert: Handler<'bulk_insert'> = makeBulkInsert((table) => `INSERT INTO ${table} DEFAULT VALUES`)
