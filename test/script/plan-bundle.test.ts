import assert from 'node:assert/strict'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { BUNDLE_FROM_SCRIPTS } from '../../src/script/plan-bundle.js'
import { runBin } from '../helpers/cli.js'
import { buildProject, type RevisionDef, tableNames } from '../helpers/project.js'

// The real binary: the CLI enables no source maps, which is where a line read
// from a bundle's own map matters. Needs `node scripts/build.mjs` first.
describe('a long plan of TypeScript scripts imported as one bundle', () => {
  const cache = mkdtempSync(join(tmpdir(), 'athanor-bundle-cache-'))
  after(() => rmSync(cache, { recursive: true, force: true }))
  const count = BUNDLE_FROM_SCRIPTS + 10
  const ids = Array.from({ length: count }, (_, n) => `b${String(n).padStart(11, '0')}`)
  const defs: RevisionDef[] = ids.map((id, n) => ({
    id,
    down: n === 0 ? null : ids[n - 1]!,
    upgrade:
      n === count - 1
        ? ['  // athanor-lint-ignore drop-table: t_b0 was never read', `  await op.dropTable('t_${ids[0]}')`].join('\n')
        : n === count - 2
          ? `  await op.dropColumn('t_${ids[1]}', 'note')`
          : `  await op.createTable('t_${id}', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'note', type: 'text' }])`,
  }))
  const project = buildProject(defs)
  after(() => project.cleanup())
  const env = { ATHANOR_CACHE_DIR: cache, ATHANOR_TS_LOADER: 'esbuild' }

  test('lint finds the line of the op and the suppression above it, on a cold and a warm cache', async () => {
    for (const run of ['cold', 'warm']) {
      const result = await runBin(['lint', ...project.base, '--offline', '--format', 'json'], { cwd: project.root, env })
      const findings = JSON.parse(result.stdout).findings as { code: string; file: string; line: number; revision: string }[]
      const drops = findings.filter((finding) => finding.code.startsWith('drop-'))
      assert.deepEqual(
        drops.map((finding) => [finding.code, finding.revision]),
        [['drop-column', ids[count - 2]]],
        run,
      )
      const line = readFileSync(join(project.root, drops[0]!.file), 'utf8').split('\n')[drops[0]!.line - 1]
      assert.match(line ?? '', /op\.dropColumn\(/, run)
    }
    assert.equal(readdirSync(cache).filter((name) => /^plan-[0-9a-f]+\.mjs$/.test(name)).length, 1)
  })

  test('upgrade runs every script of the bundle, in order', async () => {
    const result = await runBin(['upgrade', ...project.base], { cwd: project.root, env })
    assert.equal(result.status, 0, result.stderr)
    assert.deepEqual(
      tableNames(project.dbPath).filter((name) => name.startsWith('t_')),
      ids.slice(1, count - 2).map((id) => `t_${id}`),
    )
  })
})
