// A partition renamed in the models was written as a drop and a create: its
// rows were lost, with no possible-rename warning, `--strict-renames` let it
// through, and `--rename-table old:new` matched nothing. A dropped and an
// added partition of one parent are now a possible rename like a dropped
// and an added table, and `--rename-table` renames the partition in place.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

const models = (name: string) =>
  [
    "import { col, defineModels, partition, sql, table } from 'athanor'",
    "export const m = table('m', { d: col.date().notNull(), v: col.integer() }, { postgresql: { partitionBy: 'RANGE (d)' } })",
    `export const p1 = partition('${name}', 'm', sql\`FOR VALUES FROM ('2020-01-01') TO ('2021-01-01')\`)`,
    'export default defineModels(m, p1)',
  ].join('\n')

describe('postgresql: a partition renamed in the models', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)
  const versions = () => join(ws.directory, 'versions')
  const written = (suffix: string) => readdirSync(versions()).filter((name) => name.endsWith(suffix))
  const partitions = async () =>
    db.query("SELECT inhrelid::regclass::text AS p FROM pg_inherits WHERE inhparent = 'm'::regclass ORDER BY 1")

  test('is a possible rename, refused under --strict-renames, and a rename with --rename-table', async () => {
    writeFileSync(ws.models, models('m_2020'))
    await cliOk([...ws.base, 'migrate', '-m', 'partitioned'])
    await cliOk([...ws.base, 'upgrade'])
    await db.query("INSERT INTO m (d, v) VALUES ('2020-06-01', 7)")
    writeFileSync(ws.models, models('m_y2020'))

    const warned = await cliOk([...ws.base, 'migrate', '-m', 'guessed'])
    const flag = '--rename-table m_2020:m_y2020'
    assert.match(warned.stderr, /^warning: m: partition m_2020 is dropped and m_y2020 added; .*--rename-table m_2020:m_y2020$/m)
    const [guessed] = written('_guessed.ts')
    const text = readFileSync(join(versions(), guessed!), 'utf8')
    assert.ok(text.includes(`//   m: partition m_2020 is dropped and m_y2020 added; if it is a rename, run again with ${flag}`), text)
    rmSync(join(versions(), guessed!))

    assertCleanError(await cli([...ws.base, 'migrate', '-m', 'x', '--strict-renames']), 'no script written', flag)
    assert.deepEqual(written('_x.ts'), [])

    await cliOk([...ws.base, 'migrate', '-m', 'renamed', '--rename-table', 'm_2020:m_y2020'])
    const script = readFileSync(join(versions(), written('_renamed.ts')[0]!), 'utf8')
    assert.match(script, /renameTable\('m_2020', 'm_y2020'\)/)
    assert.doesNotMatch(script, /dropPartition|createPartition|Possible renames/)
    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual(await partitions(), [{ p: 'm_y2020' }])
    assert.deepEqual(await db.query('SELECT d::text, v FROM m_y2020'), [{ d: '2020-06-01', v: 7 }])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)

    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await partitions(), [{ p: 'm_2020' }])
    assert.deepEqual(await db.query('SELECT d::text, v FROM m_2020'), [{ d: '2020-06-01', v: 7 }])
  })

  test('renamed with new bounds, is renamed and then given them', async () => {
    // The database is back at the first revision: the rename alone is set aside.
    rmSync(join(versions(), written('_renamed.ts')[0]!))
    const bounds = models('m_2020').replace("TO ('2021-01-01')", "TO ('2022-01-01')").replace("'m_2020'", "'m_2020_21'")
    writeFileSync(ws.models, bounds)
    await cliOk([...ws.base, 'migrate', '-m', 'widened', '--rename-table', 'm_2020:m_2020_21'])
    const script = readFileSync(join(versions(), written('_widened.ts')[0]!), 'utf8')
    assert.match(script, /renameTable\('m_2020', 'm_2020_21'\)[\s\S]*changePartitionBounds\('m_2020_21'/)
    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual(await db.query('SELECT d::text, v FROM m_2020_21'), [{ d: '2020-06-01', v: 7 }])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await partitions(), [{ p: 'm_2020' }])
  })
})
