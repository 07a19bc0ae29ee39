import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { loadEnvFiles, parseEnvFallback, parseEnvText } from '../../src/config/env-files.js'
import { configuredUrl, env, isEnvReference } from '../../src/config/env-reference.js'
import { failure } from '../helpers/errors.js'

const TEXT = [
  '# a comment',
  'PLAIN=1',
  'export EXPORTED="two\\nlines"',
  "SINGLE='q # not a comment' # a comment",
  'TRAILING=hello # a comment',
  'EMPTY=',
  '  SPACED = around  ',
  'MULTI="first',
  'second"',
  '',
].join('\n')

const EXPECTED = {
  PLAIN: '1',
  EXPORTED: 'two\nlines',
  SINGLE: 'q # not a comment',
  TRAILING: 'hello',
  EMPTY: '',
  SPACED: 'around',
  MULTI: 'first\nsecond',
}

describe('.env text', () => {
  test("the fallback parser reads the forms Node's own parser reads, the same way", () => {
    assert.deepEqual(parseEnvFallback(TEXT), EXPECTED)
    assert.deepEqual(parseEnvText(TEXT), EXPECTED)
    assert.deepEqual(parseEnvFallback('A=1\r\nB=2\r\n'), { A: '1', B: '2' })
  })
})

describe('loadEnvFiles', () => {
  const root = mkdtempSync(join(tmpdir(), 'athanor-env-'))
  after(() => rmSync(root, { recursive: true, force: true }))
  writeFileSync(join(root, '.env'), 'A=from-env\nB=from-env\n')
  writeFileSync(join(root, '.env.local'), 'B=from-local\n')

  test('later files win over earlier ones, the environment over both, and a missing file is skipped', () => {
    const result = loadEnvFiles(root, ['.env', '.env.local', '.env.missing'], { A: 'real' })
    assert.deepEqual({ A: result['A'], B: result['B'] }, { A: 'real', B: 'from-local' })
  })

  test('an environment other than the process one is not changed, nor is process.env', () => {
    const given = {}
    const result = loadEnvFiles(root, ['.env'], given)
    assert.equal(result['A'], 'from-env')
    assert.deepEqual(given, {})
    assert.equal(process.env['A'], undefined)
  })
})

describe('env()', () => {
  test('is recognised, resolves from the environment, and names the variable when unset', async () => {
    const reference = env('DATABASE_URL')
    assert.ok(isEnvReference(reference))
    assert.equal(isEnvReference({ variable: 'DATABASE_URL' }), false)
    const where = { config: 'athanor.config.ts', envFile: '/srv/app/.env' }
    assert.equal(configuredUrl(reference, { DATABASE_URL: 'sqlite:///a.db' }, where), 'sqlite:///a.db')
    const error = await failure(async () => configuredUrl(reference, {}, where))
    assert.match(String((error as Error).message), /^DATABASE_URL is not set: athanor\.config\.ts .*\/srv\/app\/\.env/)
    assert.throws(() => env('not a name'), /expected a variable name/)
  })
})
