import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after } from 'node:test'
import Database from 'better-sqlite3'

/** One revision of a test graph, written as a migration script. */
export interface RevisionDef {
  readonly id: string
  readonly down?: string | readonly string[] | null
  readonly labels?: readonly string[] | null
  readonly dependsOn?: readonly string[] | null
  /** `.ts` unless told; the suite mixes both, as real projects do. */
  readonly ext?: 'ts' | 'js'
  readonly message?: string
  /** Replaces the default upgrade body (one table + one log row). */
  readonly upgrade?: string
  readonly downgrade?: string
  /** Top-level code placed after the exports. */
  readonly extra?: string
}

export const LOG_TABLE_DDL =
  'CREATE TABLE IF NOT EXISTS migration_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, revision TEXT NOT NULL, direction TEXT NOT NULL)'

/** Body lines that record `(revision, direction)` in the log table. */
export function logLine(id: string, direction: 'upgrade' | 'downgrade'): string {
  return `  await op.execute("INSERT INTO migration_log (revision, direction) VALUES ('${id}', '${direction}')")`
}

export function defaultUpgrade(id: string): string {
  return [
    `  await op.execute('${LOG_TABLE_DDL}')`,
    `  await op.createTable('t_${id}', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'note', type: 'text' }])`,
    logLine(id, 'upgrade'),
  ].join('\n')
}

export function defaultDowngrade(id: string): string {
  return [`  await op.dropTable('t_${id}')`, logLine(id, 'downgrade')].join('\n')
}

function literal(value: string | readonly string[] | null | undefined): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'string') return `'${value}'`
  return `[${value.map((item) => `'${item}'`).join(', ')}]`
}

function slug(message: string): string {
  return (message.toLowerCase().match(/[a-z0-9]+/g) ?? []).join('_')
}

/** The text of a migration script for `def`, in TypeScript or plain JavaScript. */
export function scriptText(def: RevisionDef): string {
  const ts = (def.ext ?? 'ts') === 'ts'
  const message = def.message ?? `create t_${def.id}`
  const down = def.down ?? null
  const revises = down === null ? '' : typeof down === 'string' ? down : down.join(', ')
  const param = ts ? 'op: Operations' : 'op'
  const returns = ts ? ': Promise<void>' : ''
  return [
    `/** ${message}`,
    ' *',
    ` * Revision ID: ${def.id}`,
    ` * Revises: ${revises}`,
    ' * Create Date: 2026-01-01T00:00:00Z',
    ' */',
    ...(ts ? ["import type { Operations } from 'athanor'", ''] : []),
    `export const revision = '${def.id}'`,
    `export const downRevision${ts ? ': string | string[] | null' : ''} = ${literal(down)}`,
    `export const branchLabels${ts ? ': string[] | null' : ''} = ${literal(def.labels)}`,
    `export const dependsOn${ts ? ': string[] | null' : ''} = ${literal(def.dependsOn)}`,
    '',
    `export async function upgrade(${param})${returns} {`,
    def.upgrade ?? defaultUpgrade(def.id),
    '}',
    '',
    `export async function downgrade(${param})${returns} {`,
    def.downgrade ?? defaultDowngrade(def.id),
    '}',
    ...(def.extra ? ['', def.extra] : []),
    '',
  ].join('\n')
}

export interface Project {
  /** The temp folder holding everything. */
  readonly root: string
  readonly migrations: string
  readonly versions: string
  readonly dbPath: string
  /** An absolute `sqlite:////…` URL of dbPath. */
  readonly url: string
  /** `-d MIGRATIONS --url URL`, to put in front of a verb's arguments. */
  readonly base: readonly string[]
  /** Writes (or overwrites) a script; returns its path. */
  write(def: RevisionDef): string
  /** Writes a file under versions/ as is. */
  writeRaw(name: string, text: string): string
  /** Writes migrations/athanor.config.ts. */
  config(text: string): void
  cleanup(): void
}

export function scriptFileName(def: RevisionDef): string {
  return `${def.id}_${slug(def.message ?? `create t_${def.id}`)}.${def.ext ?? 'ts'}`
}

/** A fresh temp folder with `migrations/versions/` holding the scripts of `graph`. */
export function buildProject(graph: readonly RevisionDef[] = []): Project {
  const root = mkdtempSync(join(tmpdir(), 'athanor-cli-'))
  const migrations = join(root, 'migrations')
  const versions = join(migrations, 'versions')
  mkdirSync(versions, { recursive: true })
  const dbPath = join(root, 'app.db')
  const url = `sqlite:///${dbPath}`
  const project: Project = {
    root,
    migrations,
    versions,
    dbPath,
    url,
    base: ['-d', migrations, '--url', url],
    write(def) {
      const path = join(versions, scriptFileName(def))
      writeFileSync(path, scriptText(def))
      return path
    },
    writeRaw(name, text) {
      const path = join(versions, name)
      writeFileSync(path, text)
      return path
    },
    config(text) {
      writeFileSync(join(migrations, 'athanor.config.ts'), text)
    },
    cleanup() {
      rmSync(root, { recursive: true, force: true })
    },
  }
  for (const def of graph) project.write(def)
  return project
}

/** A straight chain `ids[0] <- ids[1] <- …`, alternating `.ts` and `.js` files. */
export function chain(ids: readonly string[]): RevisionDef[] {
  return ids.map((id, index) => ({ id, down: index === 0 ? null : ids[index - 1]!, ext: index % 2 === 0 ? 'ts' : 'js' }))
}

function withDb<T>(path: string, read: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true, fileMustExist: true })
  try {
    return read(db)
  } finally {
    db.close()
  }
}

/** The version rows, sorted; `[]` when there is no version table. */
export function versionRows(path: string, table = 'athanor_version'): string[] {
  return withDb(path, (db) => {
    const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table)
    if (!exists) return []
    return (db.prepare(`SELECT version_num FROM ${table}`).all() as Array<{ version_num: string }>).map((row) => row.version_num).sort()
  })
}

/** The migrations that ran, in order, as `rev:up` / `rev:down`. */
export function migrationLog(path: string): string[] {
  return withDb(path, (db) => {
    const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migration_log'").get()
    if (!exists) return []
    const rows = db.prepare('SELECT revision, direction FROM migration_log ORDER BY seq').all() as Array<{
      revision: string
      direction: string
    }>
    return rows.map((row) => `${row.revision}:${row.direction === 'upgrade' ? 'up' : 'down'}`)
  })
}

/** User tables (not SQLite's own), sorted. */
/**
 * The history table is athanor's audit log, tested on its own (test/runtime);
 * these listings are about the schema the migrations build, and offline
 * scripts deliberately write no history.
 */
const NOT_HISTORY = "tbl_name NOT LIKE 'athanor_version_history%'"

export function tableNames(path: string): string[] {
  return withDb(path, (db) =>
    (
      db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND ${NOT_HISTORY} ORDER BY name`)
        .all() as Array<{ name: string }>
    ).map((row) => row.name),
  )
}

/** Every schema object's SQL, sorted: two databases with the same dump have the same schema. */
export function schemaDump(path: string): string[] {
  return withDb(path, (db) =>
    (
      db
        .prepare(`SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND ${NOT_HISTORY} ORDER BY type, name`)
        .all() as Array<{
        type: string
        name: string
        sql: string | null
      }>
    ).map((row) => `${row.type} ${row.name}: ${row.sql ?? ''}`),
  )
}

/** Every row of a table, for comparing data before and after a failure. */
export function allRows(path: string, table: string): unknown[] {
  return withDb(path, (db) => db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all())
}

/**
 * A `project(graph)` maker for one test file: each project it builds is
 * removed when the file's tests are done.
 */
export function temporaryProjects(): (graph?: readonly RevisionDef[]) => Project {
  const made: Project[] = []
  after(() => {
    for (const project of made) project.cleanup()
  })
  return (graph = []) => {
    const project = buildProject(graph)
    made.push(project)
    return project
  }
}
