import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { BUNDLE_FROM_SCRIPTS, importBundled } from '../../src/script/plan-bundle.js'
import { ScriptDirectory } from '../../src/script/script-directory.js'
import { buildProject, type RevisionDef } from '../helpers/project.js'

describe("a plan bundle's entry", () => {
  const cache = mkdtempSync(join(tmpdir(), 'athanor-bundle-entry-'))
  after(() => rmSync(cache, { recursive: true, force: true }))
  const ids = Array.from({ length: BUNDLE_FROM_SCRIPTS + 2 }, (_, n) => `e${String(n).padStart(11, '0')}`)
  const extras: Record<number, string> = {
    1: "export default { note: 'a default export' }",
    2: "export * from 'node:os'",
    3: 'export const transactional = false\nawait Promise.resolve()',
  }
  const defs: RevisionDef[] = ids.map((id, n) => ({
    id,
    down: n === 0 ? null : ids[n - 1]!,
    ext: 'ts',
    ...(extras[n] === undefined ? {} : { extra: extras[n] }),
  }))
  const project = buildProject(defs)
  after(() => project.cleanup())

  test("holds each script's exports as plain values, and leaves a script re-exporting * to its own import", async (t) => {
    const loader = process.env['ATHANOR_TS_LOADER']
    process.env['ATHANOR_TS_LOADER'] = 'esbuild'
    t.after(() => {
      if (loader === undefined) delete process.env['ATHANOR_TS_LOADER']
      else process.env['ATHANOR_TS_LOADER'] = loader
    })
    const scripts = await ScriptDirectory.open(project.migrations)
    const inPlan = ids.map((id) => scripts.script(id))
    const bundled = await importBundled(inPlan, cache)
    assert.deepEqual(
      inPlan.filter((script) => !bundled.has(script.source)).map((script) => script.id),
      [ids[2]],
    )
    const first = bundled.get(inPlan[0]!.source)!
    assert.equal(first['revision'], ids[0])
    assert.equal(typeof first['upgrade'], 'function')
    assert.deepEqual(bundled.get(inPlan[1]!.source)!['default'], { note: 'a default export' })
    assert.equal(bundled.get(inPlan[3]!.source)!['transactional'], false)

    const modules = await scripts.loadModules(ids)
    assert.equal(modules.length, ids.length)
    assert.equal(modules[3]!.transactional, false)
    assert.equal(typeof modules[2]!.upgrade, 'function')
  })
})
