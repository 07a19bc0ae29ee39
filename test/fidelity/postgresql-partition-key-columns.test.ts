// PostgreSQL refuses to change the type of a column a partition key reads,
// or to drop it ("cannot alter column … because it is part of the partition
// key"), but renames it, in the key too. A new type was an alterColumn that
// always failed, a key column the models no longer had was dropped, which
// failed too, and a rename carried a note asking to create the table anew.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import type { Workspace } from '../adoption/workspace.js'
import { adoptSource, usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'

const CLEAN = 'No new upgrade operations detected.\n'

/** The file name of the script `migrate -m message` wrote. */
function scriptFile(ws: Workspace, message: string): string {
  const [file] = readdirSync(join(ws.directory, 'versions')).filter((name) => name.endsWith(`_${message}.ts`))
  assert.ok(file !== undefined, `no script for ${message}`)
  return file
}

/** The script `migrate -m message` wrote. */
function written(ws: Workspace, message: string): string {
  return readFileSync(join(ws.directory, 'versions', scriptFile(ws, message)), 'utf8')
}

describe('postgresql: a partition-key column given a new type', () => {
  const project = usePulledProject('postgresql', [
    'CREATE TABLE t (k integer NOT NULL, v integer) PARTITION BY RANGE (k)',
    'CREATE TABLE t_low PARTITION OF t FOR VALUES FROM (0) TO (100)',
    'INSERT INTO t VALUES (1, 2)',
  ])

  test('is a note, not an alterColumn PostgreSQL refuses; check keeps reporting it', async () => {
    const { ws, source } = project()
    const { models, url } = await adoptSource(project())
    const widened = models.replace(/k: col\.integer\(\)/, 'k: col.bigint()')
    assert.notEqual(widened, models)
    writeFileSync(ws.models, widened)
    await cliOk([...ws.base, 'migrate', '-m', 'widened', ...url])
    const script = written(ws, 'widened')
    assert.doesNotMatch(script, /alterColumn\('k'|alterColumn\('t', 'k'/)
    assert.match(script, /-- table t: column k is part of the partition key \(RANGE \(k\)\): PostgreSQL cannot change its type/)
    await cliOk([...ws.base, 'upgrade', ...url])
    const type = "SELECT format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = 't'::regclass AND attname = 'k'"
    assert.deepEqual(await source.query(type), [{ type: 'integer' }])
    const checked = await cli([...ws.base, 'check', ...url])
    assert.notEqual(checked.stdout, CLEAN)
    assert.match(checked.stdout + checked.stderr, /partition key/)
  })
})

describe('postgresql: a partition-key column renamed', () => {
  const project = usePulledProject('postgresql', [
    'CREATE TABLE m (id int NOT NULL, d date NOT NULL, PRIMARY KEY (id, d)) PARTITION BY RANGE (d)',
    "CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
    "INSERT INTO m VALUES (1, '2024-05-01')",
  ])
  const key = "SELECT pg_get_partkeydef('m'::regclass) AS key"
  let adopted: { models: string; url: readonly string[] } | undefined
  const renamedModels = (models: string) =>
    models.replace('d: col.date()', 'e: col.date()').replace("'RANGE (d)'", "'RANGE (e)'").replace("'id', 'd'", "'id', 'e'")

  test('without --rename-column keeps d, which PostgreSQL cannot drop: a note says so and names the flag', async () => {
    const { ws } = project()
    adopted = await adoptSource(project())
    const renamed = renamedModels(adopted.models)
    assert.equal(renamed.match(/\be\b/g)?.length, 3, renamed)
    writeFileSync(ws.models, renamed)
    await cliOk([...ws.base, 'migrate', '-m', 'replaced', ...adopted.url])
    const replaced = written(ws, 'replaced')
    assert.doesNotMatch(replaced, /dropColumn\('m', 'd'/)
    assert.match(replaced, /partition key changed \(RANGE \(d\) -> RANGE \(e\)\)/)
    assert.match(replaced, /column d is part of the partition key \(RANGE \(d\)\): PostgreSQL cannot drop it, so it stays/)
    assert.match(replaced, /--rename-column m\.d:NEW_NAME/)
    rmSync(join(ws.directory, 'versions', scriptFile(ws, 'replaced')))
  })

  test('with --rename-column is the rename alone, both ways: the key follows it', async () => {
    const { ws, source } = project()
    const { models, url } = adopted ?? (await adoptSource(project()))
    writeFileSync(ws.models, renamedModels(models))
    await cliOk([...ws.base, 'migrate', '-m', 'renamed', '--rename-column', 'm.d:e', ...url])
    const script = written(ws, 'renamed')
    assert.match(script, /newName: 'e'/)
    assert.doesNotMatch(script, /partition key|op\.execute/)
    await cliOk([...ws.base, 'upgrade', ...url])
    assert.equal((await cli([...ws.base, 'check', ...url])).stdout, CLEAN)
    assert.deepEqual(await source.query(key), [{ key: 'RANGE (e)' }])
    assert.deepEqual(await source.query('SELECT id, e::text FROM m'), [{ id: 1, e: '2024-05-01' }])
    await cliOk([...ws.base, 'downgrade', '-1', ...url])
    assert.deepEqual(await source.query(key), [{ key: 'RANGE (d)' }])
  })
})
