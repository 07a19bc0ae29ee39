import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'
import { type RevisionDef, temporaryProjects } from '../helpers/project.js'
import type { HistoryRow } from '../../src/runtime/history-entry.js'
import { portableChain, target } from './fixtures.js'

const project = temporaryProjects()

describe('MariaDB: a migration that throws before its first statement', () => {
  const db = useTestDatabase('mysql')

  test('is recorded rolled back by itself: the next upgrade runs it again without a resolve', async () => {
    const unported: RevisionDef = {
      id: 'b20000000002',
      down: 'a10000000001',
      ext: 'js',
      message: 'not ported',
      upgrade: [
        "  if (op.x['ported'] !== 'yes') throw new Error('this migration is not ported yet')",
        "  await op.execute('CREATE TABLE ported (id INT PRIMARY KEY)')",
      ].join('\n'),
    }
    const made = project([...portableChain(['a10000000001']), unported])
    const base = target(made.migrations, db.url)
    assertCleanError(await cli([...base, 'upgrade']), 'b20000000002', 'not ported yet')
    // Not a refusal to run: the same failure again, from the script itself.
    const again = assertCleanError(await cli([...base, 'upgrade']), 'b20000000002', 'not ported yet')
    assert.doesNotMatch(again, /resolve/)
    const rows = (JSON.parse((await cliOk([...base, 'history', '--applied', '--json'])).stdout) as { entries: HistoryRow[] }).entries
    assert.deepEqual(
      rows.filter((row) => row.revision === 'b20000000002').map((row) => row.status),
      ['rolled-back', 'rolled-back'],
    )
    await cliOk([...base, 'upgrade', '-x', 'ported=yes'])
    assert.deepEqual(await db.query('SELECT id FROM ported'), [])
  })
})
