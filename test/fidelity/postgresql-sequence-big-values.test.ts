// A sequence's start and bounds are bigints, and past 2^53 a JavaScript
// number holds them only rounded: pull wrote MAXVALUE 9223372036854775806 as
// 9223372036854776000, and the rebuilt database failed at upgrade ("out of
// range for type bigint"), or started 9007199254740993 at …992. A start or
// bound a number cannot hold exactly is now its digits, a string.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'
import type { TestDatabase } from '../helpers/databases.js'
import { refuseOutsideType, sequenceNumber, sequenceProblem } from '../../src/schema/sequence-defaults.js'

const CLEAN = 'No new upgrade operations detected.\n'

const sequences = (db: TestDatabase) =>
  db.query(
    `SELECT sequencename, start_value::text AS start, min_value::text AS min, max_value::text AS max, increment_by::text AS step
       FROM pg_sequences WHERE sequencename NOT LIKE 'athanor%' ORDER BY 1`,
  )

describe('postgresql: sequence starts and bounds past 2^53', () => {
  const project = usePulledProject('postgresql', [
    'CREATE SEQUENCE invoice_no START WITH 9007199254740993 MAXVALUE 9223372036854775806',
    'CREATE SEQUENCE countdown INCREMENT -1 MINVALUE -9223372036854775807',
    `CREATE TABLE ledger (id bigint GENERATED ALWAYS AS IDENTITY (START WITH 9007199254740995 MAXVALUE 9223372036854775000) PRIMARY KEY,
      line bigserial)`,
    'ALTER SEQUENCE ledger_line_seq MAXVALUE 9007199254740999',
  ])

  test('are pulled as their digits, rebuilt exactly, and changed exactly', async () => {
    const { source, rebuilt, ws } = project()
    const { models } = await pullAndRebuild(project())
    assert.match(models, /sequence\('invoice_no', \{ maxValue: '9223372036854775806', start: '9007199254740993' \}\)/)
    assert.match(models, /identity\(\{ always: true, start: '9007199254740995', maxValue: '9223372036854775000' \}\)/)
    assert.deepEqual(await sequences(rebuilt), await sequences(source))
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)

    writeFileSync(ws.models, models.replace("maxValue: '9223372036854775806'", "maxValue: '9223372036854775805'"))
    await cliOk([...ws.base, 'migrate', '-m', 'bound'])
    const [file] = readdirSync(join(ws.directory, 'versions')).filter((name) => name.endsWith('_bound.ts'))
    assert.match(
      readFileSync(join(ws.directory, 'versions', file!), 'utf8'),
      /op\.alterSequence\('invoice_no', \{ maxValue: '9223372036854775805' \}/,
    )
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await sequences(rebuilt), await sequences(source))
    writeFileSync(ws.models, models)
  })
})

describe('a sequence number, exactly', () => {
  test('is a number where one holds it, and compares by its digits', () => {
    assert.equal(sequenceNumber('1000'), 1000)
    assert.equal(sequenceNumber('9007199254740993'), '9007199254740993')
    assert.equal(
      sequenceProblem({ minValue: '9007199254740993', maxValue: '9007199254740992' }),
      'minValue 9007199254740993 is not below maxValue 9007199254740992',
    )
    assert.equal(sequenceProblem({ start: '9007199254740993', maxValue: '9223372036854775806' }), undefined)
    assert.equal(sequenceProblem({ start: '12.5' }), 'start 12.5 is not a whole number')
    assert.throws(
      () => refuseOutsideType({ maxValue: '9223372036854775808' }, 'sequence n'),
      /maxValue 9223372036854775808 is outside bigint/,
    )
    assert.doesNotThrow(() => refuseOutsideType({ maxValue: '9223372036854775807' }, 'sequence n'))
  })
})
