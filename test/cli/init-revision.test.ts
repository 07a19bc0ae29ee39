import assert from 'node:assert/strict'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { assertCleanError, cli, cliOk, runBin } from '../helpers/cli.js'
import { buildProject, chain, migrationLog, versionRows, type Project } from '../helpers/project.js'

const projects: Project[] = []
function project(...args: Parameters<typeof buildProject>): Project {
  const made = buildProject(...args)
  projects.push(made)
  return made
}
after(() =>
  projects.forEach((made) => {
    made.cleanup()
  }),
)

/** The revision id a `revision` run reports (`Generating <path> ... done`). */
function generated(stderr: string): { path: string; id: string } {
  const path = /^Generating (.+) \.\.\. done$/m.exec(stderr)?.[1]
  assert.ok(path, `no 'Generating' line in: ${stderr}`)
  const id = /export const revision = '([^']+)'/.exec(readFileSync(path, 'utf8'))?.[1]
  assert.ok(id, `no revision export in ${path}`)
  return { path, id }
}

function exportOf(path: string, name: string): string {
  const match = new RegExp(`^export const ${name}\\b[^=]*= (.*)$`, 'm').exec(readFileSync(path, 'utf8'))
  assert.ok(match, `no export ${name} in ${path}`)
  return match[1]!
}

describe('init', () => {
  test('scaffolds versions/, config, template and README', async () => {
    const made = project()
    const dir = join(made.root, 'fresh')
    const result = await cliOk(['init', dir])
    for (const name of ['athanor.config.ts', 'script.ts.template', 'README.md']) {
      assert.ok(statSync(join(dir, name)).isFile(), `${name} missing`)
      assert.match(result.stderr, new RegExp(`Created .*${name.replace('.', '\\.')}`))
    }
    assert.ok(statSync(join(dir, 'versions')).isDirectory())
    assert.deepEqual(readdirSync(join(dir, 'versions')), [])
    assert.match(readFileSync(join(dir, 'athanor.config.ts'), 'utf8'), /defineConfig\(/)
  })

  test('-d names the folder when no positional is given, and the scaffold works end to end', async () => {
    const made = project()
    const dir = join(made.root, 'db')
    await cliOk(['-d', dir, 'init'])
    assert.ok(existsSync(join(dir, 'athanor.config.ts')))
    // The generated config imports from 'athanor'; it must load in a project that has no local install.
    const rev = generated((await cliOk(['revision', '-d', dir, '--url', made.url, '-m', 'first'])).stderr)
    await cliOk(['upgrade', '-d', dir, '--url', made.url])
    assert.deepEqual(versionRows(made.dbPath), [rev.id])
  })

  test('refuses a folder that is not empty, with one line, and writes nothing', async () => {
    const made = project()
    const dir = join(made.root, 'taken')
    await cliOk(['init', dir])
    writeFileSync(join(dir, 'README.md'), 'mine')
    const result = await cli(['init', dir])
    assertCleanError(result, 'taken', 'not empty')
    assert.equal(readFileSync(join(dir, 'README.md'), 'utf8'), 'mine')
  })

  test('init --url writes that URL into the config', async () => {
    const made = project()
    const dir = join(made.root, 'withurl')
    await cliOk(['init', dir, '--url', made.url])
    assert.match(readFileSync(join(dir, 'athanor.config.ts'), 'utf8'), new RegExp(`url: '${made.url.replace(/[/.]/g, '\\$&')}'`))
    await cliOk(['-d', dir, 'revision', '-m', 'one', '--rev-id', 'one000000001'])
    // No --url now: the config's URL is the one used.
    await cliOk(['-d', dir, 'upgrade'])
    assert.deepEqual(versionRows(made.dbPath), ['one000000001'])
  })

  test('a path that is a file, or under one, is refused with one line', async () => {
    const made = project()
    const file = join(made.root, 'afile')
    writeFileSync(file, 'x')
    assertCleanError(await cli(['init', file]), file, 'not a directory')
    assertCleanError(await cli(['init', join(file, 'sub')]), join(file, 'sub'))
    assert.equal(readFileSync(file, 'utf8'), 'x')
  })

  test('an empty existing folder is fine', async () => {
    const made = project()
    // buildProject made migrations/versions; a bare empty folder is what init may fill.
    const dir = join(made.root, 'empty')
    await cliOk(['init', dir])
    const again = join(made.root, 'empty2')
    await import('node:fs').then((fs) => fs.mkdirSync(again))
    await cliOk(['init', again])
    assert.ok(existsSync(join(again, 'versions')))
  })
})

describe('init in a project whose config sits at its root', () => {
  // The README's root config, verbatim: it names the migrations folder.
  const ROOT_CONFIG = [
    "import { defineConfig, env } from 'athanor'",
    '',
    'export default defineConfig({',
    "  url: env('DATABASE_URL'),",
    "  directory: 'db/migrations',",
    "  models: 'src/models.ts',",
    '})',
    '',
  ].join('\n')

  function rootProject(): { root: string; migrations: string; env: Record<string, string>; dbPath: string } {
    const made = project()
    rmSync(made.migrations, { recursive: true })
    writeFileSync(join(made.root, 'athanor.config.ts'), ROOT_CONFIG)
    mkdirSync(join(made.root, 'src'))
    return { root: made.root, migrations: join(made.root, 'db', 'migrations'), env: { DATABASE_URL: made.url }, dbPath: made.dbPath }
  }

  for (const where of ['the root', 'a folder below it']) {
    test(`init with no folder, run from ${where}, makes the folder the config names, without a second config`, async () => {
      const made = rootProject()
      const cwd = where === 'the root' ? made.root : join(made.root, 'src')
      const result = await runBin(['init'], { cwd })
      assert.equal(result.status, 0, result.stderr)
      assert.deepEqual(readdirSync(made.migrations).sort(), ['README.md', 'script.ts.template', 'versions'])
      assert.equal(existsSync(join(made.root, 'migrations')), false)
      assert.match(
        result.stderr,
        new RegExp(`No config written in ${made.migrations}: ${join(made.root, 'athanor.config.ts')} names this folder`),
      )
      // No loop: the commands find the folder init made.
      const rev = generated((await runBin(['revision', '-m', 'first'], { cwd, env: made.env })).stderr)
      assert.ok(rev.path.startsWith(join(made.migrations, 'versions')))
      const up = await runBin(['upgrade'], { cwd, env: made.env })
      assert.equal(up.status, 0, up.stderr)
      assert.deepEqual(versionRows(made.dbPath), [rev.id])
    })
  }

  test('init naming the folder the root config names writes no second config either', async () => {
    const made = rootProject()
    const result = await runBin(['init', 'db/migrations'], { cwd: made.root })
    assert.equal(result.status, 0, result.stderr)
    assert.equal(existsSync(join(made.migrations, 'athanor.config.ts')), false)
    assert.ok(existsSync(join(made.migrations, 'versions')))
  })

  test('init naming another folder scaffolds it whole, config included, for -d', async () => {
    const made = rootProject()
    const result = await runBin(['init', 'other'], { cwd: made.root })
    assert.equal(result.status, 0, result.stderr)
    assert.ok(existsSync(join(made.root, 'other', 'athanor.config.ts')))
    assert.equal(existsSync(made.migrations), false)
  })
})

describe('revision', () => {
  test('-m gives the file name its slug; ids are 12 hex characters; the first revision is a base', async () => {
    const made = project()
    const result = await cliOk([...made.base, 'revision', '-m', 'Add email column!'])
    const { path, id } = generated(result.stderr)
    assert.match(id, /^[0-9a-f]{12}$/)
    assert.equal(path, join(made.versions, `${id}_add_email_column.ts`))
    assert.equal(exportOf(path, 'downRevision'), 'null')
    const text = readFileSync(path, 'utf8')
    assert.match(text, /^\/\*\* Add email column!/)
    assert.match(text, new RegExp(`Revision ID: ${id}`))
    assert.match(text, /export async function upgrade\(_op: Operations\)/)

    const second = generated((await cliOk([...made.base, 'revision', '-m', 'second'])).stderr)
    assert.notEqual(second.id, id)
    assert.equal(exportOf(second.path, 'downRevision'), `'${id}'`)
    const heads = JSON.parse((await cliOk([...made.base, 'heads', '--json'])).stdout) as Array<{ revision: string }>
    assert.deepEqual(
      heads.map((view) => view.revision),
      [second.id],
    )
  })

  test('generated scripts run: upgrade and downgrade of empty bodies move the version rows', async () => {
    const made = project()
    const a = generated((await cliOk([...made.base, 'revision', '-m', 'one'])).stderr)
    const b = generated((await cliOk([...made.base, 'revision', '-m', 'two'])).stderr)
    await cliOk([...made.base, 'upgrade'])
    assert.deepEqual(versionRows(made.dbPath), [b.id])
    await cliOk([...made.base, 'downgrade'])
    assert.deepEqual(versionRows(made.dbPath), [a.id])
  })

  test('--rev-id with letters, digits and _ is used as is', async () => {
    const made = project()
    const { path, id } = generated((await cliOk([...made.base, 'revision', '-m', 'x', '--rev-id', 'My_Rev_01'])).stderr)
    assert.equal(id, 'My_Rev_01')
    assert.equal(path, join(made.versions, 'My_Rev_01_x.ts'))
  })

  for (const bad of ['a@b', 'a-b', 'a+b', 'a:b']) {
    test(`--rev-id ${bad} is refused naming the character`, async () => {
      const made = project()
      const char = bad[1]!
      assertCleanError(await cli([...made.base, 'revision', '-m', 'x', '--rev-id', bad]), `"${bad}"`, `"${char}"`)
      assert.deepEqual(readdirSync(made.versions), [])
    })
  }

  test('--rev-id of an existing revision is refused naming its file', async () => {
    const made = project(chain(['abc123']))
    assertCleanError(await cli([...made.base, 'revision', '-m', 'x', '--rev-id', 'abc123']), 'abc123', 'abc123_create_t_abc123.ts')
  })

  test('--head REV on a non-head needs --splice; with it a new branch starts', async () => {
    const made = project(chain(['aaa111', 'bbb222']))
    assertCleanError(await cli([...made.base, 'revision', '-m', 'x', '--head', 'aaa111']), 'aaa111', '--splice')
    const { path, id } = generated(
      (await cliOk([...made.base, 'revision', '-m', 'side', '--head', 'aaa111', '--splice', '--rev-id', 'ccc333'])).stderr,
    )
    assert.equal(id, 'ccc333')
    assert.equal(exportOf(path, 'downRevision'), "'aaa111'")
    const heads = JSON.parse((await cliOk([...made.base, 'heads', '--json'])).stdout) as Array<{ revision: string }>
    assert.deepEqual(heads.map((view) => view.revision).sort(), ['bbb222', 'ccc333'])
  })

  test('--head base starts a new root; --branch-label names it; label@head extends that branch', async () => {
    const made = project(chain(['aaa111']))
    const root = generated(
      (await cliOk([...made.base, 'revision', '-m', 'billing root', '--head', 'base', '--branch-label', 'billing', '--rev-id', 'bill01']))
        .stderr,
    )
    assert.equal(exportOf(root.path, 'downRevision'), 'null')
    assert.equal(exportOf(root.path, 'branchLabels'), "['billing']")
    const next = generated(
      (await cliOk([...made.base, 'revision', '-m', 'billing two', '--head', 'billing@head', '--rev-id', 'bill02'])).stderr,
    )
    assert.equal(exportOf(next.path, 'downRevision'), "'bill01'")
    const other = generated((await cliOk([...made.base, 'revision', '-m', 'main two', '--head', 'aaa111', '--rev-id', 'aaa222'])).stderr)
    assert.equal(exportOf(other.path, 'downRevision'), "'aaa111'")
    await cliOk([...made.base, 'upgrade', 'heads'])
    assert.deepEqual(versionRows(made.dbPath), ['aaa222', 'bill02'])
  })

  test('--depends-on records full ids (from a partial one) and labels', async () => {
    const made = project([
      { id: 'aaa111', down: null },
      { id: 'bbb222', down: null, labels: ['other'] },
    ])
    const result = generated(
      (
        await cliOk([
          ...made.base,
          'revision',
          '-m',
          'dep',
          '--head',
          'aaa111',
          '--depends-on',
          'bbb2',
          '--depends-on',
          'other',
          '--rev-id',
          'ccc333',
        ])
      ).stderr,
    )
    assert.equal(exportOf(result.path, 'dependsOn'), "['bbb222', 'other']")
    // Upgrading to the dependent applies its dependency first.
    await cliOk([...made.base, 'upgrade', 'ccc333'])
    assert.deepEqual(migrationLog(made.dbPath).slice(0, 2).sort(), ['aaa111:up', 'bbb222:up'])
    // A dependency is an ancestor for the version table: one row, as Alembic keeps.
    assert.deepEqual(versionRows(made.dbPath), ['ccc333'])
  })

  test('several heads and no --head: one clear line naming the heads and the ways out', async () => {
    const made = project([
      { id: 'aaa111', down: null },
      { id: 'bbb222', down: 'aaa111' },
      { id: 'ccc333', down: 'aaa111' },
    ])
    const line = assertCleanError(await cli([...made.base, 'revision', '-m', 'x']), 'bbb222', 'ccc333')
    assert.match(line, /--head|label@head/)
    assert.match(line, /merge/)
    assert.equal(readdirSync(made.versions).length, 3)
  })

  test('--depends-on an unknown revision fails naming it', async () => {
    const made = project(chain(['aaa111']))
    assertCleanError(await cli([...made.base, 'revision', '-m', 'x', '--depends-on', 'zzzz99']), 'zzzz99')
  })

  test('a duplicate --branch-label is refused naming the label', async () => {
    const made = project([{ id: 'aaa111', down: null, labels: ['core'] }])
    assertCleanError(await cli([...made.base, 'revision', '-m', 'x', '--head', 'base', '--branch-label', 'core']), 'core')
    assert.equal(readdirSync(made.versions).length, 1)
  })

  test('a scriptTemplate the config names that does not exist is refused naming it; no script is written', async () => {
    const made = project(chain(['aaa111']))
    // The folder's own template exists: it must not stand in for the one the config names.
    writeFileSync(join(made.migrations, 'script.ts.template'), readFileSync(join('templates', 'script.ts.template'), 'utf8'))
    made.config("export default { scriptTemplate: 'nonexistent/zzz.template' }\n")
    const line = assertCleanError(
      await cli([...made.base, 'revision', '-m', 't']),
      { code: 'TEMPLATE_NOT_FOUND' },
      join(made.migrations, 'nonexistent', 'zzz.template'),
      'scriptTemplate',
    )
    assert.match(line, /not found/)
    assert.equal(readdirSync(made.versions).length, 1)
  })

  test('a scriptTemplate the config names is used', async () => {
    const made = project(chain(['aaa111']))
    writeFileSync(join(made.migrations, 'mine.template'), '// mine\nexport const revision = {{revisionLiteral}}\n')
    made.config("export default { scriptTemplate: 'mine.template' }\n")
    const { path } = generated((await cliOk([...made.base, 'revision', '-m', 't'])).stderr)
    assert.match(readFileSync(path, 'utf8'), /^\/\/ mine\n/)
  })
})

describe('merge', () => {
  test('merge heads writes a mergepoint of both heads; upgrade then leaves one row', async () => {
    const made = project([
      { id: 'aaa111', down: null },
      { id: 'bbb222', down: 'aaa111', ext: 'js' },
      { id: 'ccc333', down: 'aaa111' },
    ])
    await cliOk([...made.base, 'upgrade', 'heads'])
    assert.deepEqual(versionRows(made.dbPath), ['bbb222', 'ccc333'])
    const merged = generated((await cliOk([...made.base, 'merge', '-m', 'join', 'heads', '--rev-id', 'mmm999'])).stderr)
    assert.equal(exportOf(merged.path, 'downRevision'), "['bbb222', 'ccc333']")
    const heads = JSON.parse((await cliOk([...made.base, 'heads', '--json'])).stdout) as Array<{ revision: string; isMergePoint: boolean }>
    assert.deepEqual(
      heads.map((view) => [view.revision, view.isMergePoint]),
      [['mmm999', true]],
    )
    await cliOk([...made.base, 'upgrade'])
    assert.deepEqual(versionRows(made.dbPath), ['mmm999'])
    await cliOk([...made.base, 'downgrade', 'bbb222'])
    assert.deepEqual(versionRows(made.dbPath), ['bbb222', 'ccc333'])
    // The merge script's body is the template's (empty): no table of either branch was touched.
    assert.deepEqual(migrationLog(made.dbPath).sort(), ['aaa111:up', 'bbb222:up', 'ccc333:up'])
  })

  test('merge of explicit partial ids', async () => {
    const made = project([
      { id: 'aaa111', down: null },
      { id: 'bbb222', down: 'aaa111' },
      { id: 'ccc333', down: 'aaa111' },
    ])
    const merged = generated((await cliOk([...made.base, 'merge', '-m', 'join', 'bbb2', 'ccc3'])).stderr)
    assert.equal(exportOf(merged.path, 'downRevision'), "['bbb222', 'ccc333']")
  })

  test('merge without revisions fails with a usage line', async () => {
    const made = project(chain(['aaa111']))
    assertCleanError(await cli([...made.base, 'merge', '-m', 'x']), { code: 'MERGE_NEEDS_REVISIONS' }, /merge .*heads/)
  })
})

describe('several version locations', () => {
  test('a new revision goes where its parent is, even when one folder name is a prefix of another', async () => {
    const made = project([{ id: 'main00000001', down: null }])
    made.config("export default { versionLocations: ['versions', 'versions_extra'] }\n")
    mkdirSync(join(made.migrations, 'versions_extra'))
    const extra = generated(
      (
        await cliOk([
          ...made.base,
          'revision',
          '-m',
          'extra root',
          '--head',
          'base',
          '--version-path',
          'versions_extra',
          '--rev-id',
          'xtra00000001',
        ])
      ).stderr,
    )
    assert.equal(extra.path, join(made.migrations, 'versions_extra', 'xtra00000001_extra_root.ts'))
    const child = generated(
      (await cliOk([...made.base, 'revision', '-m', 'extra child', '--head', 'xtra00000001', '--rev-id', 'xtra00000002'])).stderr,
    )
    assert.equal(child.path, join(made.migrations, 'versions_extra', 'xtra00000002_extra_child.ts'))
    await cliOk([...made.base, 'upgrade', 'heads'])
    assert.deepEqual(versionRows(made.dbPath), ['main00000001', 'xtra00000002'])
  })

  test('an unknown --version-path lists the locations as the config spells them', async () => {
    const made = project([{ id: 'main00000001', down: null }])
    made.config("export default { versionLocations: ['versions', 'more'] }\n")
    mkdirSync(join(made.migrations, 'more'))
    const line = assertCleanError(await cli([...made.base, 'revision', '-m', 'x', '--version-path', 'nowhere']), 'nowhere')
    assert.match(line, /\(versions, more\)$/)
  })
})
