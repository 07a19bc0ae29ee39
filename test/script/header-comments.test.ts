import assert from 'node:assert/strict'
import { appendFileSync } from 'node:fs'
import { test } from 'node:test'
import { parseScriptHeader } from '../../src/script/script-header.js'
import { cliOk } from '../helpers/cli.js'
import { migrationLog, temporaryProjects } from '../helpers/project.js'

// A header export written again inside a comment or a multi-line string is
// not the script's: the graph follows the real exports.

const project = temporaryProjects()

const HIDDEN = ['/*', "export const downRevision = 'r01'", '*/', 'const note = `', "export const dependsOn = 'r01'", '`'].join('\n')

test('the header reader skips block comments and template literals', () => {
  const header = parseScriptHeader(
    [
      "export const revision = 'r03'",
      "export const downRevision = 'r02'",
      'export const branchLabels = null',
      'export const dependsOn = null',
      HIDDEN,
    ].join('\n'),
  )
  assert.deepEqual(header && [header.revision, header.downRevisions, header.dependsOn], ['r03', ['r02'], []])
})

test('a commented second downRevision changes nothing: one head, upgrades in order, downgrade to base', async () => {
  const made = project([
    { id: 'r01', down: null },
    { id: 'r02', down: 'r01' },
  ])
  const third = made.write({ id: 'r03', down: 'r02' })
  appendFileSync(third, `\n${HIDDEN}\n`)
  const heads = await cliOk([...made.base, 'heads'])
  assert.equal(heads.stdout.trim().split('\n').length, 1, heads.stdout)
  await cliOk([...made.base, 'upgrade', 'heads'])
  assert.deepEqual(migrationLog(made.dbPath), ['r01:up', 'r02:up', 'r03:up'])
  await cliOk([...made.base, 'downgrade', 'base'])
  assert.deepEqual(migrationLog(made.dbPath).slice(-3), ['r03:down', 'r02:down', 'r01:down'])
})
