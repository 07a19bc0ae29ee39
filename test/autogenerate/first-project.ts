import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * A project under `work/name`: a first hand-written revision `aa01`, the
 * models beside the migrations folder and a config naming them (`config`
 * adds its own keys after `models`). Returns the migrations folder.
 *
 * @example
 * const migrations = firstRevisionProject(work, 'safe', { first: FIRST, models: MODELS, config: "ddlLockTimeout: '2s'" })
 */
export function firstRevisionProject(work: string, name: string, files: { first: string; models: string; config?: string }): string {
  const migrations = join(work, name, 'migrations')
  mkdirSync(join(migrations, 'versions'), { recursive: true })
  writeFileSync(join(migrations, 'versions', 'aa01_first.ts'), files.first)
  const config = files.config === undefined ? '' : `, ${files.config}`
  writeFileSync(join(migrations, 'athanor.config.ts'), `export default { models: '../models.ts'${config} }\n`)
  writeFileSync(join(work, name, 'models.ts'), files.models)
  return migrations
}

/** A first revision `aa01` making `users (id)` and `products (id, price, owner)`, with no key between them. */
export const FIRST_USERS_PRODUCTS = [
  "export const revision = 'aa01'",
  'export const downRevision = null',
  'export async function upgrade(op: any) {',
  "  await op.createTable('users', [{ name: 'id', type: 'integer', primaryKey: true }])",
  "  await op.createTable('products', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'price', type: 'integer' },",
  "    { name: 'owner', type: 'integer' }])",
  '}',
  'export async function downgrade(op: any) {}',
  '',
].join('\n')
