// How much of real Alembic projects convert-alembic translates: for each
// project of test/fixtures/alembic-corpus (or the folders given), a dry run
// into a fresh athanor project, then the share of revisions whose upgrade
// and downgrade were both translated, per project and over all of them.
// With --reasons, the reasons left, most frequent first. A project's
// `site-packages` folder (libraries its scripts import constants from, as a
// virtualenv would hold them) is put on PYTHONPATH while it converts.
//
//   node scripts/build.mjs && node bench/alembic-corpus.mjs [--reasons] [PROJECT_DIR...]
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const { convertAlembic } = await import(join(root, 'dist', 'bundle', 'index.js'))
const corpus = join(root, 'test', 'fixtures', 'alembic-corpus')
const args = process.argv.slice(2)
const showReasons = args.includes('--reasons')
const projects = args.filter((a) => !a.startsWith('--'))
const folders = projects.length > 0 ? projects : readdirSync(corpus).map((name) => join(corpus, name))

/** The folder named `versions` under a project (the outermost one: nested release folders sit inside it). */
function versionsFolder(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name)
    if (!statSync(path).isDirectory()) continue
    if (name === 'versions') return path
    const inner = versionsFolder(path)
    if (inner !== undefined) return inner
  }
  return undefined
}

const reasons = new Map()
let total = 0
let full = 0
for (const folder of folders) {
  const source = versionsFolder(folder)
  if (source === undefined) continue
  const work = mkdtempSync(join(tmpdir(), 'athanor-corpus-'))
  const sitePackages = join(folder, 'site-packages')
  if (existsSync(sitePackages)) process.env.PYTHONPATH = sitePackages
  else delete process.env.PYTHONPATH
  try {
    const init = spawnSync(process.execPath, [join(root, 'bin', 'athanor.js'), 'init', join(work, 'migrations')], { encoding: 'utf8' })
    if (init.status !== 0) throw new Error(init.stderr)
    const result = await convertAlembic({ directory: join(work, 'migrations'), source, dryRun: true })
    const scripts = result.converted
    const done = scripts.filter((s) => s.upgrade.translated && s.downgrade.translated).length
    const unreadable = result.leftOut?.length ?? 0
    total += scripts.length + unreadable
    full += done
    for (const s of scripts) {
      for (const body of [s.upgrade, s.downgrade]) {
        if (body.translated) continue
        const why = String(body.reason).replace(/^line \d+: `[^`]*`: /, '')
        reasons.set(why, (reasons.get(why) ?? 0) + 1)
      }
    }
    const count = scripts.length + unreadable
    const rate = count === 0 ? 0 : (100 * done) / count
    console.log(`${folder.split('/').at(-1)}: ${done}/${count} revisions fully converted (${rate.toFixed(0)}%)`)
  } catch (error) {
    console.log(`${folder.split('/').at(-1)}: refused: ${error.message}`)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
console.log(`all: ${full}/${total} (${total === 0 ? 0 : ((100 * full) / total).toFixed(0)}%)`)
if (showReasons) for (const [why, n] of [...reasons].sort((a, b) => b[1] - a[1])) console.log(`${String(n).padStart(4)}  ${why}`)
