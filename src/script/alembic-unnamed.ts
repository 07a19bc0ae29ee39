import type { Operation } from '../ops/operation.js'
import type { BodyStatement, TranslatedBody } from './alembic-statement.js'
import { UnsupportedPython } from './alembic-expr.js'

/**
 * The foreign keys a script creates without a name (`op.create_foreign_key(None, ...)`),
 * by table: the database names them (`t_col_fkey`, `t_ibfk_1`), so the
 * `op.drop_constraint(None, t, type_='foreignkey')` Alembic's autogenerate
 * writes into the other body can only mean the one of them on that table.
 */
export type UnnamedForeignKeys = ReadonlyMap<string, readonly (readonly string[])[]>

function opsOf(statements: readonly BodyStatement[]): Operation[] {
  return statements.flatMap((s) =>
    s.kind === 'op' ? [s.op, ...(s.op.kind === 'batch_alter_table' ? s.op.ops : [])] : [...opsOf(s.body), ...opsOf(s.otherwise)],
  )
}

/**
 * The unnamed foreign keys created by the translated bodies of a script.
 *
 * @example
 * const constraint = { columns: ['user_id'], referredTable: 'user', referredColumns: ['id'] }
 * const fk = { kind: 'create_foreign_key', table: 'post', constraint } as const
 * unnamedForeignKeys([{ kind: 'ops', statements: [{ kind: 'op', op: fk }] }]).get('post') // [['user_id']]
 */
export function unnamedForeignKeys(bodies: readonly (TranslatedBody | undefined)[]): UnnamedForeignKeys {
  const found = new Map<string, (readonly string[])[]>()
  for (const body of bodies) {
    if (body?.kind !== 'ops') continue
    for (const op of opsOf(body.statements)) {
      if (op.kind !== 'create_foreign_key' || op.constraint.name !== undefined) continue
      found.set(op.table, [...(found.get(op.table) ?? []), op.constraint.columns])
    }
  }
  return found
}

/**
 * A drop of an unnamed foreign key (`name: ''`, no columns) addressed by
 * the columns of the one unnamed foreign key the script creates on its
 * table; other operations are returned as they are.
 *
 * @example
 * const known = new Map([['post', [['user_id']]]])
 * addressUnnamed({ kind: 'drop_constraint', table: 'post', name: '', type: 'foreignkey' }, known)
 * // { kind: 'drop_constraint', table: 'post', name: '', type: 'foreignkey', columns: ['user_id'] }
 */
export function addressUnnamed<T extends Operation>(op: T, known: UnnamedForeignKeys): T {
  if (op.kind !== 'drop_constraint' || op.name !== '' || op.columns !== undefined) return op
  const candidates = known.get(op.table) ?? []
  if (op.type !== 'foreignkey' || candidates.length !== 1)
    throw new UnsupportedPython(
      `op.drop_constraint(None, '${op.table}') where the script does not create exactly one unnamed foreign key on '${op.table}'`,
    )
  return { ...op, columns: candidates[0]! }
}
