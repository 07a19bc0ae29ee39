import { AthanorError } from '../core/errors.js'
import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { Table } from '../schema/types.js'

/**
 * Refuses a model table or column comment the database cannot keep as
 * written (`hooks.commentFault`: MySQL/MariaDB store a 4-byte character as
 * `?`). The migration would make it without an error, and `check` would then
 * find the comment changed every time, so `migrate` and `check` fail here,
 * naming the table and column.
 *
 * @example
 * import { dialectNamed } from '../dialect/registry.js'
 * refuseUnkeptComments([{ name: 't', columns: [], comment: '\u{1F4E6}' }], dialectNamed('mysql').diffHooks) // throws INVALID_MODEL
 */
export function refuseUnkeptComments(models: readonly Table[], hooks: DiffHooks): void {
  for (const table of models) {
    const commented = [
      { what: `table "${table.name}"`, comment: table.comment },
      ...table.columns.map((column) => ({ what: `column "${column.name}" of table "${table.name}"`, comment: column.comment })),
    ]
    for (const { what, comment } of commented) {
      const fault = comment === undefined ? undefined : hooks.commentFault(comment)
      if (fault !== undefined) throw new AthanorError('INVALID_MODEL', `the comment of ${what} ${fault}`)
    }
  }
}
