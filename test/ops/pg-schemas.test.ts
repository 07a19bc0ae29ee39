import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { isAthanorError } from '../../src/core/errors.js'
import { dialectNamed } from '../../src/dialect/registry.js'
import { describeOperation } from '../../src/diff/describe.js'
import { diffSchemas, namedSchemas } from '../../src/diff/schemas.js'
import type { Operation } from '../../src/ops/operation.js'
import { Operations } from '../../src/ops/operations.js'
import { renderScript } from '../../src/ops/render-script.js'
import { reverseOperation } from '../../src/ops/reverse.js'

const sqlOf = (op: Operation, dialect: 'postgresql' | 'sqlite' | 'mysql' = 'postgresql') =>
  dialectNamed(dialect)
    .compiler.compileSql(op, 'offline')
    .map((s) => s.sql)

const create: Operation = { kind: 'create_schema', name: 'audit' }
const drop: Operation = { kind: 'drop_schema', name: 'audit' }

describe('PostgreSQL schemas: the operations', () => {
  test('SQL: CREATE SCHEMA and DROP SCHEMA, quoted, with their guards when asked', () => {
    assert.deepEqual(sqlOf(create), ['CREATE SCHEMA "audit"'])
    assert.deepEqual(sqlOf({ kind: 'create_schema', name: 'Audit Log', ifNotExists: true }), ['CREATE SCHEMA IF NOT EXISTS "Audit Log"'])
    assert.deepEqual(sqlOf(drop), ['DROP SCHEMA "audit"'])
    assert.deepEqual(sqlOf({ kind: 'drop_schema', name: 'audit', ifExists: true }), ['DROP SCHEMA IF EXISTS "audit"'])
  })

  test('SQLite and MySQL refuse them in one line naming the operation and the dialect', () => {
    for (const [dialect, title] of [
      ['sqlite', 'SQLite'],
      ['mysql', 'MySQL/MariaDB'],
    ] as const) {
      for (const op of [create, drop]) {
        assert.throws(
          () => sqlOf(op, dialect),
          (e) => isAthanorError(e, 'UNSUPPORTED_OPERATION') && e.message === `${op.kind} is PostgreSQL only: ${title} has no such object`,
        )
      }
    }
  })

  test('each reverses to the other, the guard carried across', () => {
    assert.deepEqual(reverseOperation(create), drop)
    assert.deepEqual(reverseOperation(drop), create)
    assert.deepEqual(reverseOperation({ kind: 'create_schema', name: 'audit', ifNotExists: true }), {
      kind: 'drop_schema',
      name: 'audit',
      ifExists: true,
    })
    assert.deepEqual(reverseOperation({ kind: 'drop_schema', name: 'audit', ifExists: true }), {
      kind: 'create_schema',
      name: 'audit',
      ifNotExists: true,
    })
  })

  test('a script creates the schema first and drops it last; the rendered calls run the same operations', async () => {
    const ops: Operation[] = [
      create,
      {
        kind: 'create_table',
        table: { name: 'log', schema: 'audit', columns: [{ name: 'id', type: { kind: 'integer' }, primaryKey: true }] },
      },
    ]
    const { upgrades, downgrades } = renderScript(ops)
    assert.equal(upgrades.split('\n')[0], "  await op.createSchema('audit')")
    assert.equal(downgrades, ["  await op.dropTable('log', { schema: 'audit' })", "  await op.dropSchema('audit')"].join('\n'))
    assert.equal(
      renderScript([{ kind: 'create_schema', name: 'audit', ifNotExists: true }]).upgrades,
      "  await op.createSchema('audit', { ifNotExists: true })",
    )

    const ran: Operation[] = []
    const sink = { dialect: 'postgresql' as const, offline: true, run: async (op: Operation) => void ran.push(op), query: async () => [] }
    const op = new Operations(sink, { revision: 'r', direction: 'upgrade', x: {} })
    await op.createSchema('audit')
    await op.createSchema('audit', { ifNotExists: true })
    await op.dropSchema('audit')
    await op.dropSchema('audit', { ifExists: true })
    assert.deepEqual(ran, [
      create,
      { kind: 'create_schema', name: 'audit', ifNotExists: true },
      drop,
      { kind: 'drop_schema', name: 'audit', ifExists: true },
    ])
  })

  test('check describes them in a line each', () => {
    assert.equal(describeOperation(create), 'add schema audit')
    assert.equal(describeOperation(drop), 'remove schema audit')
  })
})

describe('PostgreSQL schemas: what the models name and what autogenerate creates', () => {
  test('every object with a schema names it, once, in name order', () => {
    const id = { name: 'id', type: { kind: 'integer' as const } }
    const named = namedSchemas({
      tables: [
        { name: 'log', schema: 'audit', columns: [id] },
        { name: 'users', columns: [id] },
      ],
      views: [{ name: 'v', schema: 'reports', definition: 'SELECT 1' }],
      code: {
        triggers: [{ name: 't', table: 'log', schema: 'audit', definition: 'CREATE TRIGGER …' }],
        routines: [{ name: 'f', routineKind: 'function', schema: 'util', definition: 'CREATE FUNCTION …' }],
      },
      objects: {
        enums: [{ name: 'mood', schema: 'kinds', values: ['ok'] }],
        extensions: [{ name: 'citext', schema: 'ext' }],
        sequences: [{ name: 'n', schema: 'seqs' }],
        domains: [{ name: 'd', schema: 'doms', type: 'integer' }],
        partitions: [{ name: 'p', schema: 'parts', parent: 'log', parentSchema: 'audit', bounds: 'DEFAULT' }],
      },
    })
    assert.deepEqual(named, ['audit', 'doms', 'ext', 'kinds', 'parts', 'reports', 'seqs', 'util'])
    assert.deepEqual(namedSchemas({ tables: [{ name: 'users', columns: [id] }] }), [])
  })

  test('the schemas the database lacks are created, in name order; one it has, or one no longer named, is left alone', () => {
    assert.deepEqual(diffSchemas(['audit'], ['audit', 'reports', 'archive']), [
      { kind: 'create_schema', name: 'archive' },
      { kind: 'create_schema', name: 'reports' },
    ])
    assert.deepEqual(diffSchemas(['audit', 'old'], ['audit']), [])
  })
})
