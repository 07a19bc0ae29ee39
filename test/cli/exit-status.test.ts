// Exit statuses: 0 success; 1 a failure, or drift for check; 2 a usage
// error, or check unable to tell.
import assert from 'node:assert/strict'
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { chain, scriptFileName, temporaryProjects } from '../helpers/project.js'

const project = temporaryProjects()

describe('exit statuses', () => {
  test('no command prints the usage and exits 2; --help exits 0', async () => {
    const bare = await cli([])
    assert.equal(bare.status, 2)
    assert.match(bare.stdout, /^usage: athanor/)
    assert.equal((await cli(['--help'])).status, 0)
  })

  test('usage errors exit 2, a failed migration 1', async () => {
    const made = project(chain(['exit00000001']))
    assertCleanError(await cli([...made.base, 'upgrade', '--nope']), { code: 'UNKNOWN_OPTION' }, '--nope')
    assertCleanError(await cli([...made.base, 'upgrade', 'a', 'b']), { code: 'UNEXPECTED_ARGUMENT' }, "'b'")
    assertCleanError(await cli([...made.base, 'upgrade', '--lock-timeout']), { code: 'MISSING_OPTION_VALUE' }, '--lock-timeout')
    made.write({ id: 'exit00000002', down: 'exit00000001', upgrade: "  await op.execute('SELECT * FROM no_such_table')" })
    assertCleanError(await cli([...made.base, 'upgrade']), 'exit00000002', 'no_such_table')
  })

  test('check: 0 in step, 1 on drift, 2 when it cannot compare', async () => {
    const made = project(chain(['chk000000001']))
    made.config("export default { excludeTables: ['migration_log'] }\n")
    assertCleanError(await cli([...made.base, 'check']), { status: 2 }, 'models')
    const models = join(made.root, 'models.ts')
    const columns = 'id: col.integer().primaryKey(), note: col.text()'
    const model = (extra: string) =>
      `import { col, table } from 'athanor'\nexport const t = table('t_chk000000001', { ${columns}${extra} })\n`
    writeFileSync(models, model(''))
    assertCleanError(await cli([...made.base, 'check', '--models', models]), { status: 2 }, 'not at head')
    await cliOk([...made.base, 'upgrade'])
    const clean = await cli([...made.base, 'check', '--models', models])
    assert.equal(clean.status, 0, clean.stdout)
    writeFileSync(models, model(', extra: col.text()'))
    const drift = await cli([...made.base, 'check', '--models', models])
    assert.equal(drift.status, 1, drift.stderr)
    assert.match(drift.stdout, /add column t_chk000000001\.extra/)
  })

  // A deleted script is not fixed by `upgrade` (it refuses the same row), so
  // check and migrate name the row no script defines, as upgrade does.
  test('check and migrate on a version row no script defines name it, not "run upgrade"', async () => {
    const [first, second] = chain(['chkgone00001', 'chkgone00002'])
    const made = project([first!, second!])
    const models = join(made.root, 'models.ts')
    writeFileSync(models, "import { col, table } from 'athanor'\nexport const t = table('t_chkgone', { id: col.integer().primaryKey() })\n")
    await cliOk([...made.base, 'upgrade'])
    rmSync(join(made.versions, scriptFileName(second!)))
    const checked = assertCleanError(await cli([...made.base, 'check', '--models', models]), { status: 2 }, "'chkgone00002'", 'no script')
    assert.doesNotMatch(checked, /athanor upgrade/)
    const migrated = assertCleanError(
      await cli([...made.base, 'migrate', '-m', 'next', '--models', models]),
      { code: 'UNKNOWN_DATABASE_REVISION' },
      "'chkgone00002'",
      'no script',
    )
    assert.doesNotMatch(migrated, /athanor upgrade/)
  })
})
