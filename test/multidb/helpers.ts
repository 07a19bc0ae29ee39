import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after } from 'node:test'

/** A temp project with one migrations folder and one SQLite file per database. */
export interface MultidbProject {
  readonly root: string
  readonly migrations: string
  readonly versions: string
  /** The SQLite file of each database. */
  readonly files: Readonly<Record<string, string>>
  /** `-d MIGRATIONS`, to put in front of a verb's arguments. */
  readonly base: readonly string[]
  /** Writes a script under versions/ as is. */
  script(name: string, text: string): string
  /** Rewrites the config, keeping the databases (extra lines go inside defineConfig). */
  config(extra?: string, urls?: Readonly<Record<string, string>>): void
}

const made: string[] = []
after(() =>
  made.forEach((root) => {
    rmSync(root, { recursive: true, force: true })
  }),
)

export function multidbProject(names: readonly string[] = ['default', 'db1', 'db2']): MultidbProject {
  const root = mkdtempSync(join(tmpdir(), 'athanor-multidb-'))
  made.push(root)
  const migrations = join(root, 'migrations')
  const versions = join(migrations, 'versions')
  mkdirSync(versions, { recursive: true })
  const files = Object.fromEntries(names.map((name) => [name, join(root, `${name}.db`)]))
  const project: MultidbProject = {
    root,
    migrations,
    versions,
    files,
    base: ['-d', migrations],
    script(name, text) {
      const path = join(versions, name)
      writeFileSync(path, text)
      return path
    },
    config(extra = '', urls = {}) {
      const entries = names.map((name) => `    ${name}: { url: '${urls[name] ?? `sqlite:///${files[name]}`}' },`)
      writeFileSync(
        join(migrations, 'athanor.config.ts'),
        `import { defineConfig } from 'athanor'\n\nexport default defineConfig({\n` +
          `  databases: {\n${entries.join('\n')}\n  },\n${extra}})\n`,
      )
    },
  }
  project.config()
  return project
}

/** A multidb script with literal exports; `bodies` maps a database to its upgrade and downgrade lines. */
export function multidbScript(
  id: string,
  down: string | null,
  bodies: Readonly<Record<string, { up: string; down: string }>>,
  message = `revision ${id}`,
): string {
  const functions = (which: 'up' | 'down') =>
    Object.entries(bodies)
      .map(([name, body]) => `  async ${name}(op) {\n    ${body[which]}\n  },`)
      .join('\n')
  return [
    `/** ${message}`,
    ' *',
    ` * Revision ID: ${id}`,
    ` * Revises: ${down ?? ''}`,
    ' * Create Date: 2026-01-01T00:00:00Z',
    ' */',
    "import type { DatabaseMigrations } from 'athanor'",
    '',
    `export const revision = '${id}'`,
    `export const downRevision: string | string[] | null = ${down === null ? 'null' : `'${down}'`}`,
    'export const branchLabels: string[] | null = null',
    'export const dependsOn: string[] | null = null',
    '',
    `export const upgrades: DatabaseMigrations = {\n${functions('up')}\n}`,
    '',
    `export const downgrades: DatabaseMigrations = {\n${functions('down')}\n}`,
    '',
  ].join('\n')
}

/** `createTable` / `dropTable` lines for a one-column table. */
export function tableBody(table: string): { up: string; down: string } {
  return {
    up: `await op.createTable('${table}', [{ name: 'id', type: 'integer', primaryKey: true }])`,
    down: `await op.dropTable('${table}')`,
  }
}
