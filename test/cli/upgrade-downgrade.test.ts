import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { cli, cliOk } from '../helpers/cli.js'
import { chain, migrationLog, tableNames, versionRows, type RevisionDef, temporaryProjects } from '../helpers/project.js'

const project = temporaryProjects()

// Two ids share the prefix 'ae10', so partial ids must be unique prefixes.
const [R1, R2, R3, R4, R5] = ['ae1027a6acf0', 'ae10b8d31c22', '1975ea83b712', '3c3d5e7f9a0b', '4d4e6f8a0b1c'] as const
const LINEAR = chain([R1, R2, R3, R4, R5])

/** A ← B ← C, and B ← D ← E on the branch labelled `feature`: two heads. */
const BRANCHED: RevisionDef[] = [
  { id: 'aaaa00000001', down: null },
  { id: 'bbbb00000002', down: 'aaaa00000001', ext: 'js' },
  { id: 'cccc00000003', down: 'bbbb00000002' },
  { id: 'dddd00000004', down: 'bbbb00000002', labels: ['feature'], ext: 'js' },
  { id: 'eeee00000005', down: 'dddd00000004' },
]
const [A, B, C, D, E] = BRANCHED.map((def) => def.id) as [string, string, string, string, string]

const up = (...ids: string[]) => ids.map((id) => `${id}:up`)
const down = (...ids: string[]) => ids.map((id) => `${id}:down`)

describe('upgrade and downgrade on a chain', () => {
  test('upgrade (head by default) runs every migration in order; downgrade base undoes them newest first', async () => {
    const made = project(LINEAR)
    const result = await cliOk([...made.base, 'upgrade'])
    assert.deepEqual(migrationLog(made.dbPath), up(R1, R2, R3, R4, R5))
    assert.deepEqual(versionRows(made.dbPath), [R5])
    assert.deepEqual(tableNames(made.dbPath), ['athanor_version', 'migration_log', ...[R1, R2, R3, R4, R5].map((id) => `t_${id}`).sort()])
    assert.match(result.stderr, new RegExp(`^Running upgrade  -> ${R1}, create t_${R1}$`, 'm'))
    assert.match(result.stderr, new RegExp(`^Running upgrade ${R4} -> ${R5}, create t_${R5}$`, 'm'))
    assert.match(result.stderr, new RegExp(`Now at ${R5}\\.`))

    const again = await cliOk([...made.base, 'upgrade', 'head'])
    assert.match(again.stderr, /Nothing to upgrade/)
    assert.equal(migrationLog(made.dbPath).length, 5)

    await cliOk([...made.base, 'downgrade', 'base'])
    assert.deepEqual(migrationLog(made.dbPath).slice(5), down(R5, R4, R3, R2, R1))
    assert.deepEqual(versionRows(made.dbPath), [])
    assert.deepEqual(tableNames(made.dbPath), ['athanor_version', 'migration_log'])
  })

  test('+N, -N (default -1), REV+N, REV-N, partial and full ids', async () => {
    const made = project(LINEAR)
    await cliOk([...made.base, 'upgrade', '+2'])
    assert.deepEqual(versionRows(made.dbPath), [R2])
    await cliOk([...made.base, 'upgrade', '+1'])
    assert.deepEqual(versionRows(made.dbPath), [R3])
    await cliOk([...made.base, 'downgrade'])
    assert.deepEqual(versionRows(made.dbPath), [R2])
    await cliOk([...made.base, 'upgrade', `${R2}+2`])
    assert.deepEqual(versionRows(made.dbPath), [R4])
    await cliOk([...made.base, 'downgrade', '-2'])
    assert.deepEqual(versionRows(made.dbPath), [R2])
    await cliOk([...made.base, 'upgrade', '3c3d'])
    assert.deepEqual(versionRows(made.dbPath), [R4])
    await cliOk([...made.base, 'downgrade', `${R4}-3`])
    assert.deepEqual(versionRows(made.dbPath), [R1])
    await cliOk([...made.base, 'upgrade', R5])
    assert.deepEqual(versionRows(made.dbPath), [R5])
    await cliOk([...made.base, 'downgrade', 'ae10b'])
    assert.deepEqual(versionRows(made.dbPath), [R2])
    assert.deepEqual(migrationLog(made.dbPath), [
      ...up(R1, R2),
      ...up(R3),
      ...down(R3),
      ...up(R3, R4),
      ...down(R4, R3),
      ...up(R3, R4),
      ...down(R4, R3, R2),
      ...up(R2, R3, R4, R5),
      ...down(R5, R4, R3),
    ])
  })
})

describe('progress', () => {
  test('on a TTY one line counts up and ends with a summary; otherwise plain lines', async () => {
    const made = project(LINEAR)
    const tty = await cli([...made.base, 'upgrade', '+3'], {}, { tty: true })
    assert.equal(tty.status, 0, tty.stderr)
    assert.match(tty.stderr, /\[1\/3\] Running upgrade {2}-> ae1027a6acf0/)
    assert.match(tty.stderr, /\[3\/3\] Running upgrade ae10b8d31c22 -> 1975ea83b712/)
    assert.match(tty.stderr, /3 migrations applied in \d+\.\d s/)
    const plain = await cliOk([...made.base, 'upgrade'])
    // biome-ignore lint/suspicious/noControlCharactersInRegex: a log must hold no terminal escape
    assert.doesNotMatch(plain.stderr, /\x1b|\[\d+\/\d+\]/)
    assert.equal(plain.stderr.split('\n').filter((line) => line.startsWith('Running upgrade')).length, 2)
  })
})

describe('upgrade and downgrade on branches', () => {
  test('label@head upgrades one branch only', async () => {
    const made = project(BRANCHED)
    await cliOk([...made.base, 'upgrade', 'feature@head'])
    assert.deepEqual(migrationLog(made.dbPath), up(A, B, D, E))
    assert.deepEqual(versionRows(made.dbPath), [E])
  })

  test('heads applies every branch; the version table holds one row per head', async () => {
    const made = project(BRANCHED)
    await cliOk([...made.base, 'upgrade', C])
    assert.deepEqual(versionRows(made.dbPath), [C])
    await cliOk([...made.base, 'upgrade', 'heads'])
    assert.deepEqual(migrationLog(made.dbPath), up(A, B, C, D, E))
    assert.deepEqual(versionRows(made.dbPath), [C, E])
  })

  test('label@-1 steps back on one branch; downgrade to the branch point removes both branches', async () => {
    const made = project(BRANCHED)
    await cliOk([...made.base, 'upgrade', 'heads'])
    await cliOk([...made.base, 'downgrade', 'feature@-1'])
    assert.deepEqual(versionRows(made.dbPath), [C, D])
    assert.deepEqual(migrationLog(made.dbPath).slice(5), down(E))
    await cliOk([...made.base, 'downgrade', B])
    assert.deepEqual(versionRows(made.dbPath), [B])
    assert.deepEqual(migrationLog(made.dbPath).slice(6).sort(), down(C, D).sort())
    assert.deepEqual(
      tableNames(made.dbPath).filter((name) => name.startsWith('t_')),
      [`t_${A}`, `t_${B}`],
    )
  })

  test('label@+1 moves one branch up from the current rows', async () => {
    const made = project(BRANCHED)
    await cliOk([...made.base, 'upgrade', C])
    await cliOk([...made.base, 'upgrade', 'feature@+1'])
    assert.deepEqual(versionRows(made.dbPath), [C, D])
    assert.deepEqual(migrationLog(made.dbPath), up(A, B, C, D))
  })

  test('a second base (new root) upgrades independently; heads covers both', async () => {
    const made = project([
      { id: 'root00000001', down: null },
      { id: 'root00000002', down: 'root00000001' },
      { id: 'solo00000001', down: null, labels: ['solo'], ext: 'js' },
    ])
    await cliOk([...made.base, 'upgrade', 'solo@head'])
    assert.deepEqual(versionRows(made.dbPath), ['solo00000001'])
    await cliOk([...made.base, 'upgrade', 'heads'])
    assert.deepEqual(versionRows(made.dbPath), ['root00000002', 'solo00000001'])
    await cliOk([...made.base, 'downgrade', 'solo@base'])
    assert.deepEqual(versionRows(made.dbPath), ['root00000002'])
    assert.deepEqual(migrationLog(made.dbPath), [...up('solo00000001', 'root00000001', 'root00000002'), ...down('solo00000001')])
  })

  test('dependsOn: upgrading the dependent applies the dependency on the other branch first', async () => {
    const made = project([
      { id: 'base00000001', down: null },
      { id: 'usrs00000002', down: 'base00000001', labels: ['users'] },
      { id: 'bill00000003', down: 'base00000001', labels: ['billing'] },
      { id: 'bill00000004', down: 'bill00000003', dependsOn: ['usrs00000002'], ext: 'js' },
    ])
    await cliOk([...made.base, 'upgrade', 'billing@head'])
    const log = migrationLog(made.dbPath)
    assert.ok(log.indexOf('usrs00000002:up') < log.indexOf('bill00000004:up'), log.join(' '))
    assert.equal(log.length, 4)
    assert.deepEqual(versionRows(made.dbPath), ['bill00000004'])
    // Down to the common base: every descendant goes, the dependent before its dependency.
    await cliOk([...made.base, 'downgrade', 'usrs00000002-1'])
    const undone = migrationLog(made.dbPath).slice(4)
    assert.equal(undone[0], 'bill00000004:down')
    assert.deepEqual(undone.slice(1).sort(), down('bill00000003', 'usrs00000002'))
    assert.deepEqual(versionRows(made.dbPath), ['base00000001'])
  })

  test('downgrading a dependency also undoes its dependents on another branch', async () => {
    const made = project([
      { id: 'usr100000001', down: null, labels: ['users'] },
      { id: 'bil100000001', down: null, labels: ['billing'], ext: 'js' },
      { id: 'bil200000002', down: 'bil100000001', dependsOn: ['usr100000001'] },
    ])
    await cliOk([...made.base, 'upgrade', 'heads'])
    assert.deepEqual(versionRows(made.dbPath), ['bil200000002'])
    await cliOk([...made.base, 'downgrade', 'users@base'])
    assert.deepEqual(migrationLog(made.dbPath).slice(3), down('bil200000002', 'usr100000001'))
    assert.deepEqual(versionRows(made.dbPath), ['bil100000001'])
  })
})
