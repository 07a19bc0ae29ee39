// MariaDB 10.10 and later name UCA 14.0.0 collations with their character
// set (utf8mb4_uca1400_ai_ci, the default of newer releases), and
// information_schema.COLLATIONS has no row under that name. The table's
// character set was read as '', so pull wrote charset: '' and every later
// migrate and check stopped on it. The character set now comes from the
// collation's name when the catalog has no row for it. A column given its
// table's collation in the models is a column without one of its own, as
// the catalog reports it: such a change was made again and again.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'

const CLEAN = 'No new upgrade operations detected.\n'

describe('mysql: a table with a UCA 14.0.0 collation', () => {
  const project = usePulledProject('mysql', [
    'CREATE TABLE u (id INT PRIMARY KEY, a VARCHAR(5), b VARCHAR(5) COLLATE utf8mb4_uca1400_as_cs) COLLATE=utf8mb4_uca1400_ai_ci',
  ])
  const collations =
    'SELECT TABLE_COLLATION AS table_collation, ' +
    '(SELECT GROUP_CONCAT(COLLATION_NAME ORDER BY ORDINAL_POSITION) FROM information_schema.COLUMNS c ' +
    "WHERE c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = 'u') AS columns " +
    "FROM information_schema.TABLES t WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'u'"

  test('is pulled with its character set, rebuilt the same, and check is clean', async () => {
    const { source, rebuilt, ws } = project()
    const { models } = await pullAndRebuild(project())
    assert.match(models, /charset: 'utf8mb4', collate: 'utf8mb4_uca1400_ai_ci'/)
    assert.deepEqual(await rebuilt.query(collations), await source.query(collations))
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
  })
})

describe("mysql: a column given its table's collation", () => {
  const project = usePulledProject('mysql', [
    'CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(20) CHARACTER SET latin1 COLLATE latin1_swedish_ci) ' +
      'DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
  ])

  test('takes it in one migration, then checks clean', async () => {
    const { rebuilt, ws } = project()
    const { models } = await pullAndRebuild(project())
    const changed = models.replace(/s: col\.string\(20\)[^,\n]*/, "s: col.string(20).collate('utf8mb4_unicode_ci')")
    assert.notEqual(changed, models)
    writeFileSync(ws.models, changed)
    await cliOk([...ws.base, 'migrate', '-m', 'table collation'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    const [{ c }] = (await rebuilt.query(
      'SELECT COLLATION_NAME AS c FROM information_schema.COLUMNS ' +
        "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 't' AND COLUMN_NAME = 's'",
    )) as [{ c: string }]
    assert.equal(c, 'utf8mb4_unicode_ci')
  })
})
