// A config imports `defineConfig` and `env` from 'athanor': it is pointed at
// the light entry (src/light.ts), not at the whole library.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { libraryEntryUrl, lightEntryUrl } from '../../src/core/package-root.js'
import { compileInMemory, LIGHT_EXPORTS } from '../../src/script/direct-import.js'

const work = mkdtempSync(join(tmpdir(), 'athanor-light-'))
after(() => rmSync(work, { recursive: true, force: true }))

function codeOf(url: string | undefined): string {
  const prefix = 'data:text/javascript;base64,'
  if (!url?.startsWith(prefix)) assert.fail(`not a data URL: ${url}`)
  return Buffer.from(url.slice(prefix.length), 'base64').toString('utf8')
}

describe('the light entry', () => {
  test('exports exactly the names relocation sends to it, each the library’s own', async () => {
    const light: Record<string, unknown> = await import('../../src/light.js')
    const library: Record<string, unknown> = await import('../../src/index.js')
    assert.deepEqual(Object.keys(light).sort(), [...LIGHT_EXPORTS].sort())
    for (const name of LIGHT_EXPORTS) assert.equal(light[name], library[name], name)
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
})
