import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { sqliteDialect } from '../../src/dialect/sqlite/dialect.js'
import { isAthanorError } from '../../src/core/errors.js'
import type { Operation } from '../../src/ops/operation.js'
import { OfflineExecutor } from '../../src/runtime/offline-executor.js'
import { fingerprint, migrate, openDb, schemaOf } from './helpers.js'

const dir = mkdtempSync(join(tmpdir(), 'athanor-offline-'))
after(() => rmSync(dir, { recursive: true, force: true }))
let n = 0

const BEFORE: Operation[] = [
  {
    kind: 'create_table',
    table: {
      name: 'org',
      columns: [
        { name: 'id', type: { kind: 'integer' }, primaryKey: true, autoincrement: true },
        { name: 'name', type: { kind: 'string', length: 40 } },
      ],
    },
  },
  {
    kind: 'create_table',
    table: {
      name: 'member',
      columns: [
        { name: 'id', type: { kind: 'integer' }, primaryKey: true },
        { name: 'org_id', type: { kind: 'integer' } },
        { name: 'email', type: { kind: 'text' } },
      ],
      foreignKeys: [{ columns: ['org_id'], referredTable: 'org', referredColumns: ['id'] }],
      indexes: [{ name: 'ix_member_email', columns: ['email'] }],
    },
  },
  { kind: 'bulk_insert', table: 'org', rows: [{ name: 'a' }, { name: 'b' }] },
  {
    kind: 'bulk_insert',
    table: 'member',
    rows: [
      { org_id: 1, email: 'x@y' },
      { org_id: 2, email: 'z@w' },
    ],
  },
]
const AFTER: Operation[] = [
  { kind: 'alter_column', table: 'org', column: 'name', changes: { nullable: false, type: { kind: 'string', length: 80 } } },
  {
    kind: 'batch_alter_table',
    table: 'member',
    recreate: 'auto',
    ops: [
      { kind: 'alter_column', table: 'member', column: 'email', changes: { newName: 'mail', nullable: false } },
      { kind: 'create_unique_constraint', table: 'member', constraint: { name: 'uq_member_mail', columns: ['mail'] } },
      { kind: 'drop_constraint', table: 'member', name: '', type: 'foreignkey', columns: ['org_id'] },
      {
        kind: 'create_foreign_key',
        table: 'member',
        constraint: { name: 'fk_member_org', columns: ['org_id'], referredTable: 'org', referredColumns: ['id'] },
      },
    ],
  },
  { kind: 'create_check_constraint', table: 'org', constraint: { name: 'ck_org_name', expression: "name <> ''" } },
]

/** The script an offline run writes for `ops`, one BEGIN/COMMIT around it. */
async function script(ops: readonly Operation[], replay?: readonly Operation[]): Promise<string> {
  let text = ''
  const executor = new OfflineExecutor(
    sqliteDialect,
    'athanor_version',
    (s) => (text += s),
    replay === undefined
      ? {}
      : {
          replayBefore: async (shadow) => {
            for (const op of replay) await shadow.run(op)
          },
        },
  )
  await executor.begin()
  for (const op of ops) await executor.run(op)
  await executor.commit()
  return text
}

function sqlite3(path: string, input: string): { status: number | null; stderr: string } {
  const result = spawnSync('sqlite3', ['-bail', path], { input, encoding: 'utf8' })
  return { status: result.status, stderr: result.stderr }
}

describe('offline (--sql) rebuilds', () => {
  test('the script, run by the sqlite3 shell, gives the schema and rows of the live run', async () => {
    const live = openDb(join(dir, `live${++n}.sqlite`), '')
    await migrate(live.executor, [...BEFORE, ...AFTER])
    await live.connection.close()
    const text = await script([...BEFORE, ...AFTER])
    assert.match(text, /-- SQLite: rebuilt table "org" \(column "name": type, nullability\)/)
    const path = join(dir, `offline${n}.sqlite`)
    const run = sqlite3(path, text)
    assert.equal(run.status, 0, run.stderr)
    const [a, b] = [live.inspect(), openDb(path, '').inspect()]
    assert.deepEqual(schemaOf(b), schemaOf(a))
    assert.deepEqual(fingerprint(b, 'member', ['id', 'org_id', 'mail']), fingerprint(a, 'member', ['id', 'org_id', 'mail']))
    assert.deepEqual(b.prepare('SELECT * FROM sqlite_sequence').all(), a.prepare('SELECT * FROM sqlite_sequence').all())
    a.close()
    b.close()
  })

  test('a script that starts later replays the earlier migrations in memory first', async () => {
    const text = await script(AFTER, BEFORE)
    assert.doesNotMatch(text, /CREATE TABLE "org" \(\n {2}"id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,\n {2}"name" VARCHAR\(40\)/)
    const path = join(dir, `later${++n}.sqlite`)
    assert.equal(sqlite3(path, await script(BEFORE)).status, 0)
    const run = sqlite3(path, text)
    assert.equal(run.status, 0, run.stderr)
    const live = openDb(join(dir, `live${n}.sqlite`), '')
    await migrate(live.executor, [...BEFORE, ...AFTER])
    await live.connection.close()
    const [a, b] = [live.inspect(), openDb(path, '').inspect()]
    assert.deepEqual(schemaOf(b), schemaOf(a))
    a.close()
    b.close()
  })

  test('without the table in what came before, the error says what is needed', async () => {
    await assert.rejects(
      script(AFTER),
      (e) => isAthanorError(e, 'SQLITE_OFFLINE_REBUILD') && e.message.includes('table "org"') && e.message.includes('base:TARGET'),
    )
  })

  test('children with ON DELETE CASCADE keep their rows whether the shell enforces foreign keys or not', async () => {
    const setup: Operation[] = [
      ...BEFORE,
      {
        kind: 'create_table',
        table: {
          name: 'badge',
          columns: [
            { name: 'id', type: { kind: 'integer' }, primaryKey: true },
            { name: 'member_id', type: { kind: 'integer' } },
          ],
          foreignKeys: [{ columns: ['member_id'], referredTable: 'member', referredColumns: ['id'], onDelete: 'CASCADE' }],
        },
      },
      { kind: 'bulk_insert', table: 'badge', rows: [{ member_id: 1 }, { member_id: 2 }] },
    ]
    const rebuild: Operation[] = [
      { kind: 'alter_column', table: 'member', column: 'email', changes: { type: { kind: 'string', length: 99 } } },
    ]
    const text = await script(rebuild, setup)
    assert.match(text, /^PRAGMA foreign_keys = OFF;\n\nBEGIN;/)
    assert.match(text, /pragma_foreign_key_check\)[\s\S]*COMMIT;\n\nPRAGMA foreign_keys = ON;\n\n$/)
    for (const enforced of ['ON', 'OFF']) {
      const path = join(dir, `cascade${++n}.sqlite`)
      assert.equal(sqlite3(path, await script(setup)).status, 0)
      const ran = sqlite3(path, `PRAGMA foreign_keys = ${enforced};\n${text}`)
      assert.equal(ran.status, 0, ran.stderr)
      const db = openDb(path, '').inspect()
      assert.equal((db.prepare('SELECT count(*) AS n FROM badge').get() as { n: number }).n, 2)
      assert.deepEqual(db.prepare('PRAGMA foreign_key_check').all(), [])
      db.close()
    }
  })
})
