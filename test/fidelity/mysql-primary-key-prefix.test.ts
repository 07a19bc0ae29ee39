// MySQL keys a TEXT column on a prefix of it, the primary key too. Pull
// left the prefix out: a TEXT key then failed at upgrade ("used in key
// specification without a key length"), and a VARCHAR key held whole
// values unique where the source held prefixes, while check was clean. The
// prefix is now the key's `prefixLengths`, and a model keying a TEXT column
// whole in its primary key is refused at migrate; an index on one is left to
// the server, as MariaDB keys it on a prefix of its own choosing.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'

const keys =
  'SELECT TABLE_NAME AS t, COLUMN_NAME AS c, SUB_PART AS part FROM information_schema.STATISTICS ' +
  "WHERE TABLE_SCHEMA = DATABASE() AND INDEX_NAME = 'PRIMARY' AND TABLE_NAME IN ('notes', 'codes') ORDER BY 1, SEQ_IN_INDEX"

describe('mysql: a primary key on a prefix of its column', () => {
  const project = usePulledProject('mysql', [
    'CREATE TABLE notes (body TEXT NOT NULL, PRIMARY KEY (body(50)))',
    'CREATE TABLE codes (code VARCHAR(100) NOT NULL, region INT NOT NULL, PRIMARY KEY (code(10), region))',
  ])

  test('round-trips with its prefix, and a whole TEXT key is refused at migrate', async () => {
    const { source, rebuilt, ws } = project()
    const { models } = await pullAndRebuild(project())
    assert.match(models, /primaryKey: \{ columns: \['body'\], prefixLengths: \{ body: 50 \} \}/)
    assert.deepEqual(await rebuilt.query(keys), await source.query(keys))
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
    writeFileSync(
      ws.models,
      models.replace(/primaryKey: \{ columns: \['body'\], prefixLengths: \{ body: 50 \} \},?/, "primaryKey: { columns: ['body'] },"),
    )
    const refused = await cli([...ws.base, 'migrate', '-m', 'whole'])
    assert.notEqual(refused.status, 0)
    assert.match(refused.stderr, /table "notes": the primary key takes column "body" whole, which MySQL keys only on a prefix/)
    // An index on a whole TEXT column is no primary key: made as before.
    const indexed = models
      .replace(/primaryKey: \{ columns: \['body'\], prefixLengths: \{ body: 50 \} \},?/, "indexes: [index(['body'], { name: 'ix_body' })],")
      .replace(/body: col\.text\(\)\.notNull\(\),/, 'id: col.integer().primaryKey(),\n  body: col.text().notNull(),')
      .replace('import { col,', 'import { col, index,')
    assert.notEqual(indexed, models)
    writeFileSync(ws.models, indexed)
    await cliOk([...ws.base, 'migrate', '-m', 'indexed'])
  })
})
