import assert from 'node:assert/strict'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Compares with a golden file in `folder`; `UPDATE_GOLDEN=1` rewrites it
 * (review the diff before committing: the golden text is the contract).
 */
export function assertGolden(folder: string, name: string, actual: string): void {
  const file = join(folder, name)
  if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(file)) {
    mkdirSync(folder, { recursive: true })
    writeFileSync(file, actual)
    if (process.env['UPDATE_GOLDEN'] !== '1') assert.fail(`golden file ${name} was missing and has been written; check it and re-run`)
    return
  }
  assert.equal(actual, readFileSync(file, 'utf8'), `output differs from golden/${name}`)
}
