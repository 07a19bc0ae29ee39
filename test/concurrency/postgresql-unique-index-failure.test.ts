// A unique index built CONCURRENTLY that fails on duplicate values: the
// build leaves it INVALID, and athanor drops it. That drop is athanor's own
// cleanup, not a statement of the migration: the journal records the
// CREATE as not done, so `--continue` builds it once the duplicates are
// gone, and `current` sees the script it ran.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'
import type { HistoryRow } from '../../src/runtime/history-entry.js'

const orders = (options: string) =>
  [
    "import { col, defineModels, index, table } from 'athanor'",
    "export const orders = table('orders', { id: col.integer().primaryKey(), customer_id: col.integer() },",
    `  { indexes: [index(['customer_id'], { name: 'ix_orders_customer'${options} })] })`,
    'export default defineModels(orders)',
  ].join('\n')

describe('postgresql: CREATE UNIQUE INDEX CONCURRENTLY fails on duplicates', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)
  const indexes = async () =>
    db.query(
      'SELECT c.relname AS name, i.indisunique AS is_unique, i.indisvalid AS valid FROM pg_index i ' +
        "JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 'orders'::regclass AND NOT i.indisprimary",
    )

  test('the failed CREATE is not done: --continue from it builds the index once the duplicates are gone', async () => {
    writeFileSync(ws.models, orders(''))
    await cliOk([...ws.base, 'migrate', '-m', 'orders'])
    await cliOk([...ws.base, 'upgrade'])
    await db.query('INSERT INTO orders VALUES (1, 7), (2, 7), (3, 8)')
    writeFileSync(ws.models, orders(', unique: true'))
    const written = await cliOk([...ws.base, 'migrate', '-m', 'unique customer'])
    const revision = /Generating .*[/\\](\w+)_unique_customer\.ts/.exec(written.stdout + written.stderr)?.[1]
    assert.ok(revision, written.stdout + written.stderr)

    const failed = await cli([...ws.base, 'upgrade'])
    assertCleanError(
      failed,
      'at statement 2 of the migration',
      'statement 1 took effect',
      `'athanor resolve ${revision} --continue' (run the rest, from statement 2)`,
    )
    assert.deepEqual(await indexes(), [])

    const history = JSON.parse((await cliOk([...ws.base, 'history', '--applied', '--json'])).stdout) as { entries: HistoryRow[] }
    const row = history.entries.at(-1)!
    assert.deepEqual([row.revision, row.status, row.statementsDone], [revision, 'failed', 1])
    assert.match(row.lastStatement ?? '', /^DROP INDEX CONCURRENTLY/)
    assert.match(row.statement ?? '', /^CREATE UNIQUE INDEX CONCURRENTLY/)

    const current = await cliOk([...ws.base, 'current'])
    assert.match(current.stdout, /failed at statement 2 of 2/)
    assert.doesNotMatch(current.stdout, /script changed/)
    assert.match(current.stdout, new RegExp(`'athanor resolve ${revision} --continue' \\(run the rest: from statement 2\\)`))

    await db.query('UPDATE orders SET customer_id = 9 WHERE id = 2')
    await cliOk([...ws.base, 'resolve', revision, '--continue'])
    assert.deepEqual(await indexes(), [{ name: 'ix_orders_customer', is_unique: true, valid: true }])
    assert.match((await cliOk([...ws.base, 'current'])).stdout, new RegExp(`^${revision} \\(head\\)\n$`))
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
  })
})
