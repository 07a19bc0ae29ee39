// PostgreSQL stores a date or time literal under a cast as the constant it
// made: `'2020-01-01'::timestamp` comes back as `'2020-01-01 00:00:00'::
// timestamp without time zone`. A partial index or check written the first
// way was dropped and made again by every migrate, and check never came clean.
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'

const CLEAN = 'No new upgrade operations detected.\n'

const INDEXES = [
  `index(['id'], { name: 't_recent', where: "made > '2020-01-01'::timestamp" })`,
  `index(['id'], { name: 't_noon', where: "made >= '2020-01-01T12:00:00.500'::timestamp(3)" })`,
  `index(['id'], { name: 't_day', where: "day > '2020-01-01 00:00'::timestamp" })`,
  `index(['id'], { name: 't_note', where: "note <> '2020-01-01 00:00:00'" })`,
]
const CHECKS = [`check('ck_morning', "at < '10:30'::time")`, `check('ck_day', "day >= '2000-01-01'::date")`]

describe('postgresql: date and time literals under casts, in partial indexes and checks', () => {
  const project = usePulledProject('postgresql', ['CREATE TABLE t (id int PRIMARY KEY, made timestamp(3), day date, at time, note text)'])

  test('compare as the constants they make; a changed literal, or a text column compared with one, is still a change', async () => {
    const { ws } = project()
    const { models } = await pullAndRebuild(project())
    const written = models
      .replace('import { col,', 'import { check, col, index,')
      .replace(/\n\}\)\n/, `\n}, {\n  indexes: [${INDEXES.join(', ')}],\n  checks: [${CHECKS.join(', ')}],\n})\n`)
    assert.match(written, /checks: \[/)
    writeFileSync(ws.models, written)
    await cliOk([...ws.base, 'migrate', '-m', 'literals'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)

    const later = (from: string, to: string) => readFileSync(ws.models, 'utf8').replace(from, to)
    writeFileSync(ws.models, later("made > '2020-01-01'::timestamp", "made > '2020-01-01 00:00:01'::timestamp"))
    writeFileSync(ws.models, later("note <> '2020-01-01 00:00:00'", "note <> '2020-01-01'"))
    const changed = (await cli([...ws.base, 'check'])).stdout
    assert.match(changed, /remove index t_recent/)
    assert.match(changed, /remove index t_note/)
    assert.doesNotMatch(changed, /t_noon|t_day|ck_morning|ck_day/)
  })
})
