// On PostgreSQL the runner gives every migration in a transaction a 2 s
// lock_timeout unless ddlLockTimeout says otherwise (README, "Lock waits"),
// so lint asks for one only where the runner sets none.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { type LintOptions, lintProject } from '../../src/lint/lint-project.js'
import { assertCleanError, cli } from '../helpers/cli.js'
import { temporaryProjects } from '../helpers/project.js'
import { BASE_TABLES, dialectUrl } from './lint-project.js'

const projects = temporaryProjects()
const ADD_AGE = "  await op.addColumn('users', { name: 'score', type: 'integer' })"

function projectUnderTest(config: string, extra?: string) {
  const project = projects([
    { id: 'r1', ext: 'js', message: 'tables', upgrade: BASE_TABLES, downgrade: '' },
    { id: 'r2', down: 'r1', ext: 'js', message: 'under test', upgrade: ADD_AGE, downgrade: '', ...(extra ? { extra } : {}) },
  ])
  project.config(`export default { ${config} }\n`)
  return project
}

async function lockTimeoutFlagged(
  dialect: 'postgresql' | 'mysql',
  config: string,
  extra?: string,
  options: Pick<LintOptions, 'ddlLockTimeout' | 'statementTimeout'> = {},
): Promise<boolean> {
  const project = projectUnderTest(config, extra)
  const url = dialectUrl(dialect, project)
  const report = await lintProject({ directory: project.migrations, url, offline: true, range: 'r1:heads', ...options })
  return report.findings.some((finding) => finding.code === 'missing-lock-timeout')
}

describe('missing-lock-timeout and the lock timeout the runner sets', () => {
  test('PostgreSQL: a migration in a transaction has the runner default, unless ddlLockTimeout is 0', async () => {
    assert.equal(await lockTimeoutFlagged('postgresql', ''), false)
    assert.equal(await lockTimeoutFlagged('postgresql', "ddlLockTimeout: '5s'"), false)
    assert.equal(await lockTimeoutFlagged('postgresql', 'ddlLockTimeout: 0'), true)
  })

  test('PostgreSQL: a migration outside a transaction runs without the default', async () => {
    const outside = 'export const transactional = false'
    assert.equal(await lockTimeoutFlagged('postgresql', '', outside), true)
    assert.equal(await lockTimeoutFlagged('postgresql', "ddlLockTimeout: '5s'", outside), false)
  })

  test('MySQL has no runner default', async () => {
    assert.equal(await lockTimeoutFlagged('mysql', ''), true)
    assert.equal(await lockTimeoutFlagged('mysql', 'ddlLockTimeout: 5'), false)
  })
})

describe('lint judges the run that --ddl-lock-timeout makes, as upgrade takes it', () => {
  test("the option wins over the config's setting", async () => {
    assert.equal(await lockTimeoutFlagged('postgresql', '', undefined, { ddlLockTimeout: 0 }), true)
    assert.equal(await lockTimeoutFlagged('postgresql', 'ddlLockTimeout: 0', undefined, { ddlLockTimeout: '5s' }), false)
    assert.equal(await lockTimeoutFlagged('mysql', '', undefined, { ddlLockTimeout: '3s' }), false)
  })

  test('the CLI flag: findings as the run would have them, and a bad value in one line naming the flag', async () => {
    const project = projectUnderTest('')
    const args = ['lint', '-d', project.migrations, '--url', dialectUrl('postgresql', project), '--offline', 'r1:heads']
    const flagged = await cli([...args, '--ddl-lock-timeout', '0', '--fail-on', 'warning', '--format', 'json'])
    assert.ok(flagged.stdout.includes('missing-lock-timeout'), flagged.stdout + flagged.stderr)
    const quiet = await cli([...args, '--ddl-lock-timeout', '5s', '--fail-on', 'warning', '--format', 'json'])
    assert.ok(!quiet.stdout.includes('missing-lock-timeout'), quiet.stdout + quiet.stderr)
    assertCleanError(await cli([...args, '--ddl-lock-timeout', 'soon']), { code: 'INVALID_OPTION' }, '--ddl-lock-timeout', 'soon')
  })
})
