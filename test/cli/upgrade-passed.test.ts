import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { describe, test } from 'node:test'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { chain, migrationLog, type RevisionDef, temporaryProjects, versionRows } from '../helpers/project.js'

// A deploy that rolls the application back runs `upgrade <the older release's revision>` while the
// database stays ahead: Alembic does nothing and exits 0, and so does athanor.

const project = temporaryProjects()

const [R1, R2, R3, R4] = ['pass00000001', 'pass00000002', 'pass00000003', 'pass00000004'] as const
const LINEAR = chain([R1, R2, R3, R4])

/** A ← B ← C, and B ← D on the branch labelled `feature`. */
const BRANCHED: RevisionDef[] = [
  { id: 'aaaa00000001', down: null },
  { id: 'bbbb00000002', down: 'aaaa00000001' },
  { id: 'cccc00000003', down: 'bbbb00000002' },
  { id: 'dddd00000004', down: 'bbbb00000002', labels: ['feature'] },
]
const [A, B, C, D] = BRANCHED.map((def) => def.id) as [string, string, string, string]

interface RunJson {
  databases: { database?: string; from: string[]; to: string[]; changed: boolean; alreadyPast: string[]; steps: { revision: string }[] }[]
}

describe('upgrade to a revision the database has passed', () => {
  test('runs nothing, exits 0 and says the database is already past it', async () => {
    const made = project(LINEAR)
    await cliOk([...made.base, 'upgrade', R3])
    const result = await cli([...made.base, 'upgrade', R1])
    assert.equal(result.status, 0, result.stderr)
    assert.equal(result.stderr, `Already past ${R1}: at ${R3}; nothing to upgrade.\n`)
    assert.deepEqual(versionRows(made.dbPath), [R3])
    assert.equal(migrationLog(made.dbPath).length, 3)
    // relative and partial forms that land behind the database too
    assert.match((await cliOk([...made.base, 'upgrade', `${R3}-1`])).stderr, new RegExp(`^Already past ${R2}: at ${R3}; `, 'm'))
    assert.match((await cliOk([...made.base, 'upgrade', 'pass00000002'])).stderr, /Already past pass00000002/)
    // at the target itself: the usual line
    assert.equal((await cliOk([...made.base, 'upgrade', R3])).stderr, `Nothing to upgrade: the database is at ${R3}.\n`)
    assert.equal(migrationLog(made.dbPath).length, 3)
  })

  test('--json reports changed false and the target passed; a run that moves reports changed true', async () => {
    const made = project(LINEAR)
    await cliOk([...made.base, 'upgrade', R2])
    const passed = await cliOk([...made.base, 'upgrade', R1, '--json'])
    assert.equal(passed.stderr, '')
    const still = JSON.parse(passed.stdout) as RunJson
    assert.equal(still.databases.length, 1)
    assert.deepEqual(
      { ...still.databases[0], steps: still.databases[0]?.steps.length },
      { from: [R2], to: [R2], steps: 0, changed: false, alreadyPast: [R1], edited: [] },
    )
    const moved = JSON.parse((await cliOk([...made.base, 'upgrade', '--json'])).stdout) as RunJson
    assert.equal(moved.databases[0]?.changed, true)
    assert.deepEqual(moved.databases[0]?.alreadyPast, [])
    assert.deepEqual(
      moved.databases[0]?.steps.map((step) => step.revision),
      [R3, R4],
    )
    assert.deepEqual(moved.databases[0]?.to, [R4])
  })

  test('on branches: a passed target runs nothing, a target on a branch not yet applied upgrades that branch', async () => {
    const made = project(BRANCHED)
    await cliOk([...made.base, 'upgrade', C])
    const other = await cliOk([...made.base, 'upgrade', D])
    assert.match(other.stderr, new RegExp(`Now at ${C}, ${D}\\.`))
    assert.deepEqual(versionRows(made.dbPath), [C, D])
    assert.equal((await cliOk([...made.base, 'upgrade', B])).stderr, `Already past ${B}: at ${C}, ${D}; nothing to upgrade.\n`)
    assert.match((await cliOk([...made.base, 'upgrade', `feature@${A}`])).stderr, new RegExp(`^Already past ${A}: `, 'm'))
    assert.deepEqual(
      migrationLog(made.dbPath),
      [A, B, C, D].map((id) => `${id}:up`),
    )
    // a target that cannot be reached stays an error
    assertCleanError(await cli([...made.base, 'upgrade', `${C}+1`]), `${C}+1`)
    assertCleanError(await cli([...made.base, 'upgrade', 'feature@+1']), 'feature@+1')
  })

  test('downgrade -1 with several current heads is still refused (Alembic picks one of them)', async () => {
    const made = project(BRANCHED)
    await cliOk([...made.base, 'upgrade', 'heads'])
    assertCleanError(await cli([...made.base, 'downgrade']), "'-1'", C, D, 'label@-1')
    assert.deepEqual(versionRows(made.dbPath), [C, D])
  })
})

describe('upgrade --sql START:END with END below START', () => {
  test('prints an empty script and says why, as Alembic prints nothing; no database is opened', async () => {
    const made = project(BRANCHED)
    const result = await cli([...made.base, 'upgrade', `${C}:${A}`, '--sql'])
    assert.equal(result.status, 0, result.stderr)
    assert.equal(result.stdout, '')
    assert.equal(result.stderr, `Already past ${A}: at ${C}; nothing to upgrade.\n`)
    assert.ok(!existsSync(made.dbPath))
  })

  test('an END on another branch runs that branch from START, inserting its row as Alembic does', async () => {
    const made = project(BRANCHED)
    const result = await cliOk([...made.base, 'upgrade', `${C}:${D}`, '--sql'])
    assert.match(result.stdout, new RegExp(`-- Running upgrade ${B} -> ${D}`))
    assert.match(result.stdout, new RegExp(`INSERT INTO "athanor_version" \\("version_num"\\) VALUES \\('${D}'\\)`))
    assert.doesNotMatch(result.stdout, new RegExp(`Running upgrade [^\\n]*-> (${A}|${B}|${C})`))
  })

  test('--json is refused with --sql, whose script owns stdout', async () => {
    const made = project(BRANCHED)
    assertCleanError(await cli([...made.base, 'upgrade', 'head', '--sql', '--json']), { code: 'INVALID_OPTION' }, '--json', '--sql')
  })
})
