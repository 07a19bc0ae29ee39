import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { isAthanorError } from '../../src/core/errors.js'
import { dialectNamed } from '../../src/dialect/registry.js'
import type { Operation } from '../../src/ops/operation.js'
import type { PgObjectOperation } from '../../src/ops/pg-object-ops.js'
import { renderOperation } from '../../src/ops/render-op.js'
import { renderScript } from '../../src/ops/render-script.js'
import { reverseOperation } from '../../src/ops/reverse.js'

const sqlOf = (op: Operation, mode: 'online' | 'offline' = 'offline') =>
  dialectNamed('postgresql')
    .compiler.compileSql(op, mode)
    .map((s) => s.sql)

const every: PgObjectOperation[] = [
  { kind: 'create_enum', type: { name: 'mpaa_rating', schema: 'films', values: ['G', 'PG', "Kids' PG"] } },
  { kind: 'drop_enum', name: 'mpaa_rating', existing: { name: 'mpaa_rating', values: ['G'] } },
  { kind: 'add_enum_value', name: 'mood', value: 'ok' },
  { kind: 'create_extension', extension: { name: 'citext' } },
  { kind: 'drop_extension', name: 'citext' },
  { kind: 'create_sequence', sequence: { name: 'order_no' } },
  { kind: 'alter_sequence', name: 'order_no', changes: { increment: 2 } },
  { kind: 'drop_sequence', name: 'order_no' },
  { kind: 'rename_sequence', name: 'order_no', schema: 'shop', newName: 'order_number' },
  {
    kind: 'advance_sequence',
    name: 'order_no',
    columns: [
      { table: 't', column: 'id' },
      { table: 'u', schema: 's', column: 'no' },
    ],
  },
]

describe('PostgreSQL enum types, extensions and sequences: SQL', () => {
  test('enum types', () => {
    assert.deepEqual(sqlOf(every[0]!), [`CREATE TYPE "films"."mpaa_rating" AS ENUM ('G', 'PG', 'Kids'' PG')`])
    assert.deepEqual(sqlOf(every[1]!), ['DROP TYPE "mpaa_rating"'])
    assert.deepEqual(sqlOf(every[2]!), [`ALTER TYPE "mood" ADD VALUE IF NOT EXISTS 'ok'`])
    assert.deepEqual(sqlOf({ kind: 'add_enum_value', name: 'mood', value: 'ok', before: 'happy' }), [
      `ALTER TYPE "mood" ADD VALUE IF NOT EXISTS 'ok' BEFORE 'happy'`,
    ])
    assert.deepEqual(sqlOf({ kind: 'add_enum_value', name: 'mood', schema: 's', value: 'ok', after: 'sad' }, 'online'), [
      `ALTER TYPE "s"."mood" ADD VALUE IF NOT EXISTS 'ok' AFTER 'sad'`,
    ])
  })

  test('extensions', () => {
    assert.deepEqual(sqlOf(every[3]!), ['CREATE EXTENSION IF NOT EXISTS "citext"'])
    assert.deepEqual(sqlOf({ kind: 'create_extension', extension: { name: 'pgcrypto', schema: 'ext' } }), [
      'CREATE EXTENSION IF NOT EXISTS "pgcrypto" SCHEMA "ext"',
    ])
    assert.deepEqual(sqlOf(every[4]!), ['DROP EXTENSION IF EXISTS "citext"'])
    assert.deepEqual(sqlOf({ kind: 'alter_extension', name: 'uuid-ossp', schema: 'Ext Room' }), [
      'ALTER EXTENSION "uuid-ossp" SET SCHEMA "Ext Room"',
    ])
  })

  test('moving an extension reverses to moving it back, and renders as op.alterExtension', () => {
    const move: Operation = { kind: 'alter_extension', name: 'citext', schema: 'extensions', existingSchema: 'public' }
    assert.deepEqual(reverseOperation(move), { kind: 'alter_extension', name: 'citext', schema: 'public', existingSchema: 'extensions' })
    const { upgrades, downgrades } = renderScript([move])
    assert.equal(upgrades, "  await op.alterExtension('citext', { schema: 'extensions', existingSchema: 'public' })")
    assert.equal(downgrades, "  await op.alterExtension('citext', { schema: 'public', existingSchema: 'extensions' })")
    assert.throws(
      () => reverseOperation({ kind: 'alter_extension', name: 'citext', schema: 'extensions' }),
      (e) => isAthanorError(e, 'IRREVERSIBLE_OPERATION') && e.message.includes('extension "citext"'),
    )
  })

  test('sequences', () => {
    assert.deepEqual(sqlOf(every[5]!), ['CREATE SEQUENCE "order_no"'])
    const full = { start: 1000, increment: 10, minValue: 1000, maxValue: 99999, cycle: true, cache: 5, ownedBy: 'orders.no' }
    assert.deepEqual(sqlOf({ kind: 'create_sequence', sequence: { name: 'order_no', schema: 'shop', ...full } }), [
      'CREATE SEQUENCE "shop"."order_no" INCREMENT BY 10 MINVALUE 1000 MAXVALUE 99999 START WITH 1000 CACHE 5 CYCLE OWNED BY "orders"."no"',
    ])
    assert.deepEqual(sqlOf(every[6]!), ['ALTER SEQUENCE "order_no" INCREMENT BY 2'])
    const back = { increment: null, minValue: null, maxValue: null, cache: null, cycle: null, ownedBy: null }
    assert.deepEqual(sqlOf({ kind: 'alter_sequence', name: 'order_no', changes: back }), [
      'ALTER SEQUENCE "order_no" INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1 NO CYCLE OWNED BY NONE',
    ])
    assert.deepEqual(sqlOf({ kind: 'alter_sequence', name: 'order_no', changes: {} }), [])
    const turned = { increment: -1, minValue: null, maxValue: null, start: -1, restart: true }
    assert.deepEqual(sqlOf({ kind: 'alter_sequence', name: 'order_no', changes: turned }), [
      'ALTER SEQUENCE "order_no" INCREMENT BY -1 NO MINVALUE NO MAXVALUE START WITH -1 RESTART',
    ])
    assert.deepEqual(sqlOf(every[7]!), ['DROP SEQUENCE "order_no"'])
    assert.deepEqual(sqlOf(every[8]!), ['ALTER SEQUENCE "shop"."order_no" RENAME TO "order_number"'])
    assert.deepEqual(sqlOf(every[9]!), [
      'SELECT setval(s.seqrelid, v.m) FROM pg_sequence AS s, "order_no" AS cur, LATERAL (SELECT (CASE WHEN s.seqincrement > 0 ' +
        'THEN greatest((SELECT max("id") FROM "t"), (SELECT max("no") FROM "s"."u")) ' +
        'ELSE least((SELECT min("id") FROM "t"), (SELECT min("no") FROM "s"."u")) END)::bigint AS m) AS v ' +
        `WHERE s.seqrelid = '"order_no"'::regclass AND v.m BETWEEN s.seqmin AND s.seqmax ` +
        'AND CASE WHEN s.seqincrement > 0 THEN v.m >= cur.last_value ELSE v.m <= cur.last_value END',
    ])
    assert.deepEqual(reverseOperation(every[9]!), every[9])
    assert.equal(
      renderOperation(every[9]!, { names: new Set() }),
      "await op.advanceSequence('order_no', [{ table: 't', column: 'id' }, { table: 'u', schema: 's', column: 'no' }])",
    )
  })

  test('a renamed sequence reverses to its rename back, and renders as op.renameSequence', () => {
    assert.deepEqual(reverseOperation(every[8]!), { kind: 'rename_sequence', name: 'order_number', schema: 'shop', newName: 'order_no' })
    const { upgrades, downgrades } = renderScript([every[8]!, { kind: 'rename_sequence', name: 'a', newName: 'b' }])
    assert.equal(upgrades, "  await op.renameSequence('order_no', 'order_number', { schema: 'shop' })\n  await op.renameSequence('a', 'b')")
    assert.equal(
      downgrades,
      "  await op.renameSequence('b', 'a')\n  await op.renameSequence('order_number', 'order_no', { schema: 'shop' })",
    )
  })

  test('SQLite and MySQL refuse each one in one line naming the operation and the dialect (MariaDB has sequences)', () => {
    for (const [dialect, title] of [
      ['sqlite', 'SQLite'],
      ['mysql', 'MySQL/MariaDB'],
    ] as const) {
      const held = dialect === 'mysql' ? ['create_sequence', 'alter_sequence', 'drop_sequence', 'rename_sequence'] : []
      for (const op of every.filter((o) => !held.includes(o.kind))) {
        const message =
          dialect === 'mysql' && op.kind === 'advance_sequence'
            ? 'advance_sequence of sequence "order_no" is PostgreSQL only: on MariaDB, write SELECT SETVAL(…) with op.execute'
            : `${op.kind} is PostgreSQL only: ${title} has no such object`
        assert.throws(
          () => dialectNamed(dialect).compiler.compileSql(op, 'offline'),
          (e) => isAthanorError(e, 'UNSUPPORTED_OPERATION') && e.message === message,
        )
      }
    }
  })
})

describe('PostgreSQL enum types, extensions and sequences: reverse and render', () => {
  test('each reverses to its counterpart, carrying what the way back needs', () => {
    assert.deepEqual(reverseOperation(every[0]!), {
      kind: 'drop_enum',
      name: 'mpaa_rating',
      schema: 'films',
      existing: { name: 'mpaa_rating', schema: 'films', values: ['G', 'PG', "Kids' PG"] },
    })
    assert.deepEqual(reverseOperation(every[1]!), { kind: 'create_enum', type: { name: 'mpaa_rating', values: ['G'] } })
    assert.deepEqual(reverseOperation(every[3]!), { kind: 'drop_extension', name: 'citext', existing: { name: 'citext' } })
    assert.deepEqual(reverseOperation(every[4]!), { kind: 'create_extension', extension: { name: 'citext' } })
    assert.deepEqual(reverseOperation({ kind: 'create_sequence', sequence: { name: 'n', start: 5 } }), {
      kind: 'drop_sequence',
      name: 'n',
      existing: { name: 'n', start: 5 },
    })
    assert.deepEqual(
      reverseOperation({
        kind: 'alter_sequence',
        name: 'n',
        changes: { increment: 5, cycle: true },
        existing: { name: 'n', increment: 2 },
      }),
      { kind: 'alter_sequence', name: 'n', changes: { increment: 2, cycle: null }, existing: { name: 'n', increment: 5, cycle: true } },
    )
  })

  test('an added label reverses to a comment that says it stays, with no line break to run from', () => {
    assert.deepEqual(reverseOperation(every[2]!), {
      kind: 'execute',
      sql:
        "-- enum mood keeps the label 'ok': " +
        'PostgreSQL cannot remove a label without a type swap, and the upgrade adds it IF NOT EXISTS.',
    })
    const hostile = reverseOperation({ kind: 'add_enum_value', name: 'mood', schema: 's', value: 'x\nDROP TABLE users; --' })
    assert.equal(hostile.kind, 'execute')
    assert.doesNotMatch(hostile.kind === 'execute' ? String(hostile.sql) : '', /\n/)
    assert.match(renderScript([every[2]!]).downgrades, /^ {2}await op\.execute\('-- enum mood keeps the label \\'ok\\': /)
  })

  test('what cannot be reversed says why', () => {
    for (const [op, words] of [
      [{ kind: 'drop_enum', name: 'mood' }, '`existing`'],
      [every[6]!, '`existing`'],
      [every[7]!, '`existing`'],
    ] as const) {
      assert.throws(
        () => reverseOperation(op),
        (e) => isAthanorError(e, 'IRREVERSIBLE_OPERATION') && e.message.includes(op.kind) && e.message.includes(words),
      )
    }
  })

  test('scripts render each as its op call, and the downgrade as the reverse', () => {
    const ops: Operation[] = [
      { kind: 'create_extension', extension: { name: 'citext' } },
      { kind: 'create_enum', type: { name: 'mood', values: ['sad', 'happy'] } },
      { kind: 'create_sequence', sequence: { name: 'order_no', start: 1000, cycle: true } },
      { kind: 'alter_sequence', name: 'ticket_no', changes: { cache: 10 }, existing: { name: 'ticket_no' } },
    ]
    const { upgrades, downgrades } = renderScript(ops)
    assert.equal(
      upgrades,
      [
        "  await op.createExtension('citext')",
        "  await op.createEnum('mood', ['sad', 'happy'])",
        "  await op.createSequence('order_no', { start: 1000, cycle: true })",
        "  await op.alterSequence('ticket_no', { cache: 10 }, { existing: { name: 'ticket_no' } })",
      ].join('\n'),
    )
    assert.equal(
      downgrades,
      [
        "  await op.alterSequence('ticket_no', { cache: null }, { existing: { name: 'ticket_no', cache: 10 } })",
        "  await op.dropSequence('order_no', { existing: { name: 'order_no', start: 1000, cycle: true } })",
        "  await op.dropEnum('mood', { values: ['sad', 'happy'] })",
        "  await op.dropExtension('citext')",
      ].join('\n'),
    )
    const append = renderOperation({ kind: 'add_enum_value', name: 'mood', value: 'ok', after: 'sad' }, { names: new Set() })
    const [comment, call] = append.split('\n')
    assert.match(comment ?? '', /^\/\/ the new label is usable once this migration has committed/)
    assert.equal(call, "  await op.addEnumValue('mood', 'ok', { after: 'sad' })")
  })
})
