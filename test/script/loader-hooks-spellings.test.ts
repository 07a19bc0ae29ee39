// A relative import without an extension is retried by the loader hooks as
// bundler resolution reads it. Two spellings went wrong: `./kinds/` (a
// folder, by its slash) took kinds.ts where a file of that name stood beside
// the folder, a different module without a word; and a query or hash
// (`./helper.js?v=1`) had the extension put after it, so the module was not
// found. Run in a process of its own on dist/: under tsx, tsx's resolver
// answers before athanor's hooks are asked.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { typeScriptSpellings } from '../../src/script/ts-loader-hooks.js'

const work = mkdtempSync(join(tmpdir(), 'athanor-spellings-'))
after(() => rmSync(work, { recursive: true, force: true }))
const IMPORT_MODULE = new URL('../../dist/script/import-module.js', import.meta.url).href

function write(name: string, text: string): string {
  const file = join(work, name)
  mkdirSync(join(file, '..'), { recursive: true })
  writeFileSync(file, text)
  return file
}

/** What the module exports as `all`, imported by the built loader in a fresh node. */
function importedAll(file: string): unknown {
  const code = `const { importModule } = await import(${JSON.stringify(IMPORT_MODULE)})
process.stdout.write(JSON.stringify((await importModule(${JSON.stringify(file)})).all))`
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' }))
}

describe('relative imports the loader hooks retry', () => {
  test('a folder written with its slash is its index, even beside a file of its name', () => {
    write('slash/kinds.ts', "export const from = 'file'\n")
    write('slash/kinds/index.ts', "export const from = 'folder'\n")
    const file = write('slash/models.ts', "import { from } from './kinds/'\nexport const all = [from]\n")
    assert.deepEqual(importedAll(file), ['folder'])
  })

  test('a query or a hash stays after the extension tried', () => {
    write('query/helper.ts', 'export const answer: number = 42\n')
    const source =
      "import { answer } from './helper.js?v=1'\nimport { answer as bare } from './helper?v=2'\n" +
      "import { answer as hashed } from './helper#h'\nexport const all = [answer, bare, hashed]\n"
    assert.deepEqual(importedAll(write('query/models.ts', source)), [42, 42, 42])
  })

  test('the spellings, as data', () => {
    assert.deepEqual(typeScriptSpellings('./kinds/'), ['./kinds/index.ts', './kinds/index.js'])
    assert.deepEqual(typeScriptSpellings('./helper.js?v=1'), ['./helper.ts?v=1'])
    assert.equal(typeScriptSpellings('./helper?v=2')[0], './helper.ts?v=2')
  })
})
