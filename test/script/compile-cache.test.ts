import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { compileCacheDir } from '../../src/script/compile-cache-dir.js'
import { BIN } from '../helpers/cli.js'

// The compile cache holds code this user runs and what scripts contain: it
// is private to the user, refused when it is not, and never holds the config.

const root = mkdtempSync(join(tmpdir(), 'athanor-cache-'))
after(() => rmSync(root, { recursive: true, force: true }))

test('without node_modules above, the cache is the user cache folder, made private', () => {
  const home = join(root, 'xdg')
  const dir = compileCacheDir(join(root, 'no-modules-here'), { XDG_CACHE_HOME: home })
  assert.equal(dir, join(home, 'athanor'))
  assert.equal(statSync(dir!).mode & 0o777, 0o700)
})

test('a cache folder others may write to is tightened when it is ours, refused when it is not', () => {
  const ours = join(root, 'ours')
  mkdirSync(ours, { mode: 0o777 })
  chmodSync(ours, 0o777)
  assert.equal(compileCacheDir(root, { ATHANOR_CACHE_DIR: ours }), ours)
  assert.equal(statSync(ours).mode & 0o777, 0o700)
  if (process.getuid?.() === 0) {
    // Another user's folder, made world-writable for us to drop modules into.
    const theirs = join(root, 'theirs')
    mkdirSync(theirs, { mode: 0o777 })
    chmodSync(theirs, 0o777)
    chownSync(theirs, 65534, 65534)
    assert.equal(compileCacheDir(root, { ATHANOR_CACHE_DIR: theirs }), undefined)
  }
})

test('a TypeScript project: compiled scripts are 0600, and the config with its password is not cached', () => {
  const project = join(root, 'project')
  const versions = join(project, 'migrations', 'versions')
  mkdirSync(versions, { recursive: true })
  const cache = join(root, 'project-cache')
  writeFileSync(
    join(project, 'migrations', 'athanor.config.ts'),
    [
      "import { defineConfig } from 'athanor'",
      "const secret: string = 'Cache-Canary-77'",
      "export default defineConfig({ url: 'sqlite:///' + secret + '.db' })",
      '',
    ].join('\n'),
  )
  writeFileSync(
    join(versions, 'r1_first.ts'),
    [
      "import type { Operations } from 'athanor'",
      "export const revision: string = 'r1'",
      'export const downRevision = null',
      'export const branchLabels = null',
      'export const dependsOn = null',
      "export async function upgrade(op: Operations): Promise<void> { await op.execute('CREATE TABLE t (a INTEGER)') }",
      'export async function downgrade(op: Operations): Promise<void> {}',
    ].join('\n'),
  )
  const run = spawnSync(process.execPath, [BIN, '-d', join(project, 'migrations'), 'upgrade'], {
    cwd: project,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', HOME: root, ATHANOR_CACHE_DIR: cache },
  })
  assert.equal(run.status, 0, run.stderr)
  const files = readdirSync(cache)
  assert.ok(files.length > 0, 'the script was cached')
  for (const name of files) {
    assert.equal(statSync(join(cache, name)).mode & 0o777, 0o600, name)
    assert.ok(!readFileSync(join(cache, name), 'utf8').includes('Cache-Canary-77'), `${name} holds the config`)
  }
})
