import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { sqliteCompiler as c } from '../../src/dialect/sqlite/compiler.js'
import { isAthanorError } from '../../src/core/errors.js'
import { account, sqlOf, WEIRD } from './helpers.js'

describe('sqlite: tables', () => {
  test('create_table with inline constraints, AUTOINCREMENT and its index', () => {
    assert.deepEqual(sqlOf(c, { kind: 'create_table', table: account }), [
      [
        'CREATE TABLE "account" (',
        '  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,',
        '  "email" VARCHAR(120) NOT NULL UNIQUE,',
        `  "status" VARCHAR(6) DEFAULT 'active' CHECK ("status" IN ('active', 'closed')),`,
        '  "admin" BOOLEAN NOT NULL DEFAULT 0,',
        '  "score" NUMERIC(10, 2) DEFAULT 0.5,',
        '  "created" DATETIME DEFAULT CURRENT_TIMESTAMP,',
        '  "org_id" BIGINT,',
        '  CONSTRAINT "fk_account_org" FOREIGN KEY ("org_id") REFERENCES "org" ("id") ON DELETE CASCADE ON UPDATE SET NULL,',
        '  CONSTRAINT "ck_score" CHECK (score >= 0)',
        ')',
      ].join('\n'),
      'CREATE INDEX "ix_account_created" ON "account" ("created")',
    ])
  })

  test('composite primary key stays a table constraint; no AUTOINCREMENT without asking', () => {
    const sql = sqlOf(c, {
      kind: 'create_table',
      table: {
        name: 'membership',
        columns: [
          { name: 'a', type: { kind: 'integer' } },
          { name: 'b', type: { kind: 'text' } },
        ],
        primaryKey: { name: 'pk_m', columns: ['a', 'b'] },
        uniqueConstraints: [{ columns: ['b'] }],
      },
    })
    assert.deepEqual(sql, [
      [
        'CREATE TABLE "membership" (',
        '  "a" INTEGER NOT NULL,',
        '  "b" TEXT NOT NULL,',
        '  CONSTRAINT "pk_m" PRIMARY KEY ("a", "b"),',
        '  UNIQUE ("b")',
        ')',
      ].join('\n'),
    ])
  })

  test('autoincrement on a bigint single PK is written INTEGER; on a composite key it is refused', () => {
    const [sql] = sqlOf(c, {
      kind: 'create_table',
      table: { name: 't', columns: [{ name: 'id', type: { kind: 'bigint' }, primaryKey: true, autoincrement: true }] },
    })
    assert.equal(sql, 'CREATE TABLE "t" (\n  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT\n)')
    assert.throws(
      () =>
        c.compileSql(
          {
            kind: 'create_table',
            table: {
              name: 't',
              columns: [
                { name: 'a', type: { kind: 'integer' }, autoincrement: true },
                { name: 'b', type: { kind: 'integer' } },
              ],
              primaryKey: { columns: ['a', 'b'] },
            },
          },
          'offline',
        ),
      (e) => isAthanorError(e, 'INVALID_AUTOINCREMENT') && /single-column integer primary key/.test(e.message),
    )
  })

  test("an index access method is PostgreSQL's: ignored here, as SQLAlchemy drops postgresql_using", () => {
    assert.deepEqual(sqlOf(c, { kind: 'create_index', table: 't', index: { name: 'ix', columns: ['a'], using: 'gin' } }), [
      'CREATE INDEX "ix" ON "t" ("a")',
    ])
  })

  test('DESC keys are kept; NULLs order, operator classes, INCLUDE and FULLTEXT are ignored', () => {
    const index = {
      name: 'ix',
      columns: ['a', 'lower(b)'],
      expressions: true,
      order: { 'lower(b)': 'desc' as const },
      nulls: { a: 'first' as const },
      opclass: { a: 'text_pattern_ops' },
      include: ['c'],
      storage: { fillfactor: 70 },
      fulltext: true,
    }
    assert.deepEqual(sqlOf(c, { kind: 'create_index', table: 't', index }), ['CREATE INDEX "ix" ON "t" ((a), (lower(b)) DESC)'])
  })

  test('NULLS NOT DISTINCT is refused naming the index: a unique index here would let the NULL rows through', () => {
    assert.throws(
      () => sqlOf(c, { kind: 'create_index', table: 't', index: { name: 'ux_t_a', columns: ['a'], unique: true, nullsNotDistinct: true } }),
      (e) => isAthanorError(e, 'UNSUPPORTED_FEATURE') && e.message.includes('"ux_t_a"'),
    )
  })

  test('schema-qualified table: index name qualified, FK target not', () => {
    assert.deepEqual(
      sqlOf(c, { kind: 'create_index', table: 't', schema: 'aux', index: { name: 'ix', columns: ['a'], unique: true, where: 'a > 0' } }),
      ['CREATE UNIQUE INDEX "aux"."ix" ON "t" ("a") WHERE a > 0'],
    )
    assert.deepEqual(sqlOf(c, { kind: 'drop_index', table: 't', schema: 'aux', name: 'ix' }), ['DROP INDEX "aux"."ix"'])
    const [sql] = sqlOf(c, {
      kind: 'create_table',
      table: {
        name: 'c',
        schema: 'aux',
        columns: [{ name: 'p', type: { kind: 'integer' } }],
        foreignKeys: [{ columns: ['p'], referredTable: 'p', referredSchema: 'aux', referredColumns: ['id'] }],
      },
    })
    assert.equal(sql, 'CREATE TABLE "aux"."c" (\n  "p" INTEGER,\n  FOREIGN KEY ("p") REFERENCES "p" ("id")\n)')
  })

  test('drop and rename table, weird names', () => {
    assert.deepEqual(sqlOf(c, { kind: 'drop_table', table: WEIRD }), ['DROP TABLE "we""ird`; DROP TABLE x; --"'])
    assert.deepEqual(sqlOf(c, { kind: 'rename_table', table: 'a', newName: WEIRD }), [
      'ALTER TABLE "a" RENAME TO "we""ird`; DROP TABLE x; --"',
    ])
  })
})

describe('sqlite: columns', () => {
  test('add_column, drop_column, rename column', () => {
    assert.deepEqual(
      sqlOf(c, {
        kind: 'add_column',
        table: 't',
        column: {
          name: 'n',
          type: { kind: 'string', length: 5 },
          nullable: false,
          serverDefault: { kind: 'literal', value: "o'k" },
          comment: 'ignored',
        },
      }),
      [`ALTER TABLE "t" ADD COLUMN "n" VARCHAR(5) NOT NULL DEFAULT 'o''k'`],
    )
    assert.deepEqual(sqlOf(c, { kind: 'drop_column', table: 't', column: 'n' }), ['ALTER TABLE "t" DROP COLUMN "n"'])
    assert.deepEqual(sqlOf(c, { kind: 'alter_column', table: 't', column: 'a', changes: { newName: 'b', comment: 'x' } }), [
      'ALTER TABLE "t" RENAME COLUMN "a" TO "b"',
    ])
    assert.deepEqual(sqlOf(c, { kind: 'alter_column', table: 't', column: 'a', changes: { comment: 'x' } }), [])
  })

  test('expression defaults are parenthesised unless a keyword or literal', () => {
    const [sql] = sqlOf(c, {
      kind: 'create_table',
      table: {
        name: 't',
        columns: [
          { name: 'a', type: { kind: 'text' }, serverDefault: { kind: 'expression', sql: "datetime('now')" } },
          { name: 'b', type: { kind: 'integer' }, serverDefault: { kind: 'expression', sql: '-1' } },
          { name: 'c', type: { kind: 'boolean' }, serverDefault: { kind: 'literal', value: true } },
          { name: 'd', type: { kind: 'text' }, serverDefault: { kind: 'literal', value: null } },
        ],
      },
    })
    assert.equal(
      sql,
      [
        'CREATE TABLE "t" (',
        `  "a" TEXT DEFAULT (datetime('now')),`,
        '  "b" INTEGER DEFAULT -1,',
        '  "c" BOOLEAN DEFAULT 1,',
        '  "d" TEXT DEFAULT NULL',
        ')',
      ].join('\n'),
    )
  })

  for (const [label, changes] of [
    ['type', { type: { kind: 'bigint' } }],
    ['nullability', { nullable: false }],
    ['default', { serverDefault: null }],
  ] as const) {
    test(`alter_column ${label} needs a rebuild`, () => {
      assert.throws(
        () => c.compileSql({ kind: 'alter_column', table: 'user', column: 'email', changes }, 'online'),
        (e) =>
          isAthanorError(e, 'SQLITE_ALTER_UNSUPPORTED') &&
          e.message.includes('alter_column') &&
          e.message.includes('"user"') &&
          e.message.includes('"email"') &&
          e.message.includes(label) &&
          e.message.includes('table rebuild') &&
          !e.message.includes('\n'),
      )
    })
  }

  test('constraint ops and keyed ADD COLUMN need a rebuild, naming table and constraint', () => {
    const cases = [
      [{ kind: 'create_unique_constraint', table: 'u', constraint: { name: 'uq_a', columns: ['a'] } }, '"uq_a"'],
      [
        {
          kind: 'create_foreign_key',
          table: 'u',
          constraint: { name: 'fk_a', columns: ['a'], referredTable: 'v', referredColumns: ['id'] },
        },
        '"fk_a"',
      ],
      [{ kind: 'create_check_constraint', table: 'u', constraint: { expression: 'a > 0' } }, '(a > 0)'],
      [{ kind: 'drop_constraint', table: 'u', name: 'uq_a', type: 'unique' }, 'unique constraint "uq_a"'],
      [{ kind: 'add_column', table: 'u', column: { name: 'k', type: { kind: 'integer' }, unique: true } }, '"k" as UNIQUE'],
      [
        {
          kind: 'add_column',
          table: 'u',
          column: { name: 'k', type: { kind: 'text' }, serverDefault: { kind: 'expression', sql: 'CURRENT_TIMESTAMP' } },
        },
        'non-constant default',
      ],
    ] as const
    for (const [op, detail] of cases) {
      assert.throws(
        () => c.compileSql(op, 'offline'),
        (e) =>
          isAthanorError(e, 'SQLITE_ALTER_UNSUPPORTED') &&
          e.message.includes(op.kind) &&
          e.message.includes('"u"') &&
          e.message.includes(detail),
        op.kind,
      )
    }
  })
})

describe('sqlite: data', () => {
  test('execute passes through; bulk_insert online binds ? and normalises booleans and dates', () => {
    assert.deepEqual(c.compileSql({ kind: 'execute', sql: 'PRAGMA foreign_keys = ON' }, 'online'), [{ sql: 'PRAGMA foreign_keys = ON' }])
    assert.deepEqual(
      c.compileSql(
        {
          kind: 'bulk_insert',
          table: 't',
          rows: [
            { a: true, b: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)) },
            { a: false, b: null },
          ],
        },
        'online',
      ),
      [{ sql: 'INSERT INTO "t" ("a", "b") VALUES (?, ?), (?, ?)', params: [1, '2024-01-02 03:04:05.006', 0, null] }],
    )
  })

  test('bulk_insert offline writes one literal INSERT per row', () => {
    assert.deepEqual(
      sqlOf(c, { kind: 'bulk_insert', table: 't', rows: [{ a: "it's", b: 'back\\slash' }, { a: new Uint8Array([0, 171]) }, {}] }),
      [
        `INSERT INTO "t" ("a", "b") VALUES ('it''s', 'back\\slash')`,
        `INSERT INTO "t" ("a") VALUES (X'00ab')`,
        'INSERT INTO "t" DEFAULT VALUES',
      ],
    )
  })
})
