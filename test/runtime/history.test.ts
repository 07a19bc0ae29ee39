import assert from 'node:assert/strict'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import Database from 'better-sqlite3'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { chain, versionRows, type Project, type RevisionDef, temporaryProjects } from '../helpers/project.js'
import type { HistoryRow } from '../../src/runtime/history-entry.js'

const project = temporaryProjects()

const IDS = ['a10000000001', 'b20000000002', 'c30000000003']

async function applied(made: Project): Promise<HistoryRow[]> {
  const result = await cliOk([...made.base, 'history', '--applied', '--json'])
  return (JSON.parse(result.stdout) as { entries: HistoryRow[] }).entries
}

function scriptPath(made: Project, id: string): string {
  return made.write(chain(IDS).find((def) => def.id === id)!)
}

describe('history table', () => {
  test('every step is recorded with direction, status, checksum, times and version', async () => {
    const made = project(chain(IDS))
    await cliOk([...made.base, 'upgrade'])
    await cliOk([...made.base, 'downgrade', '-1'])
    const rows = await applied(made)
    assert.deepEqual(
      rows.map((row) => `${row.direction} ${row.revision} ${row.status}`),
      [
        'upgrade a10000000001 succeeded',
        'upgrade b20000000002 succeeded',
        'upgrade c30000000003 succeeded',
        'downgrade c30000000003 succeeded',
      ],
    )
    for (const row of rows) {
      assert.match(row.checksum ?? '', /^[0-9a-f]{64}$/)
      assert.ok(row.finishedAt !== null && row.finishedAt >= row.startedAt)
      assert.ok(row.durationMs !== null && row.durationMs >= 0)
      assert.match(row.athanorVersion, /^\d+\.\d+\.\d+/)
    }
    assert.deepEqual(rows[1]!.fromRevisions, ['a10000000001'])
    assert.deepEqual(rows[1]!.toRevisions, ['b20000000002'])
    // One run, one run id; the downgrade is another run.
    assert.equal(new Set(rows.slice(0, 3).map((row) => row.runId)).size, 1)
    assert.notEqual(rows[3]!.runId, rows[0]!.runId)
  })

  test('history --applied prints one line per step', async () => {
    const made = project(chain(IDS.slice(0, 2)))
    await cliOk([...made.base, 'upgrade'])
    const { stdout } = await cliOk([...made.base, 'history', '--applied'])
    const lines = stdout.trim().split('\n')
    assert.equal(lines.length, 2)
    assert.match(lines[0]!, /upgrade\s+base -> a10000000001\s+succeeded\s+\d+ ms\s+athanor \S+\s+sha256:[0-9a-f]{12}/)
    assert.match(lines[1]!, /a10000000001 -> b20000000002/)
  })

  test('a failed transactional step leaves a rolled-back row, which blocks nothing', async () => {
    const broken: RevisionDef = {
      id: 'b20000000002',
      down: 'a10000000001',
      upgrade: "  await op.execute('INSERT INTO no_such_table VALUES (1)')",
    }
    const made = project([...chain(IDS.slice(0, 1)), broken])
    assertCleanError(await cli([...made.base, 'upgrade']), 'b20000000002', 'no_such_table')
    const rows = await applied(made)
    assert.deepEqual(
      rows.map((row) => `${row.revision} ${row.status}`),
      ['a10000000001 succeeded', 'b20000000002 rolled-back'],
    )
    assert.match(rows[1]!.error ?? '', /no_such_table/)
    // A new file name: this process has the broken module cached under the old one.
    rmSync(made.write(broken))
    made.write({ id: 'b20000000002', down: 'a10000000001', message: 'fixed' })
    await cliOk([...made.base, 'upgrade'])
    assert.deepEqual(versionRows(made.dbPath), ['b20000000002'])
  })

  test('the history table name follows the config', async () => {
    const made = project(chain(IDS.slice(0, 1)))
    made.config("export default { historyTable: 'migration_runs' }\n")
    await cliOk([...made.base, 'upgrade'])
    const db = new Database(made.dbPath, { readonly: true })
    try {
      assert.equal((db.prepare('SELECT COUNT(*) AS n FROM migration_runs').get() as { n: number }).n, 1)
    } finally {
      db.close()
    }
  })
})

describe('edited applied scripts', () => {
  test('upgrade refuses, listing the edited file; --allow-edited goes on; resolve --accept-edited settles it', async () => {
    const made = project(chain(IDS.slice(0, 2)))
    await cliOk([...made.base, 'upgrade'])
    made.write(chain(IDS).find((def) => def.id === IDS[2])!)
    const edited = scriptPath(made, 'a10000000001')
    writeFileSync(edited, `${readFileSync(edited, 'utf8')}\n// a later change\n`)

    const refused = assertCleanError(await cli([...made.base, 'upgrade']), 'a10000000001', edited, '--allow-edited')
    assert.match(refused, /edited after being applied/)
    assert.deepEqual(versionRows(made.dbPath), ['b20000000002'])

    const allowed = await cliOk([...made.base, 'upgrade', '--allow-edited'])
    assert.match(allowed.stderr, /warning: .*a10000000001/)
    assert.deepEqual(versionRows(made.dbPath), ['c30000000003'])

    await cliOk([...made.base, 'resolve', '--accept-edited'])
    await cliOk([...made.base, 'upgrade'])
    const rows = await applied(made)
    assert.equal(rows.filter((row) => row.direction === 'accept' && row.revision === 'a10000000001').length, 1)
  })

  test('downgrade refuses too: an edited script may undo something else than it did; --allow-edited goes on', async () => {
    const made = project(chain(IDS.slice(0, 2)))
    await cliOk([...made.base, 'upgrade'])
    const edited = scriptPath(made, 'b20000000002')
    writeFileSync(edited, `${readFileSync(edited, 'utf8')}\n// re-parented or reworked after it ran\n`)
    const refused = assertCleanError(await cli([...made.base, 'downgrade', '-1']), 'b20000000002', edited, '--allow-edited')
    assert.match(refused, /edited after being applied/)
    assert.deepEqual(versionRows(made.dbPath), ['b20000000002'])
    const allowed = await cliOk([...made.base, 'downgrade', '-1', '--allow-edited'])
    assert.match(allowed.stderr, /warning: .*b20000000002/)
    assert.deepEqual(versionRows(made.dbPath), ['a10000000001'])
  })

  test('a change of line endings or an added BOM is not an edit', async () => {
    const made = project(chain(IDS.slice(0, 1)))
    await cliOk([...made.base, 'upgrade'])
    const file = scriptPath(made, 'a10000000001')
    writeFileSync(file, `\uFEFF${readFileSync(file, 'utf8').replace(/\n/g, '\r\n')}`)
    made.write(chain(IDS.slice(0, 2))[1]!)
    await cliOk([...made.base, 'upgrade'])
    assert.deepEqual(versionRows(made.dbPath), ['b20000000002'])
  })

  test('a script edited after being downgraded is not flagged', async () => {
    const made = project(chain(IDS.slice(0, 2)))
    await cliOk([...made.base, 'upgrade'])
    await cliOk([...made.base, 'downgrade', '-1'])
    const file = scriptPath(made, 'b20000000002')
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n// reworked before reapplying\n`)
    await cliOk([...made.base, 'upgrade'])
    assert.deepEqual(versionRows(made.dbPath), ['b20000000002'])
  })
})
