import { AthanorError } from '../../../core/errors.js'
import type { CompileContext } from '../../default/context.js'
import { applyChanges } from './apply-changes.js'
import { formatRow } from './describe-failure.js'
import type { NamingConvention } from '../../../schema/naming-convention.js'
import { planRebuild } from './plan.js'
import { readTableSnapshot, type Query } from './read-table.js'
import type { TableRebuild } from '../../types.js'
import { checkSchema, schemaCheckScript } from './schema-check.js'
import { refuseTempShadow } from './temp-shadow.js'
import { swapSteps, type SwapStep } from './swap.js'

/** Where a rebuild runs: a live connection, or an offline shadow that also writes the script. */
export interface RebuildSession {
  readonly query: Query
  execute(sql: string): Promise<void>
  readonly mode: 'online' | 'offline'
  /**
   * Online: check the foreign keys of the table and its children after the
   * swap. Not needed inside the step isolation, whose check before COMMIT
   * covers the whole database.
   */
  readonly checkForeignKeys?: boolean
  /** Rows copied of total, for a progress line; asked for only when set. */
  readonly progress?: (copied: number, total: number) => void
}

/** What a rebuild did, for the one-line note. */
export interface RebuildOutcome {
  readonly table: string
  readonly rows?: number
  readonly notes: readonly string[]
}

/** Rows per INSERT … SELECT when progress is shown. */
const COPY_CHUNK = 100_000

/**
 * Rebuilds the table `request` names so that it carries the requested
 * changes, through `session`, by SQLite's twelve steps. The caller provides
 * atomicity (a savepoint live, the script's BEGIN/COMMIT offline) and runs
 * it with foreign-key enforcement off (the dialect's step isolation), so
 * the old table's DROP touches no child row.
 *
 * @example
 * import { DEFAULT_NAMING_CONVENTION } from '../../../schema/naming-convention.js'
 * import { openConnection } from '../../registry.js'
 * import { sqliteCompiler } from '../compiler.js'
 * const connection = await openConnection(parseDatabaseUrl('sqlite:///app.db'))
 * const session: RebuildSession = {
 *   query: (sql, params) => connection.query(sql, params),
 *   execute: (sql) => connection.execute({ sql }),
 *   mode: 'online',
 * }
 * const request = sqliteCompiler.compile({ kind: 'alter_column', table: 'user', column: 'email', changes: { nullable: false } }, 'online')
 * if (request.kind === 'rebuild') await rebuildTable(session, request, request.ctx, DEFAULT_NAMING_CONVENTION)
 * // { table: 'user', notes: [] }
 */
export async function rebuildTable(
  session: RebuildSession,
  request: TableRebuild,
  ctx: CompileContext,
  convention: NamingConvention,
): Promise<RebuildOutcome> {
  const plan = planRebuild(request.op)
  if (session.mode === 'online') await refuseTempShadow(session.query, plan.table)
  for (const { from, to } of plan.renames) {
    await session.execute(
      `ALTER TABLE ${ctx.quoteIdentifier(plan.table)} RENAME COLUMN ${ctx.quoteIdentifier(from)} TO ${ctx.quoteIdentifier(to)}`,
    )
  }
  const snapshot = await readTableSnapshot(session.query, plan.table)
  const target = applyChanges(snapshot, plan.ops, ctx, convention)
  const steps = swapSteps(snapshot, target, ctx, session.mode)
  let rows: number | undefined
  for (const step of steps) {
    const copied = await runStep(session, step)
    if (copied !== undefined) rows = copied
  }
  if (session.mode === 'online') {
    await checkSchema(session, ctx.quoteIdentifier(snapshot.name), ctx.quoteIdentifier(target.definition.columns[0]!.name))
    const checked = session.checkForeignKeys === true ? [snapshot.name, ...new Set(snapshot.children.map((c) => c.table))] : []
    await verify(
      session.query,
      snapshot.name,
      checked,
      snapshot.views.map((v) => v.name),
    )
  } else {
    for (const sql of schemaCheckScript(snapshot.name, ctx)) await session.execute(sql)
  }
  return { table: snapshot.name, ...(rows === undefined ? {} : { rows }), notes: target.notes }
}

async function runStep(session: RebuildSession, step: SwapStep): Promise<number | undefined> {
  if (step.kind === 'sql') {
    await session.execute(step.sql)
    return undefined
  }
  // OR ABORT overrides the ON CONFLICT IGNORE or REPLACE clauses the table
  // carries (https://sqlite.org/lang_conflict.html): under them a row the new
  // definition finds a duplicate would be dropped without an error.
  const insert = `INSERT OR ABORT INTO ${step.into} (${step.columns.join(', ')}) SELECT ${step.sources.join(', ')} FROM ${step.from}`
  // One statement reads every row of the old table, and OR ABORT makes it
  // insert each of them or fail: such a copy is whole by construction, and
  // counting either table after it would only scan it again.
  if (session.progress === undefined) {
    await session.execute(insert)
    return undefined
  }
  // Counted after the CREATE TABLE before the copy took the write lock, in
  // the same transaction: no other connection can change it until COMMIT.
  const total = await countRows(session, step.from)
  // Ranges of rowids let the count move; a WITHOUT ROWID table, or one whose
  // columns shadow every name of the rowid, is copied in one statement.
  const rowid = step.rowid
  if (total <= COPY_CHUNK || rowid === undefined) {
    await session.execute(insert)
    session.progress(total, total)
    return total
  }
  // In rowid order, a chunk at a time, so the count can move between chunks.
  let last: number | null = null
  for (let copied = 0; copied < total; ) {
    const after: string = last === null ? '' : ` WHERE ${rowid} > ${last}`
    const bound = await session.query(`SELECT ${rowid} AS r FROM ${step.from}${after} ORDER BY ${rowid} LIMIT 1 OFFSET ${COPY_CHUNK - 1}`)
    const upper = bound[0] === undefined ? null : Number(bound[0]['r'])
    const range = [last === null ? '' : `${rowid} > ${last}`, upper === null ? '' : `${rowid} <= ${upper}`]
      .filter((s) => s !== '')
      .join(' AND ')
    await session.execute(`${insert}${range === '' ? '' : ` WHERE ${range}`}`)
    copied = upper === null ? total : copied + COPY_CHUNK
    session.progress(Math.min(copied, total), total)
    if (upper === null) break
    last = upper
  }
  // The ranges must have reached every row: the new table, made empty in
  // this transaction and with no trigger yet, holds exactly what they
  // copied. Counted rather than read from changes(), which tells the last
  // write the connection made, and a journaled script's connection writes
  // its history row after each statement.
  if (session.mode === 'online') checkCopied(step, await countRows(session, step.into), total)
  return total
}

async function countRows(session: RebuildSession, table: string): Promise<number> {
  return Number((await session.query(`SELECT count(*) AS n FROM ${table}`))[0]?.['n'] ?? 0)
}

/**
 * Every row of the old table reached the new one through the ranges of a
 * chunked copy: the live counterpart of the offline script's guard before
 * COMMIT (see ./swap.ts).
 */
function checkCopied(step: SwapStep & { kind: 'copy' }, copied: number, total: number): void {
  if (copied === total) return
  throw new AthanorError(
    'SQLITE_REBUILD_FAILED',
    `rebuilding table ${step.from} failed: ${copied} of ${total} rows copied; the table is unchanged`,
  )
}

/**
 * Step 10 of the procedure: PRAGMA foreign_key_check on the table and the
 * tables that refer to it, and each view that names it still compiles.
 */
async function verify(query: Query, table: string, checked: readonly string[], views: readonly string[]): Promise<void> {
  for (const name of checked) {
    const bad = await query('SELECT "table" AS t, rowid AS r, parent FROM pragma_foreign_key_check(?) LIMIT 1', [name])
    const first = bad[0]
    if (first === undefined) continue
    const row = await query(`SELECT * FROM "${String(first['t']).replaceAll('"', '""')}" WHERE rowid = ?`, [first['r'] as number])
    throw new AthanorError(
      'SQLITE_REBUILD_FAILED',
      `rebuilding table "${table}" failed: FOREIGN KEY constraint of "${String(first['t'])}" on "${String(first['parent'])}" fails; ` +
        `e.g. row ${row[0] === undefined ? `rowid ${String(first['r'])}` : formatRow(row[0])}; the table is unchanged`,
    )
  }
  for (const view of views) await query(`SELECT * FROM "${view.replaceAll('"', '""')}" LIMIT 0`)
}
