// A plan's run keeps V8's young generation small (see keepYoungGenerationSmall),
// unless the user sized it: their setting stands.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { test } from 'node:test'
import { keepYoungGenerationSmall } from '../../src/cli/young-generation.js'

test('a young generation the user sized is left as it is', () => {
  assert.equal(keepYoungGenerationSmall(['--max-semi-space-size=64'], {}), false)
  assert.equal(keepYoungGenerationSmall([], { NODE_OPTIONS: '--min_semi_space_size=4' }), false)
})

test('a V8 other than the one it was measured on is left as it is (it would print "unrecognized flag" for a gone flag)', () => {
  assert.equal(keepYoungGenerationSmall([], {}, '12.4.254.21-node.33'), false)
})

test('otherwise the new space no longer grows while a plan loads and runs', () => {
  // In a process of its own: the flag holds for the rest of the process.
  const code = [
    "import { keepYoungGenerationSmall } from './src/cli/young-generation.ts'",
    "import { getHeapSpaceStatistics } from 'node:v8'",
    "const newSpace = () => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size",
    'const before = newSpace()',
    'if (!keepYoungGenerationSmall([], {})) process.exit(3)',
    'const kept = []',
    'for (let i = 0; i < 400_000; i++) kept.push({ i, text: String(i) })',
    'process.stdout.write(JSON.stringify({ before, after: newSpace(), kept: kept.length }))',
  ].join('\n')
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: join(import.meta.dirname, '..', '..'),
    encoding: 'utf8',
  })
  assert.equal(run.status, 0, run.stderr)
  const { before, after } = JSON.parse(run.stdout) as { before: number; after: number }
  assert.equal(after, before)
})
