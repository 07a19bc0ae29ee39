// A free-standing sequence whose models write an option at PostgreSQL's
// default (`cache: 1`, `start: 1` counting up from 1, a bound at its type's
// limit). The catalog cannot tell such an option from an absent one, and
// pull writes neither, so check compared `cache: 1` with nothing and
// reported `alter sequence s (cache)` after every upgrade. Sequences now
// compare with the defaults filled in, for their type and direction, as a
// SERIAL's and an identity's do; a real change, and a downgrade back to a
// default, still alter them.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

const models = (options: readonly string[]) =>
  [
    "import { defineModels, sequence } from 'athanor'",
    ...options.map((o, i) => `export const s${i + 1} = sequence('s${i + 1}', ${o})`),
    `export default defineModels(${options.map((_, i) => `s${i + 1}`).join(', ')})`,
  ].join('\n')

/** Each option written at its default: for bigint, integer, a descending smallint, and bigint's maximum as text. */
const AT_DEFAULTS = [
  '{ cache: 1 }',
  '{ increment: 1, start: 1, minValue: 1 }',
  "{ type: 'integer', maxValue: 2147483647 }",
  "{ type: 'smallint', increment: -1, minValue: -32768, maxValue: -1, start: -1, cycle: false }",
  "{ maxValue: '9223372036854775807' }",
]

const CHANGED = [
  '{ cache: 20 }',
  '{ increment: 2, start: 1, minValue: 1 }',
  "{ type: 'integer', maxValue: 1000 }",
  "{ type: 'smallint', increment: -1, minValue: -100, maxValue: -1, start: -1 }",
  "{ maxValue: '9223372036854775807' }",
]

describe('postgresql: a sequence with options written at their defaults', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)
  const sequences = () =>
    db.query(
      `SELECT c.relname AS name, format_type(s.seqtypid, NULL) AS type, s.seqstart::text AS start, s.seqincrement::text AS increment,
         s.seqmin::text AS min, s.seqmax::text AS max, s.seqcache::text AS cache, s.seqcycle AS cycle
       FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid WHERE c.relname LIKE 's_' ORDER BY c.relname`,
    )
  const script = (message: string) => {
    const [file] = readdirSync(join(ws.directory, 'versions')).filter((name) => name.endsWith(`_${message}.ts`))
    return readFileSync(join(ws.directory, 'versions', file!), 'utf8')
  }

  test('checks clean, and a change to and from a default alters it both ways', async () => {
    writeFileSync(ws.models, models(AT_DEFAULTS))
    await cliOk([...ws.base, 'migrate', '-m', 'sequences'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    const atDefaults = await sequences()
    assert.deepEqual(atDefaults[3], {
      name: 's4',
      type: 'smallint',
      start: '-1',
      increment: '-1',
      min: '-32768',
      max: '-1',
      cache: '1',
      cycle: false,
    })

    writeFileSync(ws.models, models(CHANGED))
    await cliOk([...ws.base, 'migrate', '-m', 'changed'])
    const changed = script('changed')
    assert.match(changed, /op\.alterSequence\('s1', \{ cache: 20 \}/)
    assert.match(changed, /op\.alterSequence\('s2', \{ increment: 2 \}/)
    assert.match(changed, /op\.alterSequence\('s3', \{ maxValue: 1000 \}/)
    assert.match(changed, /op\.alterSequence\('s4', \{ minValue: -100 \}/)
    assert.doesNotMatch(changed, /'s5'/)
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    const afterChange = await sequences()
    assert.deepEqual(
      afterChange.map((row) => [row['cache'], row['increment'], row['max'], row['min']]),
      [
        ['20', '1', '9223372036854775807', '1'],
        ['1', '2', '9223372036854775807', '1'],
        ['1', '1', '1000', '1'],
        ['1', '-1', '-1', '-100'],
        ['1', '1', '9223372036854775807', '1'],
      ],
    )

    // Back to the defaults, written out: altered to them, and the downgrade puts the changes back.
    writeFileSync(ws.models, models(AT_DEFAULTS))
    await cliOk([...ws.base, 'migrate', '-m', 'back'])
    assert.match(script('back'), /op\.alterSequence\('s1', \{ cache: 1 \}/)
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    assert.deepEqual(await sequences(), atDefaults)
    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await sequences(), afterChange)
    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await sequences(), atDefaults)
    await cliOk([...ws.base, 'downgrade', 'base'])
    assert.deepEqual(await sequences(), [])
  })
})
