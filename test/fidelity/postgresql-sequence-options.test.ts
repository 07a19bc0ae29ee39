// A SERIAL column's sequence, and an identity's, keep their options through
// a round trip: pull writes them into `.serial(name, { … })` and
// `.identity({ … })`, migrate creates them on an empty database, and a
// change of them in the models is an ALTER SEQUENCE (ALTER COLUMN … SET for
// an identity) that never restarts the sequence, undone by the downgrade.
// Before, a SERIAL's options and an identity's bounds, cache and cycle were
// listed as not represented: a ticket number starting at 100 by 5 came back
// starting at 1 by 1, and a cycling badge number stopped at its maximum.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'
import type { TestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

const SOURCE = [
  'CREATE TABLE tickets (no serial PRIMARY KEY, code bigserial, countdown smallserial, plain serial)',
  'ALTER SEQUENCE tickets_no_seq INCREMENT 5 START 100 RESTART CACHE 10',
  'ALTER SEQUENCE tickets_code_seq MINVALUE 10 MAXVALUE 99999 START 10 RESTART CYCLE',
  // Counting down: a descending sequence's bounds, from -1.
  'ALTER SEQUENCE tickets_countdown_seq INCREMENT -1 MINVALUE -32768 MAXVALUE -1 START -1 RESTART',
  'CREATE TABLE badges (no integer GENERATED ALWAYS AS IDENTITY (START WITH 10 INCREMENT BY 10 MAXVALUE 1000 CACHE 5 CYCLE) PRIMARY KEY)',
]

/** Each sequence's options as the catalog holds them. */
async function sequences(db: TestDatabase): Promise<unknown[]> {
  return db.query(
    `SELECT c.relname AS name, format_type(s.seqtypid, NULL) AS type, s.seqstart::text AS start, s.seqincrement::text AS increment,
       s.seqmin::text AS min, s.seqmax::text AS max, s.seqcache::text AS cache, s.seqcycle AS cycle
     FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid
     WHERE c.relname LIKE 'tickets%' OR c.relname LIKE 'badges%' ORDER BY c.relname`,
  )
}

/** The next value of each sequence, taken: equal on both databases when the sequences are. */
async function nextValues(db: TestDatabase): Promise<unknown[]> {
  return db.query(
    "SELECT nextval('tickets_no_seq')::text AS no, nextval('tickets_code_seq')::text AS code, " +
      "nextval('tickets_countdown_seq')::text AS countdown, nextval('tickets_plain_seq')::text AS plain",
  )
}

describe('postgresql: a SERIAL sequence pulled with its options', () => {
  const project = usePulledProject('postgresql', SOURCE)

  test('is written into the models and checked clean against its database', async () => {
    const { source, ws } = project()
    const pulled = await cliOk([...ws.base, 'pull', '-o', ws.models, '--url', source.url])
    assert.doesNotMatch(pulled.stdout + pulled.stderr, /serial sequence options|identity options/)
    const models = readFileSync(ws.models, 'utf8')
    assert.match(models, /no: col\.integer\(\)\.primaryKey\(\)\.serial\('tickets_no_seq', \{ start: 100, increment: 5, cache: 10 \}\)/)
    assert.match(
      models,
      /code: col\.bigint\(\)\.notNull\(\)\.serial\('tickets_code_seq', \{ minValue: 10, maxValue: 99999, cycle: true \}\)/,
    )
    assert.match(models, /countdown: col\.smallint\(\)\.notNull\(\)\.serial\('tickets_countdown_seq', \{ increment: -1 \}\)/)
    assert.match(models, /plain: col\.integer\(\)\.notNull\(\)\.serial\('tickets_plain_seq'\),/)
    const badge =
      'no: col.integer().primaryKey().identity({ always: true, start: 10, increment: 10, maxValue: 1000, cache: 5, cycle: true })'
    assert.ok(models.includes(badge), models)
    assert.equal((await cli([...ws.base, 'check', '--url', source.url])).stdout, CLEAN)
  })

  test('is created with them on an empty database', async () => {
    const { source, rebuilt, ws } = project()
    await cliOk([...ws.base, 'migrate', '-m', 'tickets'])
    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual(await sequences(rebuilt), await sequences(source))
    assert.deepEqual(await nextValues(rebuilt), [{ no: '100', code: '10', countdown: '-1', plain: '1' }])
    assert.deepEqual(await nextValues(source), [{ no: '100', code: '10', countdown: '-1', plain: '1' }])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
  })

  test('changed in the models, is altered in place and put back by the downgrade', async () => {
    const { rebuilt, ws } = project()
    const before = await sequences(rebuilt)
    const models = readFileSync(ws.models, 'utf8')
    writeFileSync(
      ws.models,
      models
        .replace(
          "serial('tickets_no_seq', { start: 100, increment: 5, cache: 10 })",
          "serial('tickets_no_seq', { start: 100, increment: 2 })",
        )
        .replace("serial('tickets_plain_seq')", "serial('tickets_plain_seq', { maxValue: 500, cycle: true })")
        .replace('maxValue: 1000, cache: 5, cycle: true', 'maxValue: 1000'),
    )
    await cliOk([...ws.base, 'migrate', '-m', 'numbering'])
    const [file] = readdirSync(join(ws.directory, 'versions')).filter((name) => name.endsWith('_numbering.ts'))
    const script = readFileSync(join(ws.directory, 'versions', file!), 'utf8')
    assert.match(script, /op\.alterSequence\('tickets_no_seq', \{ increment: 2, cache: 1 \}/)
    assert.match(script, /op\.alterSequence\('tickets_plain_seq', \{ maxValue: 500, cycle: true \}/)
    assert.match(script, /op\.alterColumn\('badges', 'no', \{ identity: \{ cache: 1, cycle: false \}/)
    assert.doesNotMatch(script, /dropColumn|addColumn|RESTART/)

    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    // Altered, not restarted: the numbers already handed out are never handed out again. The session that took
    // 100 had CACHE 10 of them, up to 145, so the sequence goes on from there by its new increment.
    assert.deepEqual(await nextValues(rebuilt), [{ no: '147', code: '11', countdown: '-2', plain: '2' }])
    const plain = (await sequences(rebuilt)).find((row) => (row as { name: string }).name === 'tickets_plain_seq')
    assert.deepEqual(plain, {
      name: 'tickets_plain_seq',
      type: 'integer',
      start: '1',
      increment: '1',
      min: '1',
      max: '500',
      cache: '1',
      cycle: true,
    })

    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await sequences(rebuilt), before)
    await cliOk([...ws.base, 'downgrade', 'base'])
    assert.deepEqual(await sequences(rebuilt), [])
  })
})
