import { AthanorError } from '../core/errors.js'
import type { VersionRowChange } from './types.js'

/**
 * The version table as a list of rows, recording each change. A change the
 * table cannot take (a row deleted twice, a head inserted twice) means the
 * command does not fit the database's state, so it fails before anything
 * runs rather than mid-way.
 */
export class VersionTable {
  readonly rows: string[]
  readonly changes: VersionRowChange[] = []

  constructor(rows: readonly string[]) {
    this.rows = [...rows]
  }

  has(id: string): boolean {
    return this.rows.includes(id)
  }

  insert(id: string): void {
    if (this.has(id)) throw conflict(`insert ${id}, which is already a row`)
    this.rows.push(id)
    this.changes.push({ kind: 'insert', id })
  }

  delete(id: string): void {
    const i = this.rows.indexOf(id)
    if (i < 0) throw conflict(`delete ${id}, which is not a row`)
    this.rows.splice(i, 1)
    this.changes.push({ kind: 'delete', id })
  }

  update(from: string, to: string): void {
    const i = this.rows.indexOf(from)
    if (i < 0) throw conflict(`move ${from} to ${to}, but ${from} is not a row`)
    if (this.has(to)) throw conflict(`move ${from} to ${to}, but ${to} is already a row`)
    this.rows[i] = to
    this.changes.push({ kind: 'update', from, to })
  }

  /** Changes recorded since `mark` (a previous `changes.length`). */
  since(mark: number): VersionRowChange[] {
    return this.changes.slice(mark)
  }
}

function conflict(what: string): AthanorError {
  return new AthanorError('VERSION_TABLE_CONFLICT', `The version table cannot follow this command: it would ${what}`)
}

/**
 * Applies changes to a list of rows, as the runtime's SQL does.
 *
 * @example
 * applyVersionChanges(['a1'], [{ kind: 'update', from: 'a1', to: 'b2' }]) // ['b2']
 */
export function applyVersionChanges(rows: readonly string[], changes: readonly VersionRowChange[]): string[] {
  const t = new VersionTable(rows)
  for (const c of changes) {
    if (c.kind === 'insert') t.insert(c.id)
    else if (c.kind === 'delete') t.delete(c.id)
    else t.update(c.from, c.to)
  }
  return t.rows
}
