import type { CompileContext } from '../../default/context.js'
import type { RebuildTarget } from './apply-changes.js'
import { hasRowidAlias, renderDefinition } from './render-definition.js'
import type { TableSnapshot } from './read-table.js'
import { CREATE_FAILED_CHECKS, FAILED_CHECKS } from '../failed-checks.js'

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
      /** The name that reaches the source table's row id (no column shadows it), to copy it in ranges of; absent when none does. */
      readonly rowid?: string
    }

export const NEW_PREFIX = '_athanor_new_'
const SEQ_PARK = '_athanor_seq_'

/**
 * The statements that replace `snapshot`'s table by `target`'s, keeping rows
 * (and rowids), the AUTOINCREMENT counter, indexes, triggers and views:
 * https://sqlite.org/lang_altertable.html#otheralter, steps 4 to 9. They
 * run with foreign-key enforcement off (steps 1 and 12 are the dialect's
 * step isolation), so the DROP fires no child's ON DELETE action.
 *
 * @example
 * import type { CompileContext } from '../../default/context.js'
 * import type { RebuildTarget } from './apply-changes.js'
 * import type { TableSnapshot } from './read-table.js'
 * declare const snapshot: TableSnapshot
 * declare const target: RebuildTarget
 * declare const ctx: CompileContext
 * swapSteps(snapshot, target, ctx)
 * // CREATE TABLE "_athanor_new_t"; copy the rows; DROP TABLE "t";
 * // ALTER TABLE "_athanor_new_t" RENAME TO "t"; its indexes, triggers and views
 */
export function swapSteps(
  snapshot: TableSnapshot,
  target: RebuildTarget,
  ctx: CompileContext,
  mode: 'online' | 'offline' = 'online',
): SwapStep[] {
  const q = ctx.quoteIdentifier
  const lit = (s: string) => ctx.renderLiteral(s)
  const t = snapshot.name
  const steps: SwapStep[] = []
  const sql = (text: string) => steps.push({ kind: 'sql', sql: text })
  const newAutoinc = /\bAUTOINCREMENT\b/i.test(renderDefinition(target.definition, t, ctx))
  const fromRowid = snapshot.withoutRowid ? undefined : rowidName(snapshot.definition.columns.map((c) => c.name))
  const intoRowid = rowidName(target.definition.columns.map((c) => c.name))
  const keepRowid =
    fromRowid !== undefined &&
    intoRowid !== undefined &&
    !/\bWITHOUT\s+ROWID\b/i.test(target.definition.options) &&
    !hasRowidAlias(target.definition)
  const copied = target.copied.map(q)
  const columns = keepRowid ? [intoRowid, ...copied] : copied
  const sources = keepRowid ? [fromRowid, ...copied] : copied

  // Step 9 made safe: a view or trigger naming the table would stop the
  // rename or the drop (SQLite checks the whole schema); it is put back as it was.
  // The triggers go first: DROP VIEW takes an INSTEAD OF trigger on the view with it.
  for (const trigger of snapshot.otherTriggers) sql(`DROP TRIGGER ${q(trigger.name)}`)
  for (const view of [...snapshot.views].reverse()) sql(`DROP VIEW ${q(view.name)}`)
  const temp = NEW_PREFIX + t
  sql(renderDefinition(target.definition, temp, ctx, { self: t, selfName: temp }))
  steps.push({ kind: 'copy', into: q(temp), from: q(t), columns, sources, ...(fromRowid === undefined ? {} : { rowid: fromRowid }) })
  if (mode === 'offline') {
    // A shell that goes on after a failed copy would drop the table next:
    // the count is recorded, and the guard before COMMIT rolls all of it back.
    sql(CREATE_FAILED_CHECKS)
    sql(
      `INSERT INTO ${FAILED_CHECKS} (what) SELECT ${lit(`rows of "${t}" copied`)} ` +
        `WHERE (SELECT count(*) FROM ${q(temp)}) <> (SELECT count(*) FROM ${q(t)})`,
    )
  }
  if (mode === 'offline') sql(unknownObjectsCheck(snapshot, ctx))
  if (snapshot.autoincrement) sql(`UPDATE sqlite_sequence SET name = ${lit(SEQ_PARK + t)} WHERE name = ${lit(t)}`)
  sql(`DROP TABLE ${q(t)}`)
  sql(`ALTER TABLE ${q(temp)} RENAME TO ${q(t)}`)
  if (snapshot.autoincrement) {
    // The counter survives even when the highest ids were deleted
    // (https://sqlite.org/autoinc.html): the new table takes the larger of its own and the old one.
    const parked = `(SELECT seq FROM sqlite_sequence WHERE name = ${lit(SEQ_PARK + t)})`
    if (newAutoinc) {
      sql(`UPDATE sqlite_sequence SET seq = max(seq, coalesce(${parked}, 0)) WHERE name = ${lit(t)}`)
      sql(
        `INSERT INTO sqlite_sequence (name, seq) SELECT ${lit(t)}, seq FROM sqlite_sequence WHERE name = ${lit(SEQ_PARK + t)} ` +
          `AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ${lit(t)})`,
      )
    }
    sql(`DELETE FROM sqlite_sequence WHERE name = ${lit(SEQ_PARK + t)}`)
  }
  for (const index of target.indexes) sql(index)
  for (const trigger of snapshot.triggers) sql(trigger.sql)
  for (const view of snapshot.views) sql(view.sql)
  for (const trigger of snapshot.otherTriggers) sql(trigger.sql)
  return steps
}

/**
 * The offline script is written from the migrations alone, so it knows only
 * the indexes and triggers they made; DROP TABLE would take any other one
 * on the table with it, and a unique index lost is a constraint lost. Each
 * is recorded as a failed check, which the guard before COMMIT prints and
 * rolls the migration back for (see sqliteStepIsolation).
 */
function unknownObjectsCheck(snapshot: TableSnapshot, ctx: CompileContext): string {
  const lit = (s: string) => ctx.renderLiteral(s)
  // Lowered by SQLite on both sides: its lower() folds ASCII letters only, as its names do, where
  // JavaScript's would turn 'IX_ÄRGER' into 'ix_ärger', which no lowered name in the database equals.
  const known = [...snapshot.indexes, ...snapshot.triggers].map((o) => `lower(${lit(o.name)})`)
  return (
    `INSERT INTO ${FAILED_CHECKS} (what) SELECT type || ' "' || name || '" on ' || ${lit(`"${snapshot.name}"`)} || ` +
    `' was not made by the migrations, and the rebuild would drop it' FROM sqlite_master ` +
    `WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND lower(tbl_name) = lower(${lit(snapshot.name)})` +
    (known.length === 0 ? '' : ` AND lower(name) NOT IN (${known.join(', ')})`)
  )
}

/**
 * The name that reaches a rowid table's row id given its columns: a column
 * called `rowid`, `_rowid_` or `oid` shadows that name
 * (https://sqlite.org/lang_createtable.html#rowid); undefined when all three are columns.
 *
 * @example
 * rowidName(['id', 'v']) // 'rowid'
 * rowidName(['rowid', 'v']) // '_rowid_'
 * rowidName(['rowid', '_rowid_', 'OID']) // undefined
 */
export function rowidName(columns: readonly string[]): string | undefined {
  const taken = new Set(columns.map((c) => c.toLowerCase()))
  return ['rowid', '_rowid_', 'oid'].find((name) => !taken.has(name))
}
