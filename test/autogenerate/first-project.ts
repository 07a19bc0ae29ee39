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
