// A TypeScript config is compiled once: its compiled form is cached sealed
// under a key only its source gives, so a command with a config starts no
// compiler, and the cache shows nothing of a password the config holds.
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { libraryEntryUrl } from '../../src/core/package-root.js'
import { COMPILED_FORMAT, compileInMemory } from '../../src/script/direct-import.js'
import { sealedCacheEntry } from '../../src/script/sealed-cache.js'

const work = mkdtempSync(join(tmpdir(), 'athanor-sealed-'))
after(() => rmSync(work, { recursive: true, force: true }))

function codeOf(url: string | undefined): string {
  const prefix = 'data:text/javascript;base64,'
  if (!url?.startsWith(prefix)) assert.fail(`not a data URL: ${url}`)
  return Buffer.from(url.slice(prefix.length), 'base64').toString('utf8')
}

describe('the sealed config cache', () => {
  const file = join(work, 'sealed', 'athanor.config.ts')
  const cache = join(work, 'sealed-cache')
  mkdirSync(cache, { recursive: true })
  const source =
    "import { defineConfig } from 'athanor'\nconst secret: string = 'Sealed-Canary-42'\nexport default defineConfig({ url: secret })\n"
  const material = `${COMPILED_FORMAT}\0${libraryEntryUrl().href}\0${file}\0${source}`

  test('holds the compiled config unreadable, and a second load takes it from there', async () => {
    const first = codeOf(await compileInMemory(file, source, cache))
    const names = readdirSync(cache)
    assert.deepEqual(names.length, 1)
    assert.ok(names[0]!.endsWith('.sealed'), names[0])
    assert.ok(!readFileSync(join(cache, names[0]!)).includes('Sealed-Canary-42'), 'the password is not on disk in the clear')
    assert.equal(sealedCacheEntry(cache, material).read(), first)
    // What the entry holds is what is loaded, with no compile: here a text no compiler would make.
    sealedCacheEntry(cache, material).write('export default { url: "from-the-cache" }\n')
    assert.equal(codeOf(await compileInMemory(file, source, cache)), 'export default { url: "from-the-cache" }\n')
  })

  test('a changed config, or a tampered entry, is compiled anew', async () => {
    const changed = source.replace('Sealed-Canary-42', 'Sealed-Canary-43')
    assert.ok(codeOf(await compileInMemory(file, changed, cache)).includes('Sealed-Canary-43'))
    for (const name of readdirSync(cache)) {
      const bytes = readFileSync(join(cache, name))
      bytes[bytes.length - 1]! ^= 1
      writeFileSync(join(cache, name), bytes)
    }
    assert.equal(sealedCacheEntry(cache, material).read(), undefined, 'a flipped bit fails authentication')
    assert.ok(codeOf(await compileInMemory(file, source, cache)).includes('Sealed-Canary-42'))
    assert.ok(sealedCacheEntry(cache, material).read()?.includes('Sealed-Canary-42'), 'rewritten')
  })
})
