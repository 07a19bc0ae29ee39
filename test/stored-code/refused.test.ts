import assert from 'node:assert/strict'
import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { workspace, type Workspace } from '../adoption/workspace.js'
import { cli } from '../helpers/cli.js'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'

const MODELS = `import { col, defineModels, routine, sql, table } from 'athanor'

export const counters = table('counters', { id: col.integer().primaryKey() })
export const bump = routine('bump', sql\`CREATE FUNCTION bump(n INT) RETURNS INT DETERMINISTIC RETURN n + 1\`)

export default defineModels(counters, bump)
`

describe('SQLite: models declaring a routine fail at migrate and check, naming it, before anything is written', () => {
  let db: TestDatabase
  let ws: Workspace
  before(async () => {
    db = await createTestDatabase('sqlite')
    ws = await workspace(db.url)
    writeFileSync(ws.models, MODELS.replace("'athanor'", JSON.stringify(new URL('../../src/index.ts', import.meta.url).pathname)))
  })
  after(async () => {
    ws?.cleanup()
    await db?.drop()
  })

  for (const [verb, status] of [
    ['migrate', 1],
    ['check', 2],
  ] as const) {
    test(verb, async () => {
      const result = await cli([...ws.base, verb, ...(verb === 'migrate' ? ['-m', 'bump'] : [])])
      assert.equal(result.status, status, result.stderr)
      assert.equal(result.stderr, 'error: the models declare function "bump", but sqlite has no stored functions or procedures\n')
      assert.deepEqual(readdirSync(join(ws.directory, 'versions')), [])
    })
  }
})
