import assert from 'node:assert/strict'
import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import type { DialectName } from '../../src/dialect/types.js'
import { workspace, type Workspace } from '../adoption/workspace.js'
import { cli } from '../helpers/cli.js'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'

/**
 * A models module its dialect cannot create: `migrate` fails (exit 1) and
 * `check` cannot compare (exit 2), each in one line matching `message`,
 * without a stack and before any script is written.
 */
export function refusedModels(title: string, dialect: DialectName, models: string, message: RegExp): void {
  describe(title, () => {
    let db: TestDatabase
    let ws: Workspace
    before(async () => {
      db = await createTestDatabase(dialect)
      ws = await workspace(db.url)
      writeFileSync(ws.models, models.replace("'athanor'", JSON.stringify(new URL('../../src/index.ts', import.meta.url).pathname)))
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
        const result = await cli([...ws.base, verb, ...(verb === 'migrate' ? ['-m', 'refused'] : [])])
        assert.equal(result.status, status, result.stderr)
        assert.match(result.stderr, message)
        assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr)
        assert.deepEqual(readdirSync(join(ws.directory, 'versions')), [])
      })
    }
  })
}
