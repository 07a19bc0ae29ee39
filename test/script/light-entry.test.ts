// A config imports `defineConfig` and `env` from 'athanor': it is pointed at
// the light entry (src/light.ts), not at the whole library. A models file
// that imports the schema DSL is pointed at the models entry
// (src/models-entry.ts).
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { libraryEntryUrl, lightEntryUrl, modelsEntryUrl } from '../../src/core/package-root.js'
import { compileInMemory, LIGHT_EXPORTS, MODELS_EXPORTS } from '../../src/script/direct-import.js'

const work = mkdtempSync(join(tmpdir(), 'athanor-light-'))
after(() => rmSync(work, { recursive: true, force: true }))

function codeOf(url: string | undefined): string {
  const prefix = 'data:text/javascript;base64,'
  if (!url?.startsWith(prefix)) assert.fail(`not a data URL: ${url}`)
  return Buffer.from(url.slice(prefix.length), 'base64').toString('utf8')
}

/** The entry exports exactly `names`, each the very value the whole library exports. */
async function assertExportsLibraryNames(entry: Record<string, unknown>, names: ReadonlySet<string>): Promise<void> {
  const library: Record<string, unknown> = await import('../../src/index.js')
  assert.deepEqual(Object.keys(entry).sort(), [...names].sort())
  for (const name of names) assert.equal(entry[name], library[name], name)
}

describe('the light entry', () => {
  test('exports exactly the names relocation sends to it, each the library’s own', async () => {
    await assertExportsLibraryNames(await import('../../src/light.js'), LIGHT_EXPORTS)
  })

  test('a config importing only light names is pointed at it; any other import keeps the library', async () => {
    const file = join(work, 'migrations', 'athanor.config.ts')
    const lightOnly =
      "import { defineConfig, env as fromEnv } from 'athanor'\nexport default defineConfig({ url: fromEnv('DATABASE_URL') })\n"
    assert.ok(codeOf(await compileInMemory(file, lightOnly, undefined)).includes(JSON.stringify(lightEntryUrl().href)))
    for (const heavy of [
      "import { defineConfig, upgrade } from 'athanor'\nexport default defineConfig({ url: String(upgrade) })\n",
      "import * as athanor from 'athanor'\nexport default athanor.defineConfig({})\n",
    ]) {
      const code = codeOf(await compileInMemory(file, heavy, undefined))
      assert.ok(code.includes(JSON.stringify(libraryEntryUrl().href)), code)
      assert.ok(!code.includes(lightEntryUrl().href), code)
    }
  })

  test('the models entry exports exactly the names relocation sends to it, each the library’s own', async () => {
    await assertExportsLibraryNames(await import('../../src/models-entry.js'), MODELS_EXPORTS)
  })

  test('a models file is pointed at the models entry; light names alone keep the light one, others the library', async () => {
    const file = join(work, 'models.ts')
    const models =
      "import { col, defineModels, sql, table } from 'athanor'\n" +
      "export default defineModels(table('t', { id: col.integer().primaryKey(), at: col.timestamp().default(sql('now()')) }))\n"
    const code = codeOf(await compileInMemory(file, models, undefined))
    assert.ok(code.includes(JSON.stringify(modelsEntryUrl().href)), code)
    const typesOnly = "import { t } from 'athanor'\nexport const kind = t.integer()\n"
    assert.ok(codeOf(await compileInMemory(file, typesOnly, undefined)).includes(JSON.stringify(lightEntryUrl().href)))
    const mixed = "import { table, upgrade } from 'athanor'\nexport default [table, upgrade]\n"
    const mixedCode = codeOf(await compileInMemory(file, mixed, undefined))
    assert.ok(mixedCode.includes(JSON.stringify(libraryEntryUrl().href)), mixedCode)
    assert.ok(!mixedCode.includes(modelsEntryUrl().href), mixedCode)
  })
})
