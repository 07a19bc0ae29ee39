// The linear chains of migration scripts the benchmarks run: revision N
// revises N-1, and the bodies are the caller's.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Revision N's id: sortable, and 12 characters like a generated one. */
export const chainId = (n) => `r${String(n).padStart(11, '0')}`

/**
 * Writes `count` athanor scripts into `<dir>/migrations/versions` and returns
 * the migrations folder. `upgrade(n)` and `downgrade(n)` give each body.
 */
export function writeAthanorChain(dir, count, { upgrade, downgrade }) {
  const migrations = join(dir, 'migrations')
  const versions = join(migrations, 'versions')
  mkdirSync(versions, { recursive: true })
  for (let n = 0; n < count; n++) {
    const down = n === 0 ? 'null' : `'${chainId(n - 1)}'`
    writeFileSync(
      join(versions, `${chainId(n)}_step_${n}.ts`),
      `/** step ${n}\n *\n * Revision ID: ${chainId(n)}\n */\nimport type { Operations } from 'athanor'\n\n` +
        `export const revision = '${chainId(n)}'\nexport const downRevision: string | string[] | null = ${down}\n` +
        `export const branchLabels: string[] | null = null\nexport const dependsOn: string[] | null = null\n\n` +
        `export async function upgrade(op: Operations): Promise<void> {\n${upgrade(n)}\n}\n\n` +
        `export async function downgrade(op: Operations): Promise<void> {\n${downgrade(n)}\n}\n`,
    )
  }
  return migrations
}

/**
 * The chain of the server benchmarks (bench/server-chain.mjs, bench/fan-out*.mjs):
 * each migration creates a table and inserts one row into it. Returns the migrations folder.
 */
export function writeTableRowChain(dir, count) {
  return writeAthanorChain(dir, count, {
    upgrade: (n) =>
      `  await op.createTable('t_${n}', [` +
      `{ name: 'id', type: 'integer', primaryKey: true }, { name: 'note', type: { kind: 'string', length: 40 } }])\n` +
      `  await op.bulkInsert('t_${n}', [{ id: ${n}, note: 'step ${n}' }])`,
    downgrade: (n) => `  await op.dropTable('t_${n}')`,
  })
}
