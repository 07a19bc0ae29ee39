import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { isAthanorError } from '../../src/core/errors.js'
import { migrate, openDb } from './helpers.js'
import { blogSchema, type ChildAction, databaseState, REBUILDS, type RebuildCase } from './blog.js'

// Every way a parent table's children can refer to it, with and without an
// index on the child's column, against each way a rebuild of the parent can
// end: the children's rows are never touched, and a failed rebuild leaves
// schema and rows exactly as they were.

const dir = mkdtempSync(join(tmpdir(), 'athanor-fk-'))
after(() => rmSync(dir, { recursive: true, force: true }))
let n = 0

const ACTIONS: readonly ChildAction[] = ['CASCADE', 'SET NULL', 'SET DEFAULT', 'RESTRICT', 'NO ACTION']

describe('rebuilding a parent table keeps its children, with foreign keys enforced', () => {
  for (const action of ACTIONS) {
    for (const indexed of [true, false]) {
      for (const rebuild of REBUILDS) {
        const name = `ON DELETE ${action}, child column ${indexed ? 'indexed' : 'not indexed'}: ${rebuild.name}`
        test(name, async () => {
          const path = join(dir, `matrix${++n}.sqlite`)
          const { connection, executor, inspect } = openDb(path, blogSchema({ action, indexed, breaks: rebuild.breaks }))
          const before = databaseState(inspect())
          const outcome = await migrate(executor, rebuild.ops).then(
            () => undefined,
            (error: unknown) => error,
          )
          assert.deepEqual(await connection.query('PRAGMA foreign_keys'), [{ foreign_keys: 1 }], 'enforcement is back on')
          await connection.close()
          const after = databaseState(inspect())
          assert.equal(after.integrity, 'ok')
          assert.deepEqual(after.violations, [])
          assert.deepEqual(after.rows, before.rows, "every table's rows, by checksum")
          assert.deepEqual(after.foreignKeys.post_tags, before.foreignKeys.post_tags)
          assert.deepEqual(after.foreignKeys.comments, before.foreignKeys.comments)
          if (rebuild.breaks === undefined) {
            assert.equal(outcome, undefined)
            assert.notDeepEqual(after.schema, before.schema)
            rebuild.check?.(after)
          } else {
            assertFailure(outcome, rebuild)
            assert.deepEqual(after.schema, before.schema, 'the schema is as it was')
          }
        })
      }
    }
  }
})

function assertFailure(outcome: unknown, rebuild: RebuildCase): void {
  assert.ok(isAthanorError(outcome), String(outcome))
  assert.ok(['SQLITE_REBUILD_FAILED', 'FOREIGN_KEY_VIOLATION'].includes(outcome.code), outcome.message)
  assert.match(outcome.message, /"posts"/)
  assert.match(outcome.message, rebuild.message!)
  assert.match(outcome.message, /row \(/)
  assert.doesNotMatch(outcome.message, /\n/)
}
