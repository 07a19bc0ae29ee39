import type { CompileContext } from '../../default/context.js'
import type { RebuildTarget } from './apply-changes.js'
import { hasRowidAlias, renderDefinition } from './render-definition.js'
import type { TableSnapshot } from './read-table.js'

/** One step of a rebuild: a statement, or the row copy (which may run in chunks). */
export type SwapStep =
  | { readonly kind: 'sql'; readonly sql: string }
  | {
      readonly kind: 'copy'
      readonly into: string
      readonly from: string
      /** Target columns and the source expressions that fill them, in order. */
      readonly columns: readonly string[]
      readonly sources: readonly string[]
    }
  /** A check that fails the script with `message` when `condition` is false (offline scripts). */
  | { readonly kind: 'assert'; readonly condition: string; readonly message: string }

/** How the old table is replaced. */
export interface SwapOptions {
  /**
   * `direct`: SQLite's 12 steps (new table, copy, drop, rename). `hold`:
   * rows parked in a TEMP table, the old table dropped, the new one created
   * under the real name and filled. `hold` is for a table other tables
   * refer to while foreign keys may be enforced: inside a transaction PRAGMA
   * foreign_keys cannot be turned off (https://sqlite.org/pragma.html#pragma_foreign_keys),
   * DROP TABLE then counts every child row as a deferred violation
   * (https://sqlite.org/foreignkeys.html#fk_schemacommands), and only rows
   * inserted under the parent's own name settle that count again.
   */
  readonly procedure: 'direct' | 'hold'
  /** Emit `PRAGMA defer_foreign_keys = ON` first and `= OFF` after. */
  readonly deferForeignKeys: boolean
  /** Emit assertions (offline) that fail the script on a foreign-key violation. */
  readonly asserts: boolean
  /** Children whose ON DELETE action would fire if foreign keys are on (offline guard). */
  readonly destructiveChildren: readonly string[]
}

export const NEW_PREFIX = '_athanor_new_'
export const HOLD_PREFIX = '_athanor_old_'
const SEQ_PARK = '_athanor_seq_'

/**
 * The statements that replace `snapshot`'s table by `target`'s, keeping rows
 * (and rowids), the AUTOINCREMENT counter, indexes, triggers and views:
 * https://sqlite.org/lang_altertable.html#otheralter, steps 3 to 9.
 *
 * @example
 * import type { CompileContext } from '../../default/context.js'
 * import type { RebuildTarget } from './apply-changes.js'
 * import type { TableSnapshot } from './read-table.js'
 * declare const snapshot: TableSnapshot
 * declare const target: RebuildTarget
 * declare const ctx: CompileContext
 * swapSteps(snapshot, target, ctx, { procedure: 'direct', deferForeignKeys: true, asserts: false, destructiveChildren: [] })
 * // PRAGMA defer_foreign_keys = ON; CREATE TABLE "_athanor_new_t"; copy the rows; DROP TABLE "t";
 * // ALTER TABLE "_athanor_new_t" RENAME TO "t"; its indexes; PRAGMA defer_foreign_keys = OFF
 */
export function swapSteps(snapshot: TableSnapshot, target: RebuildTarget, ctx: CompileContext, options: SwapOptions): SwapStep[] {
  const q = ctx.quoteIdentifier
  const lit = (s: string) => ctx.renderLiteral(s)
  const t = snapshot.name
  const steps: SwapStep[] = []
  const sql = (text: string) => steps.push({ kind: 'sql', sql: text })
  const newAutoinc = /\bAUTOINCREMENT\b/i.test(renderDefinition(target.definition, t, ctx))
  const keepRowid = !snapshot.withoutRowid && !/\bWITHOUT\s+ROWID\b/i.test(target.definition.options) && !hasRowidAlias(target.definition)
  const columns = [...(keepRowid ? ['rowid'] : []), ...target.copied.map(q)]

  if (options.deferForeignKeys) sql('PRAGMA defer_foreign_keys = ON')
  if (options.destructiveChildren.length > 0) {
    steps.push({
      kind: 'assert',
      condition: 'NOT foreign_keys FROM pragma_foreign_keys',
      message: `rebuilding "${t}" needs PRAGMA foreign_keys=OFF before BEGIN: ${options.destructiveChildren.join(', ')} would lose rows`,
    })
  }
  // Step 9 made safe: a view or trigger naming the table would stop the
  // rename or the drop (SQLite checks the whole schema); it is put back as it was.
  for (const view of [...snapshot.views].reverse()) sql(`DROP VIEW ${q(view.name)}`)
  for (const trigger of snapshot.otherTriggers) sql(`DROP TRIGGER ${q(trigger.name)}`)
  if (options.procedure === 'direct') {
    const temp = NEW_PREFIX + t
    sql(renderDefinition(target.definition, temp, ctx, { self: t, selfName: temp }))
    steps.push({ kind: 'copy', into: q(temp), from: q(t), columns, sources: columns })
    if (snapshot.autoincrement) sql(`UPDATE sqlite_sequence SET name = ${lit(SEQ_PARK + t)} WHERE name = ${lit(t)}`)
    sql(`DROP TABLE ${q(t)}`)
    sql(`ALTER TABLE ${q(temp)} RENAME TO ${q(t)}`)
  } else {
    const hold = HOLD_PREFIX + t
    const held = [...(keepRowid ? [`rowid AS ${q('_athanor_rowid')}`] : []), ...target.copied.map(q)]
    sql(`CREATE TEMP TABLE ${q(hold)} AS SELECT ${held.join(', ')} FROM ${q(t)}`)
    if (snapshot.autoincrement) sql(`UPDATE sqlite_sequence SET name = ${lit(SEQ_PARK + t)} WHERE name = ${lit(t)}`)
    sql(`DROP TABLE ${q(t)}`)
    sql(renderDefinition(target.definition, t, ctx))
    const sources = [...(keepRowid ? [q('_athanor_rowid')] : []), ...target.copied.map(q)]
    steps.push({ kind: 'copy', into: q(t), from: `temp.${q(hold)}`, columns, sources })
    sql(`DROP TABLE temp.${q(hold)}`)
  }
  if (snapshot.autoincrement) {
    // The counter survives even when the highest ids were deleted
    // (https://sqlite.org/autoinc.html): the new table takes the larger of its own and the old one.
    const parked = `(SELECT seq FROM sqlite_sequence WHERE name = ${lit(SEQ_PARK + t)})`
    if (newAutoinc) {
      sql(`UPDATE sqlite_sequence SET seq = max(seq, coalesce(${parked}, 0)) WHERE name = ${lit(t)}`)
      sql(
        `INSERT INTO sqlite_sequence (name, seq) SELECT ${lit(t)}, seq FROM sqlite_sequence WHERE name = ${lit(SEQ_PARK + t)} AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ${lit(t)})`,
      )
    }
    sql(`DELETE FROM sqlite_sequence WHERE name = ${lit(SEQ_PARK + t)}`)
  }
  for (const index of target.indexes) sql(index)
  for (const trigger of snapshot.triggers) sql(trigger.sql)
  for (const view of snapshot.views) sql(view.sql)
  for (const trigger of snapshot.otherTriggers) sql(trigger.sql)
  if (options.asserts) {
    for (const table of [t, ...new Set(snapshot.children.map((c) => c.table))]) {
      steps.push({
        kind: 'assert',
        condition: `count(*) = 0 FROM pragma_foreign_key_check(${lit(table)})`,
        message: `foreign key violation in "${table}" after rebuilding "${t}"`,
      })
    }
  }
  if (options.deferForeignKeys) sql('PRAGMA defer_foreign_keys = OFF')
  return steps
}
