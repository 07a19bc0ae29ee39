import { AthanorError } from '../../../core/errors.js'
import type { Handler, Handlers } from '../../default/context.js'
import type { SequenceChanges } from '../../../schema/pg-objects.js'
import { refuseSequenceProblem } from '../../../schema/sequence-defaults.js'
import { sequenceValueClauses } from '../../default/sequence-clauses.js'

type SequenceKind = 'create_sequence' | 'alter_sequence' | 'rename_sequence' | 'drop_sequence' | 'advance_sequence'
type Context = Parameters<Handler<'create_sequence'>>[1]

const named = (ctx: Context, name: string, schema: string | undefined) =>
  ctx.quoteTable(schema === undefined ? { table: name } : { table: name, schema })

/**
 * What MariaDB's sequences cannot hold: a type other than bigint (`AS` is
 * MariaDB 11.5's) and an owner column (PostgreSQL's OWNED BY).
 */
function refuseUnheld(options: SequenceChanges, name: string): void {
  if (options.type !== undefined && options.type !== null && options.type !== 'bigint') {
    throw new AthanorError('UNSUPPORTED_OPERATION', `sequence ${name}: MariaDB counts a sequence in bigint only, not ${options.type}`)
  }
  if (options.ownedBy !== undefined && options.ownedBy !== null) {
    throw new AthanorError('UNSUPPORTED_OPERATION', `sequence ${name}: OWNED BY is PostgreSQL only; MariaDB has no owner column`)
  }
}

/**
 * The option clauses of MariaDB's CREATE/ALTER SEQUENCE
 * (https://mariadb.com/kb/en/create-sequence/); `null` is the option's
 * default. MariaDB writes NOCYCLE, and refuses PostgreSQL's NO CYCLE.
 */
function sequenceClauses(options: SequenceChanges): string[] {
  return [...sequenceValueClauses(options, 'NOCYCLE'), ...(options.restart === true ? ['RESTART'] : [])]
}

/**
 * MariaDB's (10.3+) statements for free-standing sequences. MySQL has none:
 * a model that declares one there is refused at migrate (see
 * mysqlSequencesRefused), and a script's statement by the server.
 *
 * @example
 * import type { CompileContext } from '../../default/context.js'
 * declare const ctx: CompileContext
 * mariadbSequenceHandlers.create_sequence({ kind: 'create_sequence', sequence: { name: 'n', start: 100, cycle: true } }, ctx)
 * // [{ sql: 'CREATE SEQUENCE `n` START WITH 100 CACHE 1 CYCLE' }]
 */
export const mariadbSequenceHandlers: { readonly [K in SequenceKind]: Handlers[K] } = {
  create_sequence: (op, ctx) => {
    const { sequence } = op
    refuseSequenceProblem(sequence, `sequence ${sequence.name}`)
    refuseUnheld(sequence, sequence.name)
    // A model's absent cache is 1, as on PostgreSQL; MariaDB's own default is 1000, so it is always written.
    const clauses = sequenceClauses({ ...sequence, cache: sequence.cache ?? 1 })
    return [{ sql: `CREATE SEQUENCE ${named(ctx, sequence.name, sequence.schema)} ${clauses.join(' ')}` }]
  },
  // The next value stays where it is (MariaDB drops the values cached in memory): only RESTART moves it.
  alter_sequence: (op, ctx) => {
    refuseUnheld(op.changes, op.name)
    const set = Object.fromEntries(Object.entries(op.changes).filter(([key, value]) => value !== null && key !== 'restart'))
    refuseSequenceProblem(set, `sequence ${op.name}`)
    const clauses = sequenceClauses(op.changes)
    return clauses.length === 0 ? [] : [{ sql: `ALTER SEQUENCE ${named(ctx, op.name, op.schema)} ${clauses.join(' ')}` }]
  },
  // A sequence is a table to MariaDB: RENAME TABLE moves it. The defaults drawing from it name it, and break.
  rename_sequence: (op, ctx) => [{ sql: `RENAME TABLE ${named(ctx, op.name, op.schema)} TO ${named(ctx, op.newName, op.schema)}` }],
  drop_sequence: (op, ctx) => [{ sql: `DROP SEQUENCE ${named(ctx, op.name, op.schema)}` }],
  advance_sequence: (op) => {
    throw new AthanorError(
      'UNSUPPORTED_OPERATION',
      `advance_sequence of sequence "${op.name}" is PostgreSQL only: on MariaDB, write SELECT SETVAL(…) with op.execute`,
    )
  },
}
