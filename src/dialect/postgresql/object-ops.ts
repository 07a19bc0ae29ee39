import type { Handler, Handlers } from '../default/context.js'
import { type SequenceChanges, sequenceAfter } from '../../schema/pg-objects.js'
import { refuseOutsideType, refuseSequenceProblem } from '../../schema/sequence-defaults.js'
import { sequenceValueClauses } from '../default/sequence-clauses.js'

type ObjectKind =
  | 'create_schema'
  | 'drop_schema'
  | 'create_enum'
  | 'drop_enum'
  | 'add_enum_value'
  | 'create_extension'
  | 'drop_extension'
  | 'alter_extension'
  | 'set_table_schema'
type SequenceKind = 'create_sequence' | 'alter_sequence' | 'rename_sequence' | 'drop_sequence' | 'advance_sequence'

const qualified = (ctx: Parameters<Handler<'drop_enum'>>[1], name: string, schema: string | undefined) =>
  ctx.quoteTable(schema === undefined ? { table: name } : { table: name, schema })

/** The option clauses of CREATE/ALTER SEQUENCE, in the manual's order; `null` is the option's default. */
function sequenceClauses(options: SequenceChanges, ctx: Parameters<Handler<'create_sequence'>>[1]): string {
  const clauses: string[] = []
  // First, as ALTER SEQUENCE takes it; PostgreSQL moves bounds at the old type's limits to the new type's.
  if (options.type !== undefined) clauses.push(`AS ${options.type ?? 'bigint'}`)
  clauses.push(...sequenceValueClauses(options, 'NO CYCLE'))
  if (options.ownedBy !== undefined) {
    const owner = options.ownedBy === null ? 'NONE' : options.ownedBy.split('.').map(ctx.quoteIdentifier).join('.')
    clauses.push(`OWNED BY ${owner}`)
  }
  if (options.restart === true) clauses.push('RESTART')
  return clauses.length === 0 ? '' : ` ${clauses.join(' ')}`
}

/**
 * PostgreSQL's statements for schemas, enum types, extensions and sequences.
 *
 * @example
 * import type { CompileContext } from '../default/context.js'
 * declare const ctx: CompileContext
 * postgresObjectHandlers.add_enum_value({ kind: 'add_enum_value', name: 'mood', value: 'ok', before: 'happy' }, ctx)
 * // [{ sql: `ALTER TYPE "mood" ADD VALUE IF NOT EXISTS 'ok' BEFORE 'happy'` }]
 */
export const postgresObjectHandlers: { readonly [K in ObjectKind | SequenceKind]: Handlers[K] } = {
  create_schema: (op, ctx) => [{ sql: `CREATE SCHEMA ${op.ifNotExists === true ? 'IF NOT EXISTS ' : ''}${ctx.quoteIdentifier(op.name)}` }],
  // Never CASCADE: what else lives in the schema (made by hand, or by another tool) makes the drop fail, not vanish.
  drop_schema: (op, ctx) => [{ sql: `DROP SCHEMA ${op.ifExists === true ? 'IF EXISTS ' : ''}${ctx.quoteIdentifier(op.name)}` }],
  create_enum: (op, ctx) => [
    {
      sql:
        `CREATE TYPE ${qualified(ctx, op.type.name, op.type.schema)} ` +
        `AS ENUM (${op.type.values.map((v) => ctx.renderLiteral(v)).join(', ')})`,
    },
  ],
  drop_enum: (op, ctx) => [{ sql: `DROP TYPE ${qualified(ctx, op.name, op.schema)}` }],
  // The indexes, constraints and owned sequences go along; views and foreign keys follow the table's OID.
  set_table_schema: (op, ctx) => [
    { sql: `ALTER TABLE ${qualified(ctx, op.table, op.schema)} SET SCHEMA ${ctx.quoteIdentifier(op.newSchema)}` },
  ],
  // Not inside a transaction block before PostgreSQL 12; from 12 on it is,
  // but the new label cannot be used until the transaction commits
  // (https://www.postgresql.org/docs/current/sql-altertype.html#id-1.9.3.42.7).
  add_enum_value: (op, ctx) => {
    const where =
      op.before !== undefined
        ? ` BEFORE ${ctx.renderLiteral(op.before)}`
        : op.after !== undefined
          ? ` AFTER ${ctx.renderLiteral(op.after)}`
          : ''
    return [{ sql: `ALTER TYPE ${qualified(ctx, op.name, op.schema)} ADD VALUE IF NOT EXISTS ${ctx.renderLiteral(op.value)}${where}` }]
  },
  create_extension: (op, ctx) => [
    {
      sql:
        `CREATE EXTENSION IF NOT EXISTS ${ctx.quoteIdentifier(op.extension.name)}` +
        `${op.extension.schema === undefined ? '' : ` SCHEMA ${ctx.quoteIdentifier(op.extension.schema)}`}`,
    },
  ],
  drop_extension: (op, ctx) => [{ sql: `DROP EXTENSION IF EXISTS ${ctx.quoteIdentifier(op.name)}` }],
  alter_extension: (op, ctx) => [{ sql: `ALTER EXTENSION ${ctx.quoteIdentifier(op.name)} SET SCHEMA ${ctx.quoteIdentifier(op.schema)}` }],
  create_sequence: (op, ctx) => {
    refuseSequenceProblem(op.sequence, `sequence ${op.sequence.name}`)
    refuseOutsideType(op.sequence, `sequence ${op.sequence.name}`)
    return [{ sql: `CREATE SEQUENCE ${qualified(ctx, op.sequence.name, op.sequence.schema)}${sequenceClauses(op.sequence, ctx)}` }]
  },
  alter_sequence: (op, ctx) => {
    const set = Object.fromEntries(
      Object.entries(op.changes).filter(([key, value]) => value !== null && key !== 'ownedBy' && key !== 'restart'),
    )
    refuseSequenceProblem(set, `sequence ${op.name}`)
    if (op.existing !== undefined) refuseOutsideType(sequenceAfter(op.existing, op.changes), `sequence ${op.name}`)
    const clauses = sequenceClauses(op.changes, ctx)
    return clauses === '' ? [] : [{ sql: `ALTER SEQUENCE ${qualified(ctx, op.name, op.schema)}${clauses}` }]
  },
  // The defaults that call nextval() on it follow: they hold the sequence's OID, not its name.
  rename_sequence: (op, ctx) => [
    { sql: `ALTER SEQUENCE ${qualified(ctx, op.name, op.schema)} RENAME TO ${ctx.quoteIdentifier(op.newName)}` },
  ],
  drop_sequence: (op, ctx) => [{ sql: `DROP SEQUENCE ${qualified(ctx, op.name, op.schema)}` }],
  advance_sequence: (op, ctx) => [{ sql: advanceSequenceSql(op, ctx) }],
}

/**
 * One SELECT that moves the sequence past its columns' values: `setval` to
 * the largest (counting down: the smallest) when that is not behind where
 * the sequence stands, nor outside its bounds (`setval` would refuse it, and
 * `nextval` fails there anyway). Reads the direction and bounds from
 * pg_sequence, so a hand-written call needs no options. Integral values only:
 * the extreme is cast to bigint.
 */
function advanceSequenceSql(...[op, ctx]: Parameters<Handler<'advance_sequence'>>): string {
  const sequence = qualified(ctx, op.name, op.schema)
  const extremes = (fn: 'max' | 'min') =>
    op.columns.map((c) => `(SELECT ${fn}(${ctx.quoteIdentifier(c.column)}) FROM ${qualified(ctx, c.table, c.schema)})`).join(', ')
  const up = 's.seqincrement > 0'
  return (
    `SELECT setval(s.seqrelid, v.m) FROM pg_sequence AS s, ${sequence} AS cur, ` +
    `LATERAL (SELECT (CASE WHEN ${up} THEN greatest(${extremes('max')}) ELSE least(${extremes('min')}) END)::bigint AS m) AS v ` +
    `WHERE s.seqrelid = ${ctx.renderLiteral(sequence)}::regclass AND v.m BETWEEN s.seqmin AND s.seqmax ` +
    `AND CASE WHEN ${up} THEN v.m >= cur.last_value ELSE v.m <= cur.last_value END`
  )
}
