import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { dialectNamed } from '../../src/dialect/registry.js'
import { LiveExecutor } from '../../src/runtime/live-executor.js'
import type { Operation } from '../../src/ops/operation.js'
import type { DatabaseConnection } from '../../src/dialect/driver.js'

/** One migration script: its id, parent, and the bodies of upgrade and downgrade. */
export interface ScriptDef {
  readonly id: string
  readonly down: string | null
  readonly upgrade: string
  readonly downgrade?: string
}

const written: string[] = []
// Removed when the test file's process ends, however its tests ended.
process.on('exit', () => {
  for (const root of written) rmSync(root, { recursive: true, force: true })
})

/** Writes a migrations folder holding `scripts` and returns its path; the folder goes when the process ends. */
export function writeMigrations(scripts: readonly ScriptDef[]): string {
  const root = mkdtempSync(join(tmpdir(), 'athanor-live-project-'))
  written.push(root)
  const versions = join(root, 'migrations', 'versions')
  mkdirSync(versions, { recursive: true })
  for (const script of scripts) {
    writeFileSync(
      join(versions, `${script.id}_step.ts`),
      [
        `export const revision = '${script.id}'`,
        `export const downRevision = ${script.down === null ? 'null' : `'${script.down}'`}`,
        'export const branchLabels = null',
        'export const dependsOn = null',
        `export async function upgrade(op: any): Promise<void> {\n${script.upgrade}\n}`,
        `export async function downgrade(op: any): Promise<void> {\n${script.downgrade ?? ''}\n}`,
        '',
      ].join('\n'),
    )
  }
  return join(root, 'migrations')
}

/** Runs operations through the live executor, as a migration would. */
export async function runOps(connection: DatabaseConnection, ...ops: readonly Operation[]): Promise<void> {
  const executor = new LiveExecutor(connection, dialectNamed(connection.dialect), 'athanor_version')
  for (const op of ops) await executor.run(op)
}
