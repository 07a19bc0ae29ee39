import assert from 'node:assert/strict'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import Database from 'better-sqlite3'
import { classicBundle } from '../../src/script/classic-bundle.js'
import { BUNDLE_FROM_SCRIPTS } from '../../src/script/plan-bundle.js'
import { runBin } from '../helpers/cli.js'
import { buildProject, type RevisionDef } from '../helpers/project.js'

describe('classicBundle', () => {
  test('turns the export of modules into a return, on as many lines, the map comment kept', () => {
    const esm = '// a.mjs\nvar modules = [{ a: 1 }];\nexport {\n  modules\n};\n//# sourceMappingURL=plan.mjs.map\n'
    const classic = classicBundle(esm)
    assert.equal(
      classic,
      '(async function (__athanorBundleImports) {"use strict";// a.mjs\nvar modules = [{ a: 1 }];\n' +
        'return { modules };\n\n});\n//# sourceMappingURL=plan.mjs.map\n',
    )
    assert.equal(classic?.split('\n').length, esm.split('\n').length)
  })

  test('leaves a bundle with a line that may be an import or export as the ES module it is', () => {
    const tail = 'var modules = [];\nexport {\n  modules\n};\n'
    assert.equal(classicBundle(`import { a } from "node:fs";\n${tail}`), undefined)
    assert.equal(classicBundle(`var s = \`\nexport const x = 1\n\`;\n${tail}`), undefined)
    assert.equal(classicBundle('var modules = [];\nexport { modules as default };\n'), undefined)
  })
})

// The real binary, whose bundles are what a user's runs make. Needs `node scripts/build.mjs` first.
describe('a plan bundle run as a classic script, its compiled code kept between runs', () => {
  const cache = mkdtempSync(join(tmpdir(), 'athanor-classic-cache-'))
  after(() => rmSync(cache, { recursive: true, force: true }))
  const env = { ATHANOR_CACHE_DIR: cache, ATHANOR_TS_LOADER: 'esbuild' }
  const ids = Array.from({ length: BUNDLE_FROM_SCRIPTS + 2 }, (_, n) => `k${String(n).padStart(11, '0')}`)
  const created = (id: string) =>
    `  await op.createTable('t_${id}', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'note', type: 'text' }])`
  const note = (id: string, value: string) => `  await op.bulkInsert('t_${id}', [{ id: 1, note: ${value} }])`
  const chain = (special: Record<number, Partial<RevisionDef>>): RevisionDef[] =>
    ids.map((id, n) => ({
      id,
      down: n === 0 ? null : ids[n - 1]!,
      upgrade: created(id),
      downgrade: `  await op.dropTable('t_${id}')`,
      ...special[n],
    }))
  const noteOf = (dbPath: string, id: string) => {
    const db = new Database(dbPath, { readonly: true })
    try {
      return (db.prepare(`SELECT note FROM t_${id}`).get() as { note: string } | undefined)?.note
    } finally {
      db.close()
    }
  }
  const files = (suffix: string) => readdirSync(cache).filter((name) => name.startsWith('plan-') && name.endsWith(suffix))

  test("scripts keep their imports of athanor and Node's modules, default, named and whole, and their top-level await", async () => {
    const project = buildProject(
      chain({
        3: {
          upgrade: [created(ids[3]!), note(ids[3]!, '`${joined}|${typeof os.tmpdir}|${path.sep}|${typeof isAthanorError}|${late}`')].join(
            '\n',
          ),
          extra: [
            "import { isAthanorError } from 'athanor'",
            "import path, { join } from 'node:path'",
            "import * as os from 'node:os'",
            "const joined = join('a', 'b')",
            "const late = await new Promise((resolve) => setTimeout(() => resolve('awaited'), 5))",
          ].join('\n'),
        },
      }),
    )
    after(() => project.cleanup())
    const first = await runBin(['upgrade', ...project.base], { cwd: project.root, env })
    assert.equal(first.status, 0, first.stderr)
    assert.equal(noteOf(project.dbPath, ids[3]!), 'a/b|function|/|function|awaited')
    const [bundle] = files('.mjs')
    assert.ok(bundle !== undefined)
    assert.match(readFileSync(join(cache, bundle), 'utf8'), /^\(async function/)
    const [kept] = files('.code-cache')
    assert.ok(kept?.startsWith(`${bundle}.`), kept)
    assert.equal(statSync(join(cache, kept!)).mode & 0o777, 0o600)
    // lint runs under V8 flags an upgrade does not set, and keeps its code apart rather than in the upgrade's place.
    const lint = await runBin(['lint', ...project.base, '--offline'], { cwd: project.root, env })
    assert.equal(lint.status, 0, lint.stderr)
    assert.equal(files('.code-cache').length, 2)
    assert.ok(files('.code-cache').includes(kept!))

    // A code cache V8 refuses costs a compile, not the run, and is written anew.
    writeFileSync(join(cache, kept!), 'not code')
    const down = await runBin(['downgrade', 'base', ...project.base], { cwd: project.root, env })
    assert.equal(down.status, 0, down.stderr)
    assert.notEqual(readFileSync(join(cache, kept!), 'utf8'), 'not code')
    const again = await runBin(['upgrade', ...project.base], { cwd: project.root, env })
    assert.equal(again.status, 0, again.stderr)
    assert.equal(noteOf(project.dbPath, ids[3]!), 'a/b|function|/|function|awaited')
  })

  test('a script whose text has a line that reads as an export runs from an ES module bundle, its text intact', async () => {
    const project = buildProject(
      chain({ 5: { upgrade: [created(ids[5]!), note(ids[5]!, '`first\nexport const x = 1\nlast`')].join('\n') } }),
    )
    after(() => project.cleanup())
    const result = await runBin(['upgrade', ...project.base], { cwd: project.root, env })
    assert.equal(result.status, 0, result.stderr)
    assert.equal(noteOf(project.dbPath, ids[5]!), 'first\nexport const x = 1\nlast')
    const bundles = files('.mjs').map((name) => readFileSync(join(cache, name), 'utf8'))
    assert.ok(bundles.some((text) => text.includes('export const x = 1') && !text.startsWith('(async function')))
  })
})
