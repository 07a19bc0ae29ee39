// Every JSDoc @example in src/ type-checks, and every public export and `op`
// method has one: scripts/doc-examples.mjs checks both, and prints each
// failure as `src/file.ts:LINE @example: message`.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { test } from 'node:test'

const root = join(import.meta.dirname, '..', '..')

test('the JSDoc examples type-check and every public name has one', () => {
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'doc-examples.mjs')], { cwd: root, encoding: 'utf8', timeout: 120_000 })
  assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`)
  assert.match(result.stdout, /^\d+ examples type-checked, 0 failed/m)
})
