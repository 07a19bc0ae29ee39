import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import Database from 'better-sqlite3'
import type { Operation } from '../../src/ops/operation.js'
import { blogSchema, databaseState, REBUILDS } from './blog.js'
import { fileWith, migrate, offlineScript, openDb } from './helpers.js'

// The offline script of a parent's rebuild, run by the sqlite3 shell with
// foreign keys on or off and with or without `-bail`: it never loses a
// child's row, a failure commits nothing of the migration, and a success
// leaves what the live run leaves.

const dir = mkdtempSync(join(tmpdir(), 'athanor-fk-offline-'))
after(() => rmSync(dir, { recursive: true, force: true }))
let n = 0

function shell(path: string, input: string, bail: boolean): { status: number | null; stderr: string } {
  const result = spawnSync('sqlite3', [...(bail ? ['-bail'] : []), path], { input, encoding: 'utf8' })
  return { status: result.status, stderr: result.stderr }
}

describe('the offline script of a rebuild of a parent table, through the sqlite3 shell', () => {
  for (const rebuild of REBUILDS) {
    test(rebuild.name, async () => {
      const clean = blogSchema({ action: 'CASCADE', indexed: false })
      const setup = blogSchema({ action: 'CASCADE', indexed: false, breaks: rebuild.breaks })
      const text = await offlineScript(clean, rebuild.ops)
      assert.match(text, /^PRAGMA foreign_keys = OFF;\n\nBEGIN;/)
      assert.match(text, /COMMIT;\n\nPRAGMA foreign_keys = ON;\n\n$/)
      const live = openDb(join(dir, `live${++n}.sqlite`), setup)
      const liveOutcome = await migrate(live.executor, rebuild.ops).then(
        () => 'ok',
        () => 'failed',
      )
      await live.connection.close()
      const expected = databaseState(live.inspect())
      for (const enforced of ['ON', 'OFF']) {
        for (const bail of [true, false]) {
          const path = fileWith(dir, setup)
          const before = databaseState(new Database(path, { readonly: true }))
          const ran = shell(path, `PRAGMA foreign_keys = ${enforced};\n${text}`, bail)
          const after = databaseState(new Database(path, { readonly: true }))
          const how = `foreign keys ${enforced}, ${bail ? '' : 'no '}-bail`
          assert.equal(after.integrity, 'ok', how)
          assert.deepEqual(after.violations, [], how)
          if (rebuild.breaks === undefined) {
            assert.equal(ran.status, 0, `${how}: ${ran.stderr}`)
            assert.equal(liveOutcome, 'ok')
            assert.deepEqual(after, expected, `${how}: the same schema and rows as the live run`)
          } else {
            assert.equal(liveOutcome, 'failed')
            assert.match(ran.stderr, /error/i, how)
            assert.deepEqual(after, before, `${how}: nothing of the migration is committed`)
          }
        }
      }
    })
  }
})

test('a failed copy into a table no other table refers to commits nothing, even in a shell that goes on', async () => {
  // No foreign key would notice the emptied table here: the copied-row count does.
  const setup = blogSchema({ action: 'CASCADE', indexed: true })
  const ops: Operation[] = [{ kind: 'alter_column', table: 'comments', column: 'text', changes: { nullable: false } }]
  const text = await offlineScript(setup, ops)
  const path = fileWith(dir, `${setup} UPDATE comments SET text = NULL WHERE id = 5;`)
  const before = databaseState(new Database(path, { readonly: true }))
  const ran = shell(path, text, false)
  assert.match(ran.stderr, /NOT NULL constraint failed/)
  assert.match(ran.stderr, /this migration failed its checks/)
  assert.deepEqual(databaseState(new Database(path, { readonly: true })), before)
})
