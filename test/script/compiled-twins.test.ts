// `tsc` without `outDir` writes `x.js` (and `x.d.ts`) next to each `x.ts`
// in the versions folder: the .js file is the same revision compiled, not a
// second one, while a .js script with no TypeScript source is a script.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import ts from 'typescript'
import { migrationScriptNames } from '../../src/script/script-files.js'
import { cliOk } from '../helpers/cli.js'
import { migrationLog, temporaryProjects } from '../helpers/project.js'

const project = temporaryProjects()

/** What `tsc` without `outDir` leaves next to a script: its compiled `.js` and its `.d.ts`. */
function compileInPlace(versions: string): void {
  for (const name of readdirSync(versions).filter((file) => file.endsWith('.ts'))) {
    const source = readFileSync(join(versions, name), 'utf8')
    const output = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.NodeNext, target: ts.ScriptTarget.ES2022 } })
    writeFileSync(join(versions, name.replace(/\.ts$/, '.js')), output.outputText)
    writeFileSync(join(versions, name.replace(/\.ts$/, '.d.ts')), 'export declare const revision: string\n')
  }
}

describe('compiled twins of TypeScript scripts', () => {
  test('a .js or .mjs file with a .ts or .mts twin is left out; a .js file alone, or twinned only by a .d.ts, is kept', () => {
    assert.deepEqual(
      migrationScriptNames([
        'a1_add.d.ts',
        'a1_add.js',
        'a1_add.ts',
        'b2_more.js',
        'c3_esm.mjs',
        'c3_esm.mts',
        'd4_plain.d.ts',
        'd4_plain.js',
      ]),
      ['a1_add.ts', 'b2_more.js', 'c3_esm.mts', 'd4_plain.js'],
    )
    assert.deepEqual(migrationScriptNames(['.hidden.ts', '_draft.ts', 'notes.md', 'e5_x.mjs', 'e5_x.ts']), ['e5_x.mjs', 'e5_x.ts'])
  })

  test('upgrade runs each revision once in a folder tsc compiled in place, the .js-only revision included', async () => {
    const made = project([
      { id: 'tw0000000001', down: null, ext: 'ts' },
      { id: 'tw0000000002', down: 'tw0000000001', ext: 'ts' },
    ])
    compileInPlace(made.versions)
    made.write({ id: 'tw0000000003', down: 'tw0000000002', ext: 'js' })
    assert.equal(readdirSync(made.versions).filter((name) => name.endsWith('.js')).length, 3, 'two twins and one plain script')

    await cliOk(['upgrade', ...made.base])
    assert.deepEqual(migrationLog(made.dbPath), ['tw0000000001:up', 'tw0000000002:up', 'tw0000000003:up'])
    const history = await cliOk(['history', ...made.base])
    assert.deepEqual(history.stdout.trim().split('\n'), [
      'tw0000000002 -> tw0000000003 (head), create t_tw0000000003',
      'tw0000000001 -> tw0000000002, create t_tw0000000002',
      '<base> -> tw0000000001, create t_tw0000000001',
    ])
  })
})
