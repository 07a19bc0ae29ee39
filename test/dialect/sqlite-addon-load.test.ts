import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'

const root = join(import.meta.dirname, '..', '..')

test('sqlite: opening a database loads the compiled addon directly, not through the bindings package', () => {
  const dir = mkdtempSync(join(tmpdir(), 'athanor-addon-'))
  try {
    // A process of its own: the test runner may have loaded better-sqlite3 the ordinary way already.
    const code = `
      import { createRequire } from 'node:module'
      const { SqliteConnection } = await import(${JSON.stringify(join(root, 'src/dialect/sqlite/driver.ts'))})
      const connection = SqliteConnection.open(${JSON.stringify(join(dir, 'app.db'))})
      const rows = await connection.query('SELECT sqlite_version() AS version')
      await connection.close()
      const loaded = Object.keys(createRequire(import.meta.url).cache)
      console.log(JSON.stringify({
        version: rows[0].version,
        bindings: loaded.filter((file) => file.includes('/node_modules/bindings/')),
        addon: loaded.filter((file) => file.endsWith('better_sqlite3.node')),
      }))`
    const out = JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' }),
    ) as { version: string; bindings: string[]; addon: string[] }
    assert.match(out.version, /^3\.\d+\.\d+$/)
    assert.deepEqual(out.bindings, [])
    assert.deepEqual(out.addon, [join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')])
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
