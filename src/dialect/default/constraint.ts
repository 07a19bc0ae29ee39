import { AthanorError } from '../../core/errors.js'
import type {
  CheckConstraint,
  ForeignKeyConstraint,
  PrimaryKeyConstraint,
  ReferentialAction,
  UniqueConstraint,
} from '../../schema/types.js'
import type { CompileContext } from './context.js'
import { indexColumns } from './index-columns.js'

const ACTIONS: ReadonlySet<string> = new Set<ReferentialAction>(['CASCADE', 'SET NULL', 'SET DEFAULT', 'RESTRICT', 'NO ACTION'])

/**
 * `CONSTRAINT "name" ` when the constraint is named, else nothing (the
 * database picks a name).
 *
 * @example
 * import type { CompileContext } from './context.js'
 * declare const ctx: CompileContext
 * constraintName('uq_email', ctx) // PostgreSQL: 'CONSTRAINT "uq_email" '
 */
export function constraintName(name: string | undefined, ctx: CompileContext): string {
  return name === undefined ? '' : `CONSTRAINT ${ctx.quoteIdentifier(name)} `
}

/**
 * A list of quoted column names in parentheses.
 *
 * @example
 * import type { CompileContext } from './context.js'
 * declare const ctx: CompileContext
 * columnList(['a', 'b'], ctx) // PostgreSQL: '("a", "b")'
 */
export function columnList(columns: readonly string[], ctx: CompileContext): string {
  if (columns.length === 0) throw new AthanorError('INVALID_CONSTRAINT', 'A constraint or index needs at least one column')
  return `(${columns.map((c) => ctx.quoteIdentifier(c)).join(', ')})`
}

/**
 * `[CONSTRAINT n] PRIMARY KEY (cols) [DEFERRABLE [INITIALLY DEFERRED]]`,
 * deferrable only where unique constraints may be (PostgreSQL).
 *
 * @example
 * import type { CompileContext } from './context.js'
 * declare const ctx: CompileContext
 * primaryKeyClause({ columns: ['a', 'b'] }, ctx) // PostgreSQL: 'PRIMARY KEY ("a", "b")'
 * primaryKeyClause({ columns: ['id'], include: ['title'] }, ctx) // PostgreSQL: 'PRIMARY KEY ("id") INCLUDE ("title")'
 */
export function primaryKeyClause(pk: PrimaryKeyConstraint, ctx: CompileContext): string {
  const keys = pk.prefixLengths === undefined ? columnList(pk.columns, ctx) : indexColumns({ name: pk.name ?? 'PRIMARY', ...pk }, ctx)
  const sql = `${constraintName(pk.name, ctx)}PRIMARY KEY ${keys}${includeClause(pk.include, ctx)}`
  if (pk.deferrable !== true) return sql
  if (!ctx.traits.deferrableUniques) {
    throw new AthanorError(
      'UNSUPPORTED_FEATURE',
      `primary key ${pk.name ?? `(${pk.columns.join(', ')})`}: ${ctx.dialect} has no deferrable keys; ` +
        `ask for deferrable only where op.dialect is not '${ctx.dialect}'`,
    )
  }
  return `${sql} DEFERRABLE${pk.initiallyDeferred === true ? ' INITIALLY DEFERRED' : ''}`
}

/**
 * A key's ` INCLUDE (cols)`. Carried columns only speed reads up: where the
 * database has no INCLUDE, the key is the same without them.
 */
function includeClause(include: readonly string[] | undefined, ctx: CompileContext): string {
  return include !== undefined && include.length > 0 && ctx.traits.indexInclude ? ` INCLUDE ${columnList(include, ctx)}` : ''
}

/**
 * `[CONSTRAINT n] UNIQUE [NULLS NOT DISTINCT] (cols) [INCLUDE (cols)] [DEFERRABLE [INITIALLY DEFERRED]]`. Only
 * PostgreSQL defers a unique check; elsewhere asking for it fails here,
 * naming the constraint, as a row-by-row check would break what the
 * deferral was for (swapping two rows' positions in one statement).
 *
 * @example
 * import type { CompileContext } from './context.js'
 * declare const ctx: CompileContext
 * uniqueClause({ columns: ['email'] }, ctx) // PostgreSQL: 'UNIQUE ("email")'
 * uniqueClause({ name: 'uq_slot', columns: ['pos'], deferrable: true }, ctx)
 * // PostgreSQL: 'CONSTRAINT "uq_slot" UNIQUE ("pos") DEFERRABLE'
 * uniqueClause({ columns: ['a', 'b'], nullsNotDistinct: true }, ctx) // PostgreSQL: 'UNIQUE NULLS NOT DISTINCT ("a", "b")'
 * uniqueClause({ columns: ['code'], include: ['title'] }, ctx) // PostgreSQL: 'UNIQUE ("code") INCLUDE ("title")'; MySQL: 'UNIQUE (`code`)'
 */
export function uniqueClause(uq: UniqueConstraint, ctx: CompileContext): string {
  const named = uq.name ?? `(${uq.columns.join(', ')})`
  if (uq.nullsNotDistinct === true && !ctx.traits.indexNullsNotDistinct) {
    throw new AthanorError('UNSUPPORTED_FEATURE', `unique constraint ${named}: ${ctx.dialect} has no NULLS NOT DISTINCT`)
  }
  const nulls = uq.nullsNotDistinct === true ? 'NULLS NOT DISTINCT ' : ''
  const sql = `${constraintName(uq.name, ctx)}UNIQUE ${nulls}${columnList(uq.columns, ctx)}${includeClause(uq.include, ctx)}`
  if (uq.deferrable !== true) return sql
  if (!ctx.traits.deferrableUniques) {
    throw new AthanorError(
      'UNSUPPORTED_FEATURE',
      `unique constraint ${named}: ${ctx.dialect} has no deferrable unique constraints; ` +
        `ask for deferrable only where op.dialect is not '${ctx.dialect}'`,
    )
  }
  return `${sql} DEFERRABLE${uq.initiallyDeferred === true ? ' INITIALLY DEFERRED' : ''}`
}

/**
 * `[CONSTRAINT n] CHECK (expr)`; the expression is SQL, written as given.
 *
 * @example
 * import type { CompileContext } from './context.js'
 * declare const ctx: CompileContext
 * checkClause({ expression: 'price > 0' }, ctx) // 'CHECK (price > 0)'
 */
export function checkClause(ck: CheckConstraint, ctx: CompileContext): string {
  if (ck.noInherit === true && ctx.dialect !== 'postgresql') {
    throw new AthanorError(
      'UNSUPPORTED_FEATURE',
      `check ${ck.name ?? ck.expression}: NO INHERIT is PostgreSQL's; ${ctx.dialect} has no inheritance`,
    )
  }
  return `${constraintName(ck.name, ctx)}CHECK (${ck.expression})${ck.noInherit === true ? ' NO INHERIT' : ''}`
}

/**
 * `[CONSTRAINT n] FOREIGN KEY (cols) REFERENCES t (cols) [ON DELETE a] [ON UPDATE a]`.
 * The actions come from a closed list and are checked, since a script written
 * in JavaScript is not held to the type. `guard` goes after FOREIGN KEY
 * (MariaDB's `IF NOT EXISTS `).
 *
 * @example
 * import type { CompileContext } from './context.js'
 * declare const ctx: CompileContext
 * foreignKeyClause({ columns: ['user_id'], referredTable: 'user', referredColumns: ['id'], onDelete: 'CASCADE' }, ctx)
 * // PostgreSQL: 'FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE'
 */
export function foreignKeyClause(fk: ForeignKeyConstraint, ctx: CompileContext, guard = ''): string {
  if (fk.columns.length !== fk.referredColumns.length) {
    throw new AthanorError(
      'INVALID_CONSTRAINT',
      `Foreign key ${fk.name ?? `(${fk.columns.join(', ')})`} has ${fk.columns.length} columns but refers to ${fk.referredColumns.length}`,
    )
  }
  const target = ctx.quoteReferredTable({
    table: fk.referredTable,
    ...(fk.referredSchema === undefined ? {} : { schema: fk.referredSchema }),
  })
  let sql =
    `${constraintName(fk.name, ctx)}FOREIGN KEY ${guard}${columnList(fk.columns, ctx)} ` +
    `REFERENCES ${target} ${columnList(fk.referredColumns, ctx)}`
  if (fk.matchFull === true) sql += ' MATCH FULL'
  if (fk.onDelete !== undefined) sql += ` ON DELETE ${action(fk.onDelete)}`
  if (fk.onUpdate !== undefined) sql += ` ON UPDATE ${action(fk.onUpdate)}`
  if (fk.deferrable === true) sql += deferrable(fk, ctx)
  return sql
}

/**
 * ` DEFERRABLE [INITIALLY DEFERRED]`. MySQL and MariaDB reject these words
 * with a syntax error, and SQLAlchemy writes them there all the same
 * (https://docs.sqlalchemy.org/en/14/dialects/mysql.html#foreign-key-arguments-to-avoid),
 * so an Alembic migration asking for it fails there too; athanor fails
 * before sending it, naming the key, rather than dropping what was asked.
 */
function deferrable(fk: ForeignKeyConstraint, ctx: CompileContext): string {
  if (!ctx.traits.deferrableForeignKeys) {
    throw new AthanorError(
      'UNSUPPORTED_FEATURE',
      `Foreign key ${fk.name ?? `(${fk.columns.join(', ')})`} to "${fk.referredTable}": ${ctx.dialect} has no deferrable foreign keys; ` +
        `ask for deferrable only where op.dialect is not '${ctx.dialect}'`,
    )
  }
  return ` DEFERRABLE${fk.initiallyDeferred === true ? ' INITIALLY DEFERRED' : ''}`
}

function action(value: string): string {
  if (!ACTIONS.has(value)) {
    throw new AthanorError(
      'INVALID_CONSTRAINT',
      `Unknown referential action ${JSON.stringify(value)}; expected one of ${[...ACTIONS].join(', ')}`,
    )
  }
  return value
}
