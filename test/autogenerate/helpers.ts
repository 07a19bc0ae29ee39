import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { check } from '../../src/command/check.js'
import { downgrade } from '../../src/command/downgrade.js'
import { migrate } from '../../src/command/migrate.js'
import { upgrade } from '../../src/command/upgrade.js'
import { dialectNamed, openConnection } from '../../src/dialect/registry.js'
import type { DialectName } from '../../src/dialect/types.js'
import { renderModels } from '../../src/models/render.js'
import type { RenameResolver } from '../../src/diff/options.js'

import { parseDatabaseUrl } from '../../src/core/database-url.js'
import type { Table } from '../../src/schema/types.js'

/** A migrations folder whose config names `models.ts` next to it, against `url`. */
export interface AutogenProject {
  readonly root: string
  readonly directory: string
  readonly url: string
  /** Writes the models module (text, or tables rendered as `pull` would). */
  models(source: string | readonly Table[]): void
  migrate(message: string, renames?: RenameResolver): Promise<string | undefined>
  upgrade(target?: string): Promise<void>
  downgrade(target: string): Promise<void>
  /** The differences `check` reports. */
  check(): Promise<readonly string[]>
  cleanup(): void
}

/** A temporary migrations folder whose config names `../models.ts` and, when given, the shadow database of `--offline`. */
export function offlineProjectFolder(shadowUrl?: string): { root: string; directory: string } {
  const root = mkdtempSync(join(tmpdir(), 'athanor-offline-'))
  const directory = join(root, 'migrations')
  mkdirSync(join(directory, 'versions'), { recursive: true })
  const shadow = shadowUrl === undefined ? '' : `, shadowUrl: ${JSON.stringify(shadowUrl)}`
  writeFileSync(join(directory, 'athanor.config.ts'), `export default { models: '../models.ts'${shadow} }\n`)
  return { root, directory }
}

export function autogenProject(url: string): AutogenProject {
  const root = mkdtempSync(join(tmpdir(), 'athanor-autogen-'))
  const directory = join(root, 'migrations')
  mkdirSync(join(directory, 'versions'), { recursive: true })
  writeFileSync(join(directory, 'athanor.config.ts'), "export default { models: '../models.ts' }\n")
  const common = { directory, url, env: {} }
  return {
    root,
    directory,
    url,
    models(source) {
      writeFileSync(join(root, 'models.ts'), typeof source === 'string' ? source : renderModels(source))
    },
    async migrate(message, renames) {
      // Each models version is a new file name: a module is imported once per process.
      const file = join(root, `models-${Math.random().toString(36).slice(2)}.ts`)
      writeFileSync(file, readModels(root))
      const result = await migrate({ ...common, models: file, message, ...(renames ? { renames } : {}) })
      return result.revision?.path
    },
    async upgrade(target = 'head') {
      await upgrade(common, target)
    },
    async downgrade(target) {
      await downgrade(common, target)
    },
    async check() {
      const file = join(root, `models-${Math.random().toString(36).slice(2)}.ts`)
      writeFileSync(file, readModels(root))
      return (await check({ ...common, models: file })).differences
    },
    cleanup() {
      rmSync(root, { recursive: true, force: true })
    },
  }
}

function readModels(root: string): string {
  return readFileSync(join(root, 'models.ts'), 'utf8')
}

/** The user tables of a database, introspected, without athanor's own. */
export async function liveTables(url: string): Promise<Table[]> {
  const parsed = parseDatabaseUrl(url)
  const connection = await openConnection(parsed)
  try {
    const tables = await dialectNamed(connection.dialect).introspect(connection)
    return tables.filter((t) => !t.name.startsWith('athanor_version'))
  } finally {
    await connection.close()
  }
}

export const DIALECTS: readonly DialectName[] = ['sqlite', 'postgresql', 'mysql']
