import assert from 'node:assert/strict'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, type TestContext, test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { scriptChecksum } from '../../src/script/checksum.js'
import { fileStamp } from '../../src/script/script-header-cache.js'
import { ScriptDirectory } from '../../src/script/script-directory.js'

const script = (message: string) =>
  `/** ${message} */\nexport const revision = 'aa0000000001'\nexport const downRevision = null\n` +
  'export async function upgrade() {}\nexport async function downgrade() {}\n'

describe('the script header cache', () => {
  const root = mkdtempSync(join(tmpdir(), 'athanor-header-cache-'))
  after(() => rmSync(root, { recursive: true, force: true }))
  const cache = join(root, 'cache')
  const migrations = join(root, 'migrations')
  const file = join(migrations, 'versions', 'aa0000000001_first.ts')
  mkdirSync(join(migrations, 'versions'), { recursive: true })

  test('a file changed within the last moments has no stamp: it is read every time', () => {
    writeFileSync(file, script('first words'))
    assert.equal(fileStamp(file), undefined)
    assert.match(fileStamp(file, Date.now() + 60_000) ?? '', /^\d+:\d+:[\d.]+:[\d.]+$/)
    assert.equal(fileStamp(join(root, 'missing.ts'), Date.now() + 60_000), undefined)
  })

  test('a settled file is known by its stamp, and an edit of the same size is read again', async (t) => {
    useCacheDir(t, cache)
    writeFileSync(file, script('first words'))
    // Until the file is old enough to have a stamp (see SETTLED_MS).
    while (fileStamp(file) === undefined) await sleep(250)
    const first = await ScriptDirectory.open(migrations)
    assert.equal(first.script('aa0000000001').message, 'first words')
    const cached = JSON.parse(readFileSync(join(cache, cacheFileName(cache)), 'utf8')) as { files: Record<string, [string, string]> }
    assert.deepEqual(cached.files[file], [fileStamp(file), scriptChecksum(script('first words'))])

    const known = await ScriptDirectory.open(migrations)
    assert.equal(known.script('aa0000000001').checksum, scriptChecksum(script('first words')))

    writeFileSync(file, script('other words'))
    const edited = await ScriptDirectory.open(migrations)
    assert.equal(edited.script('aa0000000001').message, 'other words')
    assert.equal(edited.script('aa0000000001').checksum, scriptChecksum(script('other words')))
  })

  test('each project has a cache of its own, holding only the scripts it has now', async (t) => {
    const shared = join(root, 'project-cache')
    useCacheDir(t, shared)
    const other = join(root, 'other-project')
    mkdirSync(join(other, 'versions'), { recursive: true })
    const kept = join(other, 'versions', 'bb0000000001_kept.ts')
    const gone = join(other, 'versions', 'bb0000000002_gone.ts')
    writeFileSync(kept, script('kept').replaceAll('aa0000000001', 'bb0000000001'))
    writeFileSync(gone, script('gone').replaceAll('aa0000000001', 'bb0000000002').replace('= null', "= 'bb0000000001'"))
    const settled = new Date(Date.now() - 60_000)
    for (const path of [file, kept, gone]) utimesSync(path, settled, settled)
    while ([file, kept, gone].some((path) => fileStamp(path) === undefined)) await sleep(250)
    await ScriptDirectory.open(migrations)
    await ScriptDirectory.open(other)
    const caches = readdirSync(shared).filter((name) => name.startsWith('script-headers-'))
    assert.equal(caches.length, 2, 'one file per project')
    const listed = () =>
      caches
        .map((name) =>
          Object.keys(readJson(join(shared, name)).files)
            .sort()
            .join(' '),
        )
        .sort()
    assert.deepEqual(listed(), [file, `${kept} ${gone}`].sort())

    rmSync(gone)
    assert.deepEqual(
      (await ScriptDirectory.open(other)).scripts.map((one) => one.id),
      ['bb0000000001'],
    )
    assert.deepEqual(listed(), [file, kept].sort(), "a removed script's entry is dropped")
  })

  test("another parser's cache is removed once unused for an hour, not while another copy of athanor may use it", async (t) => {
    const shared = join(root, 'shared-cache')
    mkdirSync(shared, { mode: 0o700 })
    useCacheDir(t, shared)
    const recent = join(shared, 'script-headers-00000000000000aa.json')
    const stale = join(shared, 'script-headers-00000000000000bb.json')
    for (const other of [recent, stale]) writeFileSync(other, '{"headers":{},"files":{}}')
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000)
    utimesSync(stale, twoHoursAgo, twoHoursAgo)
    await ScriptDirectory.open(migrations)
    assert.ok(existsSync(recent), 'kept: written within the hour')
    assert.ok(!existsSync(stale), 'removed: unused for two hours')
  })
})

/** Points the compile cache at `dir` for the rest of the test. */
function useCacheDir(t: TestContext, dir: string): void {
  const previous = process.env['ATHANOR_CACHE_DIR']
  process.env['ATHANOR_CACHE_DIR'] = dir
  t.after(() => {
    if (previous === undefined) delete process.env['ATHANOR_CACHE_DIR']
    else process.env['ATHANOR_CACHE_DIR'] = previous
  })
}

function readJson(path: string): { files: Record<string, unknown> } {
  return JSON.parse(readFileSync(path, 'utf8')) as { files: Record<string, unknown> }
}

function cacheFileName(cache: string): string {
  const names = readdirSync(cache).filter((name) => /^script-headers-[0-9a-f]+\.json$/.test(name))
  assert.equal(names.length, 1)
  return names[0]!
}
