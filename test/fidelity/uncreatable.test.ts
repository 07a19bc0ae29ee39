import assert from 'node:assert/strict'
import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { workspace, type Workspace } from '../adoption/workspace.js'
import { cli } from '../helpers/cli.js'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'

const MODELS = `import { col, defineModels, table } from 'athanor'

export const counters = table('counters', {
  id: col.tinyint().unsigned().primaryKey().autoincrement(),
})

export default defineModels(counters)
`

describe('a model its dialect cannot create fails at migrate and check, naming the table and column', () => {
  let db: TestDatabase
  let ws: Workspace
  before(async () => {
    db = await createTestDatabase('postgresql')
    ws = await workspace(db.url)
    writeFileSync(ws.models, MODELS.replace("'athanor'", JSON.stringify(new URL('../../src/index.ts', import.meta.url).pathname)))
  })
  after(async () => {
    ws?.cleanup()
    await db?.drop()
  })

  // check exits 2 when it cannot compare, as it does for any models it cannot use.
  for (const [verb, status] of [
    ['migrate', 1],
    ['check', 2],
  ] as const) {
    test(verb, async () => {
      const result = await cli([...ws.base, verb, ...(verb === 'migrate' ? ['-m', 'counters'] : [])])
      assert.equal(result.status, status, result.stderr)
      assert.match(result.stderr, /column "id" of table "counters" is UNSIGNED, which only MySQL and MariaDB can create/)
      assert.doesNotMatch(result.stderr, /\n\s+at /)
      assert.deepEqual(readdirSync(join(ws.directory, 'versions')), [])
    })
  }
})
