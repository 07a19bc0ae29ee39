import { createHash } from 'node:crypto'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { sqliteDialect } from '../../src/dialect/sqlite/dialect.js'
import { SqliteConnection } from '../../src/dialect/sqlite/driver.js'
import { StepIsolationRequired } from '../../src/dialect/dialect.js'
import type { Operation } from '../../src/ops/operation.js'
import { LiveExecutor } from '../../src/runtime/live-executor.js'
import { OfflineExecutor } from '../../src/runtime/offline-executor.js'

/** A file database with the given schema and rows, opened as athanor opens it (foreign keys on). */
export function openDb(
  path: string,
  setup: string,
): { connection: SqliteConnection; executor: LiveExecutor; notes: string[]; inspect: () => Database.Database } {
  const raw = new Database(path)
  raw.exec(setup)
  raw.close()
  const connection = SqliteConnection.open(path)
  const notes: string[] = []
  const executor = new LiveExecutor(connection, sqliteDialect, 'athanor_version', { events: { notice: (line) => notes.push(line) } })
  return { connection, executor, notes, inspect: () => new Database(path, { readonly: true }) }
}

/**
 * Runs ops as the runner runs a migration: inside a transaction and a step
 * savepoint, and, when a rebuild asks for foreign keys off, once more as an
 * isolated transaction.
 */
export async function migrate(executor: LiveExecutor, ops: readonly Operation[]): Promise<void> {
  const work = async () => {
    for (const op of ops) await executor.run(op)
  }
  await executor.begin()
  await executor.savepoint('athanor_step')
  try {
    await work()
    await executor.releaseSavepoint('athanor_step')
    await executor.commit()
  } catch (error) {
    await executor.rollbackToSavepoint('athanor_step')
    await executor.releaseSavepoint('athanor_step')
    await executor.commit()
    if (!(error instanceof StepIsolationRequired)) throw error
    await executor.isolated(work)
  }
}

/** Row count and a digest of every row (the named columns, in rowid order). */
export function fingerprint(db: Database.Database, table: string, columns: readonly string[]): { count: number; digest: string } {
  const rows = db
    .prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}" ORDER BY rowid`)
    .raw()
    .all()
  const hash = createHash('sha256')
  for (const row of rows) hash.update(JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)))
  return { count: rows.length, digest: hash.digest('hex') }
}

/** The schema as SQLite stores it, minus athanor's own table, for comparison. */
export function schemaOf(db: Database.Database): { type: string; name: string; sql: string }[] {
  return db
    .prepare(
      "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'athanor_%' AND name NOT LIKE 'sqlite_autoindex%' ORDER BY type, name",
    )
    .all() as { type: string; name: string; sql: string }[]
}

/** The script an offline run writes for `ops` after a schema made by `setup`, in one BEGIN/COMMIT. */
export async function offlineScript(setup: string, ops: readonly Operation[]): Promise<string> {
  let text = ''
  const executor = new OfflineExecutor(sqliteDialect, 'athanor_version', (s) => (text += s), {
    replayBefore: async (shadow) => {
      await shadow.run({ kind: 'execute', sql: setup })
    },
  })
  await executor.begin()
  for (const op of ops) await executor.run(op)
  await executor.commit()
  return text
}

let files = 0

/** A new database file in `dir` made by `setup`, for a shell to run a script on. */
export function fileWith(dir: string, setup: string): string {
  const path = join(dir, `db${++files}.sqlite`)
  const db = new Database(path)
  db.exec(setup)
  db.close()
  return path
}
