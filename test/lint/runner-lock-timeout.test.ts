// On PostgreSQL the runner gives every migration in a transaction a 2 s
// lock_timeout unless ddlLockTimeout says otherwise (README, "Lock waits"),
// so lint asks for one only where the runner sets none.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { lintProject } from '../../src/lint/lint-project.js'
import { temporaryProjects } from '../helpers/project.js'
import { BASE_TABLES, dialectUrl } from './lint-project.js'

const projects = temporaryProjects()
const ADD_AGE = "  await op.addColumn('users', { name: 'score', type: 'integer' })"

async function lockTimeoutFlagged(dialect: 'postgresql' | 'mysql', config: string, extra?: string): Promise<boolean> {
  const project = projects([
    { id: 'r1', ext: 'js', message: 'tables', upgrade: BASE_TABLES, downgrade: '' },
    { id: 'r2', down: 'r1', ext: 'js', message: 'under test', upgrade: ADD_AGE, downgrade: '', ...(extra ? { extra } : {}) },
  ])
  project.config(`export default { ${config} }\n`)
  const report = await lintProject({ directory: project.migrations, url: dialectUrl(dialect, project), offline: true, range: 'r1:heads' })
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
