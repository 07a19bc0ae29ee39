import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import Database from 'better-sqlite3'
import { sqliteCompiler as c } from '../../src/dialect/sqlite/compiler.js'
import type { Operation } from '../../src/ops/operation.js'
import { account, WEIRD } from './helpers.js'

function run(db: Database.Database, op: Operation, mode: 'online' | 'offline' = 'online'): void {
  for (const s of c.compileSql(op, mode)) db.prepare(s.sql).run(...(s.params ?? []))
}

describe('sqlite: the compiled DDL runs on a real SQLite', () => {
  test('every supported op in sequence', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    run(db, { kind: 'create_table', table: { name: 'org', columns: [{ name: 'id', type: { kind: 'bigint' }, primaryKey: true }] } })
    run(db, { kind: 'create_table', table: account })
    run(db, { kind: 'bulk_insert', table: 'org', rows: [{ id: 1 }, { id: 2n }] })
    run(db, {
      kind: 'bulk_insert',
      table: 'account',
      rows: [
        { email: 'a@x', org_id: 1, admin: true },
        { email: 'b@x', org_id: 2, admin: false },
      ],
    })
    run(db, { kind: 'bulk_insert', table: 'account', rows: [{ email: "o'brien\\", org_id: 1 }] }, 'offline')
    const rows = db.prepare('SELECT id, email, status, admin FROM account ORDER BY id').all()
    assert.deepEqual(rows, [
      { id: 1, email: 'a@x', status: 'active', admin: 1 },
      { id: 2, email: 'b@x', status: 'active', admin: 0 },
      { id: 3, email: "o'brien\\", status: 'active', admin: 0 },
    ])
    assert.throws(
      () => run(db, { kind: 'bulk_insert', table: 'account', rows: [{ email: 'c@x', status: 'nope' }] }),
      /CHECK constraint failed/,
    )
    run(db, {
      kind: 'add_column',
      table: 'account',
      column: { name: 'nick', type: { kind: 'string', length: 20 }, nullable: false, serverDefault: { kind: 'literal', value: '' } },
    })
    run(db, {
      kind: 'create_index',
      table: 'account',
      index: { name: 'ix_nick', columns: ['lower(nick)'], expressions: true, where: "nick <> ''" },
    })
    run(db, { kind: 'drop_index', table: 'account', name: 'ix_nick' })
    run(db, { kind: 'alter_column', table: 'account', column: 'nick', changes: { newName: 'nickname' } })
    run(db, { kind: 'drop_column', table: 'account', column: 'nickname' })
    run(db, { kind: 'rename_table', table: 'account', newName: 'member' })
    run(db, { kind: 'execute', sql: 'DELETE FROM member' })
    run(db, { kind: 'drop_table', table: 'member' })
    const left = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all()
    assert.deepEqual(left, [{ name: 'org' }])
    db.close()
  })

  test('a table with a weird name survives a round trip', () => {
    const db = new Database(':memory:')
    run(db, {
      kind: 'create_table',
      table: {
        name: WEIRD,
        columns: [
          { name: 'id', type: { kind: 'integer' }, primaryKey: true, autoincrement: true },
          { name: `col"umn'`, type: { kind: 'text' }, serverDefault: { kind: 'literal', value: 'd\'"`' } },
          { name: 'when', type: { kind: 'timestamp' } },
          { name: 'raw', type: { kind: 'binary' } },
        ],
        indexes: [{ name: `ix ${WEIRD}`, columns: [`col"umn'`] }],
      },
    })
    const when = new Date(Date.UTC(2024, 1, 29, 23, 59, 58, 123))
    run(db, { kind: 'bulk_insert', table: WEIRD, rows: [{ when, raw: new Uint8Array([1, 2, 255]) }] })
    run(db, { kind: 'bulk_insert', table: WEIRD, rows: [{ [`col"umn'`]: 'ünï 🚀', when, raw: new Uint8Array([1, 2, 255]) }] }, 'offline')
    const master = db.prepare("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type").all()
    assert.deepEqual(master, [
      { type: 'index', name: `ix ${WEIRD}` },
      { type: 'table', name: WEIRD },
    ])
    const rows = db.prepare(`SELECT * FROM ${c.quoteIdentifier(WEIRD)} ORDER BY id`).all() as Record<string, unknown>[]
    assert.deepEqual(
      rows.map((r) => [r.id, r[`col"umn'`], r.when, Buffer.from(r.raw as Buffer).toString('hex')]),
      [
        [1, 'd\'"`', '2024-02-29 23:59:58.123', '0102ff'],
        [2, 'ünï 🚀', '2024-02-29 23:59:58.123', '0102ff'],
      ],
    )
    db.close()
  })

  test('version table statements', () => {
    const db = new Database(':memory:')
    const v = c.versionTable
    db.exec(v.create('athanor_version').sql)
    db.exec(v.insert('athanor_version', 'ae10').sql)
    db.exec(v.update('athanor_version', 'ae10', 'bf20').sql)
    assert.deepEqual(db.prepare(v.select('athanor_version').sql).all(), [{ version_num: 'bf20' }])
    db.exec(v.delete('athanor_version', 'bf20').sql)
    assert.deepEqual(db.prepare(v.select('athanor_version').sql).all(), [])
    assert.throws(() => db.exec(`${v.insert('athanor_version', 'x'.repeat(1)).sql};${v.insert('athanor_version', 'x').sql}`), /UNIQUE/)
    db.close()
  })
})
