import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, test } from 'node:test'
import { assertCleanError, cli, cliOk, runBin, STACK_FRAME } from '../helpers/cli.js'
import { chain, migrationLog, scriptFileName, tableNames, versionRows, type RevisionDef, temporaryProjects } from '../helpers/project.js'

const project = temporaryProjects()

/** The 1-based line of `text` in a file. */
function lineOf(file: string, text: string): number {
  const index = readFileSync(file, 'utf8').split('\n').indexOf(text)
  assert.ok(index >= 0, `${text} not in ${file}`)
  return index + 1
}

const BRANCHED: RevisionDef[] = [
  { id: 'aaaa00000001', down: null },
  { id: 'bbbb00000002', down: 'aaaa00000001' },
  { id: 'cccc00000003', down: 'bbbb00000002', labels: ['main'] },
  { id: 'dddd00000004', down: 'bbbb00000002', labels: ['feature'], ext: 'js' },
]

describe('errors: one line, exit 1, no stack trace', () => {
  test("can't locate revision, naming it", async () => {
    const made = project(chain(['ab12cd34ef56', 'bc23de45fa67']))
    assertCleanError(await cli([...made.base, 'upgrade', 'ffff9999']), 'ffff9999')
    assertCleanError(await cli([...made.base, 'show', 'nothere']), 'nothere')
    assert.equal(tableNames(made.dbPath).includes('t_ab12cd34ef56'), false)
  })

  test('ambiguous partial id lists the candidates', async () => {
    const made = project(chain(['ae1027a6acf0', 'ae10b8d31c22']))
    assertCleanError(await cli([...made.base, 'upgrade', 'ae10']), 'ae10', 'ae1027a6acf0', 'ae10b8d31c22')
    assertCleanError(await cli([...made.base, 'show', 'ae10']), 'ae1027a6acf0', 'ae10b8d31c22')
  })

  test('several heads where one is needed says how to choose', async () => {
    const made = project(BRANCHED)
    const line = assertCleanError(await cli([...made.base, 'upgrade']), 'cccc00000003', 'dddd00000004')
    assert.match(line, /label@head/)
    assert.match(line, /heads/)
    assert.match(line, /merge/)
    assert.equal(versionRows(made.dbPath).length, 0)
  })

  test('revision with several heads and no --head', async () => {
    const made = project(BRANCHED)
    assertCleanError(await cli([...made.base, 'revision', '-m', 'more']), 'cccc00000003', 'dddd00000004', '--head')
  })

  test('a cycle names the revisions in it', async () => {
    const made = project([
      { id: 'base00000000', down: null },
      { id: 'cyc100000001', down: ['base00000000', 'cyc300000003'] },
      { id: 'cyc200000002', down: 'cyc100000001' },
      { id: 'cyc300000003', down: 'cyc200000002' },
      { id: 'head00000004', down: 'cyc300000003' },
    ])
    for (const verb of [['heads'], ['history'], ['upgrade']]) {
      assertCleanError(await cli([...made.base, ...verb]), /cycle/i, 'cyc100000001', 'cyc200000002', 'cyc300000003')
    }
  })

  test('a self-loop names the revision', async () => {
    const made = project([
      { id: 'base00000000', down: null },
      { id: 'self00000001', down: 'self00000001' },
    ])
    assertCleanError(await cli([...made.base, 'history']), 'self00000001')
  })

  test('a duplicate revision id names both files', async () => {
    const made = project([{ id: 'dup000000001', down: null }])
    const first = join(made.versions, scriptFileName({ id: 'dup000000001' }))
    const second = made.write({ id: 'dup000000001', down: null, message: 'again', ext: 'js' })
    assertCleanError(await cli([...made.base, 'heads']), 'dup000000001', first, second)
  })

  test('a downRevision no script has names the file and the missing id', async () => {
    const made = project([{ id: 'root00000001', down: null }])
    const orphan = made.write({ id: 'orph00000002', down: 'gone00000000' })
    assertCleanError(await cli([...made.base, 'history']), 'gone00000000', orphan)
    assertCleanError(await cli([...made.base, 'upgrade']), 'gone00000000', orphan)
  })

  test('a dependsOn no script has names the file', async () => {
    const made = project([{ id: 'root00000001', down: null }])
    const file = made.write({ id: 'deps00000002', down: 'root00000001', dependsOn: ['gone00000000'] })
    assertCleanError(await cli([...made.base, 'history']), 'gone00000000', file)
  })

  test('a duplicate branch label names the label', async () => {
    const made = project([
      { id: 'lab100000001', down: null, labels: ['shared'] },
      { id: 'lab200000002', down: null, labels: ['shared'] },
    ])
    assertCleanError(await cli([...made.base, 'heads']), "'shared'")
  })

  test('a database stamped with a revision no script has: the message says stamp --purge, which fixes it', async () => {
    const made = project(chain(['good00000001', 'good00000002']))
    await cliOk([...made.base, 'upgrade'])
    const db = new Database(made.dbPath)
    db.prepare('UPDATE athanor_version SET version_num = ?').run('lost00000009')
    db.close()
    for (const verb of [['current'], ['upgrade'], ['downgrade'], ['history', '-i'], ['stamp', 'head']]) {
      assertCleanError(await cli([...made.base, ...verb]), 'lost00000009', 'stamp --purge')
    }
    assert.deepEqual(versionRows(made.dbPath), ['lost00000009'])
    await cliOk([...made.base, 'stamp', '--purge', 'head'])
    assert.deepEqual(versionRows(made.dbPath), ['good00000002'])
    assert.equal((await cliOk([...made.base, 'current'])).stdout, 'good00000002 (head)\n')
    assert.deepEqual(migrationLog(made.dbPath), ['good00000001:up', 'good00000002:up'])
  })

  test('a syntax error in a .ts script names the file and line; nothing runs', async () => {
    const made = project(chain(['syn000000001']))
    const bad = made.write({ id: 'syn000000002', down: 'syn000000001', upgrade: "  await op.execute('SELECT 1')\n  const = 3" })
    assertCleanError(await cli([...made.base, 'upgrade']), `${bad}:${lineOf(bad, '  const = 3')}`, /syntax/i)
    // Every script loads before any runs: the good first migration was not applied either.
    assert.deepEqual(versionRows(made.dbPath), [])
    assert.deepEqual(migrationLog(made.dbPath), [])
  })

  test('a syntax error in a .js script names the file and line', async () => {
    const made = project(chain(['sjs000000001']))
    const bad = made.write({ id: 'sjs000000002', down: 'sjs000000001', ext: 'js', upgrade: '  let x = ;' })
    assertCleanError(await cli([...made.base, 'upgrade']), `${bad}:${lineOf(bad, '  let x = ;')}`, /syntax/i)
  })

  test('a script importing a name athanor does not export names the script and line, and no syntax error', async () => {
    const made = project(chain(['imp000000001']))
    const importLine = "import { nothere } from 'athanor'"
    const bad = made.write({ id: 'imp000000002', down: 'imp000000001', extra: `${importLine}\nnothere()` })
    for (const argv of [['upgrade'], ['upgrade', '--sql']]) {
      const line = assertCleanError(
        await runBin([...made.base, ...argv], { cwd: made.root }),
        { code: 'SCRIPT_IMPORT' },
        `${bad}:${lineOf(bad, importLine)}`,
        "'nothere'",
        "'athanor'",
      )
      assert.doesNotMatch(line, /syntax error|[0-9a-f]{40}\.mjs|file:\/\//, argv.join(' '))
    }
    assert.deepEqual(versionRows(made.dbPath), [])
  })

  test('a script that throws while loading names the file and line', async () => {
    const made = project(chain(['thr000000001']))
    const bad = made.write({ id: 'thr000000002', down: 'thr000000001', extra: "throw new Error('boom at load')" })
    assertCleanError(await cli([...made.base, 'upgrade']), bad, 'boom at load')
  })

  test('a missing upgrade export names the file', async () => {
    const made = project([{ id: 'noup00000001', down: null }])
    const bad = made.writeRaw(
      'noup00000002_x.ts',
      [
        "export const revision = 'noup00000002'",
        "export const downRevision = 'noup00000001'",
        'export const branchLabels = null',
        'export const dependsOn = null',
        'export async function downgrade() {}',
        '',
      ].join('\n'),
    )
    assertCleanError(await cli([...made.base, 'upgrade']), bad, "'function upgrade(op)'")
    assert.deepEqual(versionRows(made.dbPath), [])
  })

  test('a missing revision export names the file', async () => {
    const made = project([])
    const bad = made.writeRaw(
      'norev_x.js',
      'export const downRevision = null\nexport async function upgrade() {}\nexport async function downgrade() {}\n',
    )
    assertCleanError(await cli([...made.base, 'heads']), bad, 'revision')
  })

  test('an unreachable target: downgrade to a revision that is not below the current one', async () => {
    const made = project(chain(['unr000000001', 'unr000000002', 'unr000000003']))
    await cliOk([...made.base, 'upgrade', 'unr000000001'])
    assertCleanError(await cli([...made.base, 'downgrade', 'unr000000003']), 'unr000000003')
    const branched = project(BRANCHED)
    await cliOk([...branched.base, 'upgrade', 'main@head'])
    assertCleanError(await cli([...branched.base, 'downgrade', 'dddd00000004']), 'dddd00000004')
    assert.deepEqual(versionRows(branched.dbPath), ['cccc00000003'])
  })

  test('a migration that fails at run time names the revision, its file and the statement', async () => {
    const made = project([{ id: 'run000000001', down: null, upgrade: "  await op.execute('INSERT INTO no_such_table VALUES (1)')" }])
    assertCleanError(await cli([...made.base, 'upgrade']), 'run000000001', 'run000000001_create_t_run000000001.ts', 'no_such_table')
  })

  test('usage errors: unknown option, unknown command, missing argument, bad -x', async () => {
    const made = project(chain(['use000000001']))
    assertCleanError(await cli([...made.base, 'upgrade', '--frobnicate']), { code: 'UNKNOWN_OPTION' }, '--frobnicate', 'upgrade')
    assertCleanError(await cli([...made.base, 'frobnicate']), { code: 'UNKNOWN_COMMAND' }, 'frobnicate')
    assertCleanError(await cli([...made.base, 'show']), { code: 'MISSING_ARGUMENT' }, 'show')
    assertCleanError(await cli([...made.base, 'stamp']), { code: 'MISSING_ARGUMENT' }, 'stamp')
    assertCleanError(await cli([...made.base, '-x', 'novalue', 'upgrade']), { code: 'INVALID_X_ARGUMENT' }, 'novalue')
  })

  test('a missing migrations folder says to run init', async () => {
    const made = project([])
    assertCleanError(await cli(['-d', join(made.root, 'nope'), '--url', made.url, 'heads']), 'nope', 'init')
  })

  test('no database URL anywhere says where to put one', async () => {
    const made = project(chain(['nou000000001']))
    assertCleanError(await cli(['-d', made.migrations, 'current']), '--url', 'DATABASE_URL')
  })

  test('--verbose adds the stack; without it there is none', async () => {
    const made = project(chain(['vvv000000001']))
    const plain = await cli([...made.base, 'upgrade', 'zzzz0000'])
    assert.doesNotMatch(plain.stderr, STACK_FRAME)
    const verbose = await cli([...made.base, 'upgrade', 'zzzz0000', '--verbose'])
    assert.equal(verbose.status, 1)
    assert.match(verbose.stderr, STACK_FRAME)
    assert.match(verbose.stderr, /^error: .*zzzz0000/m)
  })

  test('a password in --url never reaches the output', async () => {
    const made = project(chain(['pwd000000001']))
    // Port 1 refuses at once: the failure path, where drivers like to echo the connection string.
    const result = await cli(['-d', made.migrations, '--url', 'mysql://admin:s3cr3t-pw@127.0.0.1:1/app', 'current'])
    assertCleanError(result, '127.0.0.1')
    assert.doesNotMatch(result.stderr + result.stdout, /s3cr3t-pw/)
  })

  test('history -r with a relative start counts down from the heads', async () => {
    const made = project(chain(['rel000000001', 'rel000000002']))
    assertCleanError(await cli([...made.base, 'history', '-r', '-9:']), '-9')
    const two = await cliOk([...made.base, 'history', '-r', '-2:'])
    assert.deepEqual(
      two.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => /-> ([0-9a-z]+)/.exec(line)?.[1]),
      ['rel000000002', 'rel000000001'],
    )
  })
})
