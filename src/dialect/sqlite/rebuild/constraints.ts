import { AthanorError } from '../../../core/errors.js'
import type { DropConstraintOp } from '../../../ops/operation.js'
import type { ColumnDefinition, TableConstraint, TableDefinition } from './definition.js'
import { conventionalName, type NamingConvention } from '../../../schema/naming-convention.js'
import { checkExpression, references } from './parse-create-table.js'
import { sqliteCheckKey } from '../check-key.js'
import { tokenize } from './tokenize.js'

/** A constraint wherever it was written: at table level, or as a clause of one column. */
export interface FoundConstraint {
  readonly kind: TableConstraint['kind']
  readonly name?: string
  readonly columns: readonly string[]
  readonly referredTable?: string
  /** A check's expression. */
  readonly expression?: string
  readonly at: { readonly table: number } | { readonly column: number; readonly clause: number }
}

const TYPE_KIND = { unique: 'unique', foreignkey: 'foreign', check: 'check', primary: 'primary' } as const

/** Every constraint of a definition, table- and column-level. */
function allConstraints(def: TableDefinition): FoundConstraint[] {
  const found: FoundConstraint[] = def.constraints.map((c, table) => ({
    kind: c.kind,
    ...(c.name === undefined ? {} : { name: c.name }),
    columns: c.columns,
    ...(c.referredTable === undefined ? {} : { referredTable: c.referredTable }),
    ...(c.expression === undefined ? {} : { expression: c.expression }),
    at: { table },
  }))
  def.columns.forEach((col: ColumnDefinition, column) => {
    col.clauses.forEach((clause, index) => {
      const kind = clause.kind === 'references' ? 'foreign' : clause.kind
      if (kind !== 'foreign' && kind !== 'unique' && kind !== 'check' && kind !== 'primary') return
      const referredTable = kind === 'foreign' ? references(tokenize(clause.text), 0).referredTable : undefined
      found.push({
        kind,
        ...(clause.name === undefined ? {} : { name: clause.name }),
        columns: kind === 'check' ? [] : [col.name],
        ...(referredTable === undefined ? {} : { referredTable }),
        ...(kind === 'check' ? { expression: checkExpression(clause.text) } : {}),
        at: { column, clause: index },
      })
    })
  })
  return found
}

/**
 * The foreign key of that name (SQLite compares names without case), table-
 * or column-level, if the table has one: a rebuild that adds a key of a name
 * the table already has would write it twice, as SQLite takes duplicate
 * names, where PostgreSQL and MySQL refuse the ADD.
 *
 * @example
 * import { parseCreateTable } from './parse-create-table.js'
 * const def = parseCreateTable('CREATE TABLE "p" ("o" INTEGER, CONSTRAINT "fk_o" FOREIGN KEY ("o") REFERENCES "u" ("id"))')
 * foreignKeyNamed(def, 'FK_O') // { kind: 'foreign', name: 'fk_o', columns: ['o'], referredTable: 'u', at: { table: 0 } }
 */
export function foreignKeyNamed(def: TableDefinition, name: string): FoundConstraint | undefined {
  return allConstraints(def).find((c) => c.kind === 'foreign' && c.name !== undefined && c.name.toLowerCase() === name.toLowerCase())
}

/**
 * The one constraint a `drop_constraint` means: by its name; else, for an
 * unnamed constraint, by the name the naming convention gives it; else by
 * its `columns`, or a check by its `expression` (compared as the differ
 * does). Of several matches an unnamed one is meant, as a name would have
 * been given for a named one. Anything but exactly one match is an error
 * naming the table and listing what is there.
 *
 * @example
 * import { DEFAULT_NAMING_CONVENTION } from '../../../schema/naming-convention.js'
 * import { parseCreateTable } from './parse-create-table.js'
 * const def = parseCreateTable('CREATE TABLE "order" ("id" INTEGER PRIMARY KEY, "user_id" INTEGER REFERENCES "user" ("id"))')
 * const drop: DropConstraintOp = { kind: 'drop_constraint', table: 'order', name: '', type: 'foreignkey', columns: ['user_id'] }
 * findConstraint(def, drop, DEFAULT_NAMING_CONVENTION)
 * // { kind: 'foreign', columns: ['user_id'], referredTable: 'user', at: { column: 1, clause: 0 } }
 */
export function findConstraint(def: TableDefinition, op: DropConstraintOp, convention: NamingConvention): FoundConstraint {
  const kind = op.type === undefined ? undefined : TYPE_KIND[op.type]
  const candidates = allConstraints(def).filter((c) => kind === undefined || c.kind === kind)
  const lower = (s: string) => s.toLowerCase()
  let matches: FoundConstraint[] = []
  if (op.name !== '') {
    matches = candidates.filter((c) => c.name !== undefined && lower(c.name) === lower(op.name))
    if (matches.length === 0) {
      matches = candidates.filter((c) => {
        if (c.name !== undefined) return false
        const name = conventionalName(
          { kind: c.kind, table: def.name, columns: c.columns, ...(c.referredTable ? { referredTable: c.referredTable } : {}) },
          convention,
        )
        return name !== undefined && lower(name) === lower(op.name)
      })
    }
  }
  if (op.columns !== undefined && (op.name === '' || matches.length === 0)) {
    const key = op.columns.map(lower).join('\u0000')
    matches = candidates.filter((c) => c.kind !== 'check' && c.columns.map(lower).join('\u0000') === key)
  }
  if (op.expression !== undefined && (op.name === '' || matches.length === 0)) {
    const key = sqliteCheckKey(op.expression)
    matches = candidates.filter((c) => c.expression !== undefined && sqliteCheckKey(c.expression) === key)
  }
  const unnamed = matches.filter((c) => c.name === undefined)
  if (op.name === '' && matches.length > 1 && unnamed.length > 0) matches = unnamed
  const what =
    op.name !== '' ? `"${op.name}"` : op.expression !== undefined ? `CHECK (${op.expression})` : `on (${(op.columns ?? []).join(', ')})`
  if (matches.length === 1) return matches[0]!
  const listing = candidates.map((c) => `${c.kind}${c.name ? ` "${c.name}"` : ''} (${c.columns.join(', ')})`).join(', ') || 'none'
  if (matches.length === 0) {
    throw new AthanorError(
      'SQLITE_NO_SUCH_CONSTRAINT',
      `table "${def.name}" has no ${op.type ?? ''} constraint ${what}; it has: ${listing}`.replace('  ', ' '),
    )
  }
  throw new AthanorError(
    'SQLITE_AMBIGUOUS_CONSTRAINT',
    `table "${def.name}" has ${matches.length} constraints ${what}; give its type or name`,
  )
}
