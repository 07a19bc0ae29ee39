import assert from 'node:assert/strict'
import { readdirSync } from 'node:fs'
import { describe, it } from 'node:test'
import { scriptFileStem } from '../../src/script/file-name.js'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { temporaryProjects } from '../helpers/project.js'

const project = temporaryProjects()

describe('fileTemplate names new scripts', () => {
  it('fills the date fields in UTC, padded, and drops separators an empty slug leaves', () => {
    const at = new Date('2026-03-09T08:05:07Z')
    assert.equal(scriptFileStem('{year}{month}{day}_{rev}_{slug}', 'ae10', 'add_email', at), '20260309_ae10_add_email')
    assert.equal(scriptFileStem('{year}-{month}-{day}T{hour}{minute}{second}_{rev}', 'ae10', '', at), '2026-03-09T080507_ae10')
    assert.equal(scriptFileStem('{rev}_{slug}', 'ae10', '', at), 'ae10')
    assert.equal(scriptFileStem('{epoch}_{rev}', 'ae10', '', at), `${Date.parse('2026-03-09T08:05:07Z') / 1000}_ae10`)
  })

  it('writes scripts that sort by creation, and the graph reads them as usual', async () => {
    const p = project()
    p.config("export default { fileTemplate: '{year}{month}{day}{hour}{minute}{second}_{rev}_{slug}' }\n")
    await cliOk(['revision', '-d', p.migrations, '-m', 'Create users', '--rev-id', 'zz01'])
    // The fields go down to the second: the second script is made in a later one.
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 20))
    await cliOk(['revision', '-d', p.migrations, '-m', 'Add email', '--rev-id', 'aa02'])
    const files = readdirSync(p.versions).sort()
    assert.equal(files.length, 2)
    assert.match(files[0]!, /^\d{14}_zz01_create_users\.ts$/)
    assert.match(files[1]!, /^\d{14}_aa02_add_email\.ts$/)
    const history = await cliOk(['history', '-d', p.migrations, '--url', p.url])
    assert.match(history.stdout, /zz01 -> aa02 \(head\)/)
  })

  for (const [template, why] of [
    ['{date}_{slug}', 'unknown field {date}'],
    ['{year}_{slug}', 'must contain {rev}'],
    ['../{rev}', "may not contain '/'"],
    ['', 'non-empty string'],
  ] as const) {
    it(`refuses fileTemplate ${JSON.stringify(template)} naming the config file`, async () => {
      const p = project()
      p.config(`export default { fileTemplate: ${JSON.stringify(template)} }\n`)
      const result = await cli(['revision', '-d', p.migrations, '-m', 'x'])
      assertCleanError(result, 'athanor.config.ts', 'fileTemplate', why)
      assert.deepEqual(readdirSync(p.versions), [])
    })
  }
})
