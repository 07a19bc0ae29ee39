// Foreign keys on MariaDB that the models cannot follow, and the index
// InnoDB makes for a key. A key to a system-versioned table (left out of the
// models) stayed in them, and the rebuilt database refused it at upgrade
// (errno 150); a key to a table of another database became one to the table
// of that name here. Both are now listed as not represented and left out.
// An index named after a key's first column (as InnoDB names the one of a key
// declared without a name, or as classicmodels declares its own) was taken
// for the key's own and left out, so the rebuilt one was named after the key.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli } from '../helpers/cli.js'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'

const indexes =
  'SELECT TABLE_NAME AS t, INDEX_NAME AS i, GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX) AS c FROM information_schema.STATISTICS ' +
  "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME NOT LIKE 'athanor%' GROUP BY TABLE_NAME, INDEX_NAME ORDER BY 1, 2"
const keys =
  'SELECT TABLE_NAME AS t, CONSTRAINT_NAME AS k, REFERENCED_TABLE_NAME AS r FROM information_schema.KEY_COLUMN_USAGE ' +
  'WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IS NOT NULL ORDER BY 1, 2'

describe('mysql: keys to tables not represented, and the indexes of keys', () => {
  const project = usePulledProject('mysql', [
    'CREATE TABLE prices (id INT PRIMARY KEY) WITH SYSTEM VERSIONING',
    'CREATE TABLE elsewhere (id INT PRIMARY KEY)',
    'CREATE TABLE parents (id INT PRIMARY KEY)',
    'CREATE TABLE children (id INT PRIMARY KEY, price_id INT, parent_id INT, rep INT, far INT, ' +
      'CONSTRAINT fk_price FOREIGN KEY (price_id) REFERENCES prices (id), FOREIGN KEY (parent_id) REFERENCES parents (id), ' +
      'KEY rep (rep), CONSTRAINT children_rep FOREIGN KEY (rep) REFERENCES parents (id))',
  ])
  // Made after the source and dropped after it: the source's key refers to it.
  let other: TestDatabase
  before(async () => {
    other = await createTestDatabase('mysql')
    await other.query('CREATE TABLE elsewhere (id INT PRIMARY KEY)')
  })
  after(() => other?.drop())

  test('pull lists the keys it leaves out, the rebuilt database upgrades, and the indexes keep their names', async () => {
    const { source, rebuilt, ws } = project()
    await source.query(`ALTER TABLE children ADD CONSTRAINT fk_far FOREIGN KEY (far) REFERENCES \`${other.name}\`.elsewhere (id)`)
    const { printed } = await pullAndRebuild(project())
    assert.match(printed, /foreign key to a table not represented children\.fk_price -> prices/)
    assert.match(printed, new RegExp(`foreign key to a table not represented children\\.fk_far -> ${other.name}\\.elsewhere`))
    assert.deepEqual(await rebuilt.query(keys), [
      { t: 'children', k: 'children_ibfk_1', r: 'parents' },
      { t: 'children', k: 'children_rep', r: 'parents' },
    ])
    const named = (rows: Record<string, unknown>[]) =>
      rows.filter((row) => !['fk_price', 'fk_far', 'price_id', 'far'].includes(String(row['i'])))
    assert.deepEqual(
      named(await rebuilt.query(indexes)),
      named(await source.query(indexes)).filter((row) => row['t'] !== 'prices'),
    )
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
  })
})
