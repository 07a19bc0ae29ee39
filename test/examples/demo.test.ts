// The README's first Quickstart command must keep working: the demo, run on
// a copy of the MARS-labs example, upgrades its three databases from empty to
// head and shows them there. The small single-database quickstart example
// is upgraded and taken back down the same way.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'

const root = join(import.meta.dirname, '..', '..')
const work = mkdtempSync(join(tmpdir(), 'athanor-demo-'))
after(() => rmSync(work, { recursive: true, force: true }))

function copyExample(name: string): string {
  const target = join(work, name)
  cpSync(join(root, 'examples', name), target, { recursive: true, filter: (source) => !/\.db(-athanor-lock|-journal)?$/.test(source) })
  return target
}

describe('examples', () => {
  test('npm run demo upgrades MARS-labs to head and shows current and history', () => {
    const project = copyExample('mars-labs')
    const result = spawnSync(process.execPath, [join(root, 'scripts', 'demo.mjs'), project], { encoding: 'utf8' })
    assert.equal(result.status, 0, result.stderr)
    for (const database of ['default', 'db1', 'db2']) {
      assert.match(result.stderr, new RegExp(`^${database}: Now at [0-9a-f]{12}\\.$`, 'm'))
      assert.match(result.stdout, new RegExp(`^${database}: [0-9a-f]{12} \\(head\\)$`, 'm'))
    }
    assert.match(result.stdout, /\(head\) \(current: default, db1, db2\), Add email column to users table$/m)
    assert.match(result.stdout, /^<base> -> [0-9a-f]{12}, create the MARS-labs tables$/m)
  })

  test('the quickstart example upgrades to head and back to base', () => {
    const project = copyExample('quickstart')
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [join(root, 'bin', 'athanor.js'), ...args], { cwd: project, encoding: 'utf8' })
    const up = cli('upgrade')
    assert.equal(up.status, 0, up.stderr)
    assert.equal(cli('current').stdout.trim(), 'ae1027a6acf0 (head)')
    const down = cli('downgrade', 'base')
    assert.equal(down.status, 0, down.stderr)
    assert.match(down.stderr, /Now at base: 3 migrations reverted\./)
  })
})
