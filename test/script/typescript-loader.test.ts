// Which loader turns TypeScript into JavaScript is decided in one place;
// Node's own type stripping is used only where it runs a module exactly as
// esbuild would, and hands a module it refuses back to esbuild. Node 20
// cannot strip types, so the refusals are shown with plain ES modules: what
// Node does with a module once its types are gone is the same.
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { isAthanorError } from '../../src/core/errors.js'
import { importWithTypeStripping, strippableByNode } from '../../src/script/node-type-stripping.js'
import { typeScriptLoader } from '../../src/script/typescript-loader.js'

const work = mkdtempSync(join(tmpdir(), 'athanor-loader-'))
after(() => rmSync(work, { recursive: true, force: true }))
const REPO = fileURLToPath(new URL('../..', import.meta.url))

function write(name: string, text: string): string {
  const file = join(work, name)
  mkdirSync(join(file, '..'), { recursive: true })
  writeFileSync(file, text)
  return file
}

describe('choosing the TypeScript loader', () => {
  test("Node's stripping where Node has it on, esbuild where it has not (Node 20)", () => {
    assert.equal(typeScriptLoader({ typescript: 'strip' }, {}), 'node')
    assert.equal(typeScriptLoader({ typescript: 'transform' }, {}), 'node')
    assert.equal(typeScriptLoader({ typescript: false }, {}), 'esbuild')
    assert.equal(typeScriptLoader({}, {}), 'esbuild')
    const thisNode = (process.features as { typescript?: string | false }).typescript
    assert.equal(typeScriptLoader(), thisNode ? 'node' : 'esbuild', 'this Node')
  })

  test('ATHANOR_TS_LOADER insists on one; asking for Node where it cannot strip, or for anything else, is one clear error', () => {
    assert.equal(typeScriptLoader({ typescript: 'strip' }, { ATHANOR_TS_LOADER: 'esbuild' }), 'esbuild')
    assert.equal(typeScriptLoader({ typescript: 'strip' }, { ATHANOR_TS_LOADER: 'node' }), 'node')
    assert.throws(
      () => typeScriptLoader({}, { ATHANOR_TS_LOADER: 'node' }),
      (error: unknown) => isAthanorError(error, 'INVALID_OPTION') && /does not strip TypeScript types/.test((error as Error).message),
    )
    assert.throws(
      () => typeScriptLoader({ typescript: 'strip' }, { ATHANOR_TS_LOADER: 'swc' }),
      (error: unknown) => isAthanorError(error, 'INVALID_OPTION') && /'swc'; expected 'node' or 'esbuild'/.test((error as Error).message),
    )
  })
})

describe("what Node's stripping is tried on", () => {
  test('built-ins and packages yes; relative and dynamic imports, node_modules and .cts no', () => {
    const file = join(work, 'plain', 'a.ts')
    assert.equal(strippableByNode(file, "import { join } from 'node:path'\nimport pg from 'pg'\nexport const x: number = 1\n"), true)
    assert.equal(strippableByNode(file, "import { helper } from './helper.js'\n"), false)
    assert.equal(strippableByNode(file, "export * from '../shared.ts'\n"), false)
    assert.equal(strippableByNode(file, "import '/abs/side-effect.js'\n"), false)
    assert.equal(strippableByNode(file, "export async function upgrade() { await import('node:fs') }\n"), false)
    assert.equal(strippableByNode(join(work, 'node_modules', 'pkg', 'a.ts'), 'export const x = 1\n'), false)
    assert.equal(strippableByNode(join(work, 'plain', 'a.cts'), 'export const x = 1\n'), false)
  })

  test("an athanor import only where it resolves to the running copy, whose classes the CLI's are", () => {
    const source = "import { t, type Operations } from 'athanor'\n"
    assert.equal(strippableByNode(join(work, 'no-install', 'a.ts'), source), false, 'athanor not installed here')
    mkdirSync(join(work, 'app', 'node_modules'), { recursive: true })
    symlinkSync(REPO, join(work, 'app', 'node_modules', 'athanor'))
    assert.equal(strippableByNode(join(work, 'app', 'migrations', 'a.ts'), source), true)
    mkdirSync(join(work, 'other', 'node_modules', 'athanor'), { recursive: true })
    writeFileSync(
      join(work, 'other', 'node_modules', 'athanor', 'package.json'),
      '{"name":"athanor","exports":{"./package.json":"./package.json"}}',
    )
    assert.equal(strippableByNode(join(work, 'other', 'a.ts'), source), false, 'another copy')
  })
})

describe('a module Node refuses goes to esbuild; an error the module throws is its own', () => {
  test('refused while loading: a file Node has no loader for, as Node 20 says of .ts', async () => {
    const file = write('refused/a.tsv', 'export const x = 1\n')
    assert.equal(await importWithTypeStripping(file, 'export const x = 1\n'), undefined)
  })

  test('refused while linking: a named import the module does not export, as `import { SomeType }` without `type`', async () => {
    const source = "import { SomeType } from 'node:path'\nexport const x = 1\n"
    const file = write('refused/link.mjs', source)
    assert.equal(await importWithTypeStripping(file, source), undefined)
  })

  test('a module that loads is returned; one that throws while running keeps its error', async () => {
    const loads = write('runs/ok.mjs', "import { sep } from 'node:path'\nexport const separator = sep\n")
    assert.equal((await importWithTypeStripping(loads, ''))?.['separator'], '/')
    const throws = write('runs/throws.mjs', "JSON.parse('not json')\n")
    await assert.rejects(importWithTypeStripping(throws, ''), (error: unknown) => (error as Error).name === 'SyntaxError')
  })
})
