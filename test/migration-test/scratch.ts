import assert from 'node:assert/strict'
import { parseDatabaseUrl } from '../../src/core/database-url.js'
import type { DialectName } from '../../src/core/dialect-name.js'
import { openConnection } from '../../src/dialect/registry.js'
import { testServerUrl } from '../helpers/databases.js'

/** The scratch databases a report names (`database athanor_test_… on …`) exist no more on their server. */
export async function assertScratchDropped(dialect: DialectName, labels: readonly string[]): Promise<void> {
  if (dialect === 'sqlite') {
    assert.ok(labels.length > 0 && labels.every((label) => label === 'SQLite in memory'), labels.join(', '))
    return
  }
  const names = labels.map((label) => /^database (athanor_test_[0-9a-f]+) on /.exec(label)?.[1])
  assert.ok(names.length > 0 && names.every((name) => name !== undefined), `scratch databases are named: ${labels.join(', ')}`)
  const connection = await openConnection(parseDatabaseUrl(testServerUrl(dialect)))
  try {
    const sql =
      dialect === 'postgresql' ? 'SELECT datname AS name FROM pg_database' : 'SELECT schema_name AS name FROM information_schema.schemata'
    const existing = new Set((await connection.query(sql)).map((row) => String(row['name'])))
    assert.deepEqual(
      names.filter((name) => existing.has(name!)),
      [],
      'every scratch database was dropped',
    )
  } finally {
    await connection.close()
  }
}
