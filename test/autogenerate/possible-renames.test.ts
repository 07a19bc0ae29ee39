import assert from 'node:assert/strict'
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { temporaryProjects } from '../helpers/project.js'

const project = temporaryProjects()

// The database holds users(id, bio) and notes(id); the models rename bio to
// about and notes to memos, which autogenerate cannot tell from a drop and an add.
function renamedProject(config = '') {
  const p = project([
    {
      id: 'r01',
      upgrade: [
        "  await op.createTable('users', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'bio', type: 'text' }])",
        "  await op.createTable('notes', [{ name: 'id', type: 'integer', primaryKey: true }])",
      ].join('\n'),
      downgrade: "  await op.dropTable('notes')\n  await op.dropTable('users')",
    },
  ])
  p.config(`export default { models: '../models.ts'${config} }\n`)
  writeFileSync(
    join(p.root, 'models.ts'),
    [
      "import { col, defineModels, table } from 'athanor'",
      "const users = table('users', { id: col.integer().primaryKey(), about: col.text() })",
      "const memos = table('memos', { id: col.integer().primaryKey() })",
      'export default defineModels(users, memos)',
      '',
    ].join('\n'),
  )
  return p
}

const scripts = (versions: string) => readdirSync(versions).filter((name) => !name.startsWith('r01'))

describe('renames are never guessed, and never silently lost', () => {
  it('a rename flag that matches nothing is an error naming it, and no script is written', async () => {
    const p = renamedProject()
    await cliOk(['upgrade', ...p.base])
    for (const flag of [
      ['--rename-column', 'users.bio:abuot'],
      ['--rename-column', 'user.bio:about'],
      ['--rename-table', 'note:memos'],
    ]) {
      const result = await cli(['migrate', '-m', 'x', ...p.base, ...flag])
      assertCleanError(result, `${flag[0]} ${flag[1]}`, 'matches no')
      assert.deepEqual(scripts(p.versions), [])
    }
  })

  it('without a terminal, a possible rename is written as a drop and an add with a warning and a comment naming the flag', async () => {
    const p = renamedProject()
    await cliOk(['upgrade', ...p.base])
    const result = await cliOk(['migrate', '-m', 'reshape', ...p.base])
    assert.match(result.stderr, /^warning: users: column bio is dropped and about added; .*--rename-column users\.bio:about$/m)
    assert.match(result.stderr, /^warning: table notes is dropped and memos added; .*--rename-table notes:memos$/m)
    const [written] = scripts(p.versions)
    // The script is the head now, so migrate with the flag refuses until it is gone: the warning says to delete it,
    // where "run 'athanor upgrade' first" would apply the drop.
    const deleteIt = result.stderr.split('\n').find((line) => line.includes(join(p.versions, written!)) && line.startsWith('warning:'))
    assert.match(deleteIt ?? result.stderr, /^warning: .*delete .* and run migrate again/)
    const text = readFileSync(join(p.versions, written!), 'utf8')
    assert.match(
      text,
      /\/\/ {3}users: column bio is dropped and about added; if it is a rename, run again with --rename-column users\.bio:about/,
    )
    assert.match(text, /dropColumn\((?:'users', )?'bio'\)/)
  })

  it('with the flags, the script renames and warns of nothing', async () => {
    const p = renamedProject()
    await cliOk(['upgrade', ...p.base])
    const result = await cliOk([
      'migrate',
      '-m',
      'rename',
      ...p.base,
      '--rename-column',
      'users.bio:about',
      '--rename-table',
      'notes:memos',
    ])
    // No possible-rename warning; the lint of the new script still names the renames' hazard.
    assert.doesNotMatch(result.stderr, /^warning:/m)
    const text = readFileSync(join(p.versions, scripts(p.versions)[0]!), 'utf8')
    assert.match(text, /renameTable\('notes', 'memos'\)/)
    assert.match(text, /alterColumn\((?:'users', )?'bio', \{ newName: 'about'/)
    assert.doesNotMatch(text, /dropColumn/)
    await cliOk(['upgrade', ...p.base])
    const checked = await cli(['check', ...p.base])
    assert.equal(checked.status, 0, checked.stdout + checked.stderr)
  })

  it('--strict-renames, or strictRenames in the config, refuses instead; --no-strict-renames writes', async () => {
    for (const [config, flags] of [
      ['', ['--strict-renames']],
      [', strictRenames: true', []],
    ] as const) {
      const p = renamedProject(config)
      await cliOk(['upgrade', ...p.base])
      const refused = await cli(['migrate', '-m', 'x', ...p.base, ...flags])
      assertCleanError(refused, 'no script written', '--rename-column users.bio:about', '--rename-table notes:memos')
      assert.deepEqual(scripts(p.versions), [])
      if (config !== '') {
        await cliOk(['migrate', '-m', 'x', ...p.base, '--no-strict-renames'])
        assert.equal(scripts(p.versions).length, 1)
      }
      rmSync(p.root, { recursive: true, force: true })
    }
  })
})
