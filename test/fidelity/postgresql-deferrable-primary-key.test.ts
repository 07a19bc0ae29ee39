// A DEFERRABLE [INITIALLY DEFERRED] primary key keeps its deferral through a
// round trip, as a unique constraint does: pull writes it at table level,
// migrate makes it, check compares it (a change is a note, as any change of
// a primary key is), and a foreign key to it, which PostgreSQL refuses,
// fails at migrate. Before, it was listed as not represented and rebuilt
// immediate, so renumbering rows in one statement failed.
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { usePulledProject } from './pulled-project.js'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'
import { useWorkspace } from '../adoption/workspace.js'
import type { TestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

const SOURCE = ['CREATE TABLE steps (n integer, label text, CONSTRAINT steps_pkey PRIMARY KEY (n) DEFERRABLE INITIALLY DEFERRED)']

async function keys(db: TestDatabase): Promise<unknown[]> {
  return db.query(`SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'steps'::regclass`)
}

describe('postgresql: a deferrable primary key pulled and migrated', () => {
  const project = usePulledProject('postgresql', SOURCE)

  test('keeps its deferral, and rows renumber in one statement', async () => {
    const { source, rebuilt, ws } = project()
    const pulled = await cliOk([...ws.base, 'pull', '-o', ws.models, '--url', source.url])
    assert.doesNotMatch(pulled.stdout + pulled.stderr, /primary key options/)
    assert.match(
      readFileSync(ws.models, 'utf8'),
      /primaryKey: \{ name: 'steps_pkey', columns: \['n'\], deferrable: true, initiallyDeferred: true \}/,
    )
    await cliOk([...ws.base, 'migrate', '-m', 'steps'])
    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual(await keys(rebuilt), await keys(source))
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    await rebuilt.query("INSERT INTO steps VALUES (1, 'a'), (2, 'b')")
    await rebuilt.query('UPDATE steps SET n = n + 1')
    assert.deepEqual(await rebuilt.query('SELECT n FROM steps ORDER BY n'), [{ n: 2 }, { n: 3 }])
  })

  test('a change of its deferral is a note, as any change of a primary key', async () => {
    const { ws } = project()
    writeFileSync(ws.models, readFileSync(ws.models, 'utf8').replace(', deferrable: true, initiallyDeferred: true', ', deferrable: true'))
    const result = await cli([...ws.base, 'check'])
    assert.equal(result.status, 1)
    assert.match(result.stdout, /primary key \(n\) DEFERRABLE INITIALLY DEFERRED -> \(n\) DEFERRABLE/)
  })

  test('a foreign key to it is refused at migrate, naming both', async () => {
    const { ws } = project()
    writeFileSync(
      ws.models,
      readFileSync(ws.models, 'utf8')
        .replace(', deferrable: true }', ', deferrable: true, initiallyDeferred: true }')
        .replace(
          'export default defineModels(',
          "export const uses = table('uses', { step: col.integer().references('steps', { column: 'n' }) })\n" +
            'export default defineModels(uses, ',
        ),
    )
    assertCleanError(
      await cli([...ws.base, 'migrate', '-m', 'refused']),
      { code: 'INVALID_MODEL' },
      '"uses"',
      '"steps"',
      'primary key steps_pkey',
    )
  })
})

describe('sqlite: a deferrable primary key', () => {
  const db = useTestDatabase('sqlite')
  const ws = useWorkspace(db)

  test('is refused at migrate, naming it', async () => {
    writeFileSync(
      ws.models,
      "import { col, defineModels, table } from 'athanor'\n" +
        "export default defineModels(table('steps', { n: col.integer() }, { primaryKey: { columns: ['n'], deferrable: true } }))\n",
    )
    assertCleanError(await cli([...ws.base, 'migrate', '-m', 'refused']), { code: 'UNSUPPORTED_FEATURE' }, 'primary key (n)', 'deferrable')
  })
})
