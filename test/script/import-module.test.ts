// How user TypeScript is imported: most scripts take the direct path (compiled
// into the cache, no loader thread); anything whose imports would break when
// moved goes through the loader hooks. Both must behave like the source file.
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { after, describe, test } from 'node:test'
import { compileForDirectImport } from '../../src/script/direct-import.js'
import { importModule } from '../../src/script/import-module.js'
import { isAthanorError } from '../../src/core/errors.js'

const work = mkdtempSync(join(tmpdir(), 'athanor-import-'))
const cache = join(work, 'cache')
after(() => rmSync(work, { recursive: true, force: true }))

function write(name: string, text: string): string {
  const file = join(work, name)
  mkdirSync(join(file, '..'), { recursive: true })
  writeFileSync(file, text)
  return file
}

describe('importing TypeScript scripts', () => {
  test('a script importing only athanor is compiled for a direct import and still knows where it lives', async () => {
    const source = "import { t } from 'athanor'\nexport const kind = t.integer().kind\nexport const here: string = import.meta.url\n"
    const file = write('direct/a.ts', source)
    const compiled = await compileForDirectImport(file, source, cache)
    assert.ok(compiled?.startsWith(cache), 'compiled into the cache')
    const module = await import(pathToFileURL(compiled!).href)
    assert.equal(module.kind, 'integer')
    assert.equal(module.here, pathToFileURL(file).href)
    assert.equal(await compileForDirectImport(file, source, cache), compiled, 'the second time it is taken from the cache')
  })

  test('a script importing a sibling file is left to the loader hooks, and imports all the same', async () => {
    write('hooked/helper.ts', 'export const answer: number = 42\n')
    const source = "import { answer } from './helper.js'\nexport const doubled = answer * 2\n"
    const file = write('hooked/b.ts', source)
    assert.equal(await compileForDirectImport(file, source, cache), undefined)
    const module = await importModule(file)
    assert.equal(module['doubled'], 84)
  })

  test("a sibling imported without an extension, or a folder by its index, as moduleResolution 'bundler' allows", async () => {
    write('bare/columns.ts', 'export const width: number = 40\n')
    write('bare/plain.mjs', 'export const plain = 1\n')
    write('bare/enums/index.ts', "export const kinds: string[] = ['a', 'b']\n")
    const source =
      "import { width } from './columns'\nimport { plain } from './plain'\nimport { kinds } from './enums'\n" +
      'export const all = [width, plain, kinds.length]\n'
    const module = await importModule(write('bare/models.ts', source))
    assert.deepEqual(module['all'], [40, 1, 2])
  })

  test('a sibling that is not there is named as the module wrote it', async () => {
    const file = write('missing/models.ts', "import { x } from './nothere.js'\nexport const y = x\n")
    await assert.rejects(importModule(file), (error: unknown) => {
      assert.match((error as Error).message, /nothere\.js/)
      assert.doesNotMatch((error as Error).message, /nothere\.ts/)
      return true
    })
  })

  test('an error thrown while loading names the TypeScript file and line', async () => {
    const file = write(
      'direct/throws.ts',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the script's own template literal
      "import type { Operations } from 'athanor'\n\nconst n: number = 1\nthrow new Error(`boom ${n}`)\n",
    )
    await assert.rejects(importModule(file), (error: unknown) => {
      assert.ok(isAthanorError(error, 'SCRIPT_LOAD'), String(error))
      assert.match((error as Error).message, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4: error while loading: boom 1`))
      return true
    })
  })
})
