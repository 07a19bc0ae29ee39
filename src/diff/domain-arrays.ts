import { commentOperation } from '../ops/comment-op.js'
import type { Operation } from '../ops/operation.js'
import { pgTypeName } from '../schema/pg-objects.js'
import type { Table } from '../schema/types.js'

/**
 * `ops` with each ALTER DOMAIN that adds a check, on a domain a column uses
 * as an array's element type, turned into a note for the author: PostgreSQL
 * refuses that check ("cannot alter type … because column … uses it"), and
 * the upgrade would stop there with the domain's old check already dropped.
 * The note says what to write: the column taken to the base type's array,
 * the domain changed, the column brought back (two table rewrites).
 *
 * @example
 * const tables = [{ name: 'u', columns: [{ name: 'scores', type: { kind: 'raw', sql: 'posint[]' } }] }] as const
 * const alter = { kind: 'alter_domain', name: 'posint', changes: { addChecks: [{ expression: 'VALUE > 1' }] } } as const
 * const ops = withDomainArraysNoted([alter], tables)
 * // [{ kind: 'execute', sql: '-- domain posint: its checks cannot change while u.scores, an array of it, exists …' }]
 */
export function withDomainArraysNoted(ops: readonly Operation[], tables: readonly Table[]): Operation[] {
  return ops.map((op) => {
    if (op.kind !== 'alter_domain' || (op.changes.addChecks ?? []).length === 0) return op
    const arrayType = `${pgTypeName(op.name, op.schema)}[]`
    const users = tables.flatMap((table) =>
      table.columns
        .filter((column) => column.type.kind === 'raw' && column.type.sql.replace(/(\[\])+$/, '[]') === arrayType)
        .map((column) => `${table.schema === undefined ? '' : `${table.schema}.`}${table.name}.${column.name}`),
    )
    if (users.length === 0) return op
    const name = op.schema === undefined ? op.name : `${op.schema}.${op.name}`
    return commentOperation(
      `domain ${name}: its checks cannot change while ${users.join(', ')}, an array of it, exists: PostgreSQL refuses ` +
        'ALTER DOMAIN … ADD CONSTRAINT there. Write it here by hand: ALTER each such column to the base type array, ' +
        'change the domain, and ALTER the columns back (each rewrites its table).',
    )
  })
}
