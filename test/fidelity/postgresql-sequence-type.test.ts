// A free-standing sequence made AS smallint or integer keeps its type: before,
// pull wrote no type and migrate made a bigint sequence, so the rebuilt
// sequence counted past the source's maximum while check was clean. A change
// of type is an ALTER SEQUENCE … AS, which moves bounds at the old type's
// limits to the new type's, and bounds the type cannot hold fail at migrate.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'
import type { TestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

async function sequences(db: TestDatabase): Promise<unknown[]> {
  return db.query(
    `SELECT c.relname AS name, format_type(s.seqtypid, NULL) AS type, s.seqmin::text AS min, s.seqmax::text AS max
     FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid WHERE c.relname IN ('small_no', 'countdown') ORDER BY c.relname`,
  )
}

describe('postgresql: a sequence counting in a smaller type than bigint', () => {
  const project = usePulledProject('postgresql', [
    'CREATE SEQUENCE small_no AS smallint',
    'CREATE SEQUENCE countdown AS integer INCREMENT -1',
  ])

  test('is pulled and made with its type, changed by ALTER SEQUENCE … AS, and put back by the downgrade', async () => {
    const { source, rebuilt, ws } = project()
    await cliOk([...ws.base, 'pull', '-o', ws.models, '--url', source.url])
    const models = readFileSync(ws.models, 'utf8')
    assert.match(models, /sequence\('small_no', \{ type: 'smallint' \}\)/)
    assert.match(models, /sequence\('countdown', \{ type: 'integer', increment: -1 \}\)/)
    await cliOk([...ws.base, 'migrate', '-m', 'sequences'])
    await cliOk([...ws.base, 'upgrade'])
    const before = await sequences(rebuilt)
    assert.deepEqual(before, await sequences(source))
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)

    writeFileSync(ws.models, models.replace("{ type: 'smallint' }", "{ type: 'integer' }"))
    await cliOk([...ws.base, 'migrate', '-m', 'wider'])
    const [file] = readdirSync(join(ws.directory, 'versions')).filter((name) => name.endsWith('_wider.ts'))
    assert.match(readFileSync(join(ws.directory, 'versions', file!), 'utf8'), /op\.alterSequence\('small_no', \{ type: 'integer' \}/)
    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual((await sequences(rebuilt))[1], { name: 'small_no', type: 'integer', min: '1', max: '2147483647' })
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await sequences(rebuilt), before)
  })

  test('with a bound its type cannot hold fails at migrate, naming the sequence', async () => {
    const { ws } = project()
    await cliOk([...ws.base, 'upgrade'])
    const models = readFileSync(ws.models, 'utf8')
    const tooBig = "sequence('small_no', { type: 'smallint', maxValue: 100000 })"
    writeFileSync(ws.models, models.replace("sequence('small_no', { type: 'integer' })", tooBig))
    const result = await cli([...ws.base, 'migrate', '-m', 'too_big'])
    assert.equal(result.status, 1, result.stderr)
    assert.match(result.stderr, /sequence small_no: maxValue 100000 is outside smallint \(-32768 to 32767\)/)
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr)
    writeFileSync(ws.models, models)
  })
})
