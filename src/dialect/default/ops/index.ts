import { AthanorError } from '../../../core/errors.js'
import type { Index } from '../../../schema/types.js'
import type { TableRef } from '../../../ops/operation.js'
import { indexInclude, indexKindWord, indexNullsNotDistinct, indexStorage, indexVisibility } from '../index-clauses.js'
import { indexColumns, indexExpressions } from '../index-columns.js'
import type { CompileContext, Handler } from '../context.js'

/**
 * The parenthesised key list of an index: quoted names, or expressions each
 * in its own parentheses (required by MySQL's functional key parts, harmless
 * elsewhere). Refuses what the dialect cannot index.
 *
 * @example
 * import type { CompileContext } from '../context.js'
 * declare const ctx: CompileContext
 * createIndexSql('"ix"', '"t"', { name: 'ix', columns: ['lower(email)'], expressions: true }, { table: 't' }, ctx)
 * // 'CREATE INDEX "ix" ON "t" ((lower(email)))': the keys are '((lower(email)))'
 */
function indexKeys(index: Index, table: TableRef, ctx: CompileContext): string {
  if (index.where !== undefined && !ctx.traits.partialIndexes) {
    throw new AthanorError(
      'UNSUPPORTED_FEATURE',
      `Index "${index.name}" on table "${table.table}": ${ctx.dialect} has no partial indexes (WHERE)`,
    )
  }
  if (index.expressions !== true) return indexColumns(index, ctx)
  if (!ctx.traits.expressionIndexes) {
    throw new AthanorError(
      'UNSUPPORTED_FEATURE',
      `Index "${index.name}" on table "${table.table}": ${ctx.dialect} has no expression indexes`,
    )
  }
  return indexExpressions(index, ctx)
}

/** The access method as a bare word: it is spliced into the statement, so nothing else gets through. */
function accessMethod(index: Index): string {
  if (!/^[a-z_][a-z0-9_]*$/i.test(index.using!)) {
    throw new AthanorError('INVALID_CONSTRAINT', `Index "${index.name}": using ${JSON.stringify(index.using)} is not an access method name`)
  }
  return index.using!.toLowerCase()
}

/**
 * `CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX <name> ON <table> [USING <method>] (<keys>)
 * [INCLUDE (<columns>)] [NULLS NOT DISTINCT] [WITH (<storage>)] [WHERE <predicate>]`,
 * with the index name and table as the dialect writes them.
 *
 * @example
 * import type { CompileContext } from '../context.js'
 * declare const ctx: CompileContext
 * createIndexSql('"ix"', '"t"', { name: 'ix', columns: ['a'], where: 'a > 0' }, { table: 't' }, ctx)
 * // PostgreSQL: 'CREATE INDEX "ix" ON "t" ("a") WHERE a > 0'
 */
export function createIndexSql(
  name: string,
  table: string,
  index: Index,
  ref: TableRef & { readonly ifNotExists?: boolean },
  ctx: CompileContext,
): string {
  const where = index.where === undefined ? '' : ` WHERE ${index.where}`
  const using = index.using === undefined || !ctx.traits.indexMethods ? '' : `USING ${accessMethod(index)} `
  const guard = ref.ifNotExists === true ? 'IF NOT EXISTS ' : ''
  const keys = `${indexKeys(index, ref, ctx)}${indexInclude(index, ctx)}${indexNullsNotDistinct(index, ctx)}${indexStorage(index, ctx)}`
  return `CREATE ${indexKindWord(index, ctx)}INDEX ${guard}${name} ON ${table} ${using}${keys}${where}${indexVisibility(index, ctx)}`
}

/**
 * `CREATE INDEX "ix" ON "s"."t" (...)`: PostgreSQL puts the index in the
 * table's schema and refuses a qualified index name.
 *
 * @example
 * import type { CompileContext } from '../context.js'
 * declare const ctx: CompileContext
 * createIndex({ kind: 'create_index', table: 't', index: { name: 'ix', columns: ['a'] } }, ctx)
 * // PostgreSQL: [{ sql: 'CREATE INDEX "ix" ON "t" ("a")' }]
 */
export const createIndex: Handler<'create_index'> = (op, ctx) => [
  { sql: createIndexSql(ctx.quoteIdentifier(op.index.name), ctx.quoteTable(op), op.index, op, ctx) },
]

/**
 * `DROP INDEX "s"."ix"`: indexes are schema objects, named with the table's schema.
 *
 * @example
 * import type { CompileContext } from '../context.js'
 * declare const ctx: CompileContext
 * dropIndex({ kind: 'drop_index', table: 't', schema: 's', name: 'ix' }, ctx)
 * // PostgreSQL: [{ sql: 'DROP INDEX "s"."ix"' }]
 */
export const dropIndex: Handler<'drop_index'> = (op, ctx) => {
  const name = ctx.quoteTable({ table: op.name, ...(op.schema === undefined ? {} : { schema: op.schema }) })
  return [{ sql: `DROP INDEX ${op.ifExists === true ? 'IF EXISTS ' : ''}${name}` }]
}
