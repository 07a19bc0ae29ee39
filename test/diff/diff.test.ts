import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { autogenerate } from '../../src/diff/autogenerate.js'
import { defaultKey } from '../../src/schema/default-key.js'
import { dialects, diffHooksFor } from '../../src/dialect/registry.js'
import { keepsDescendingKeys } from '../../src/dialect/mysql/dialect.js'
import { creationOrder } from '../../src/diff/order.js'
import type { RenameResolver } from '../../src/diff/options.js'
import { col, sql, table } from '../../src/models/index.js'
import { reverseOperations } from '../../src/ops/reverse.js'
import { createDiffHooks, type DiffHooks } from '../../src/dialect/diff-hooks.js'
import type { Index, Table } from '../../src/schema/types.js'

const pg = diffHooksFor('postgresql')
const sqlite = diffHooksFor('sqlite')

describe('defaultKey', () => {
  it('sees through the rewrites databases make', () => {
    const same = (a: string, b: Parameters<typeof defaultKey>[0]) => assert.equal(defaultKey({ kind: 'expression', sql: a }), defaultKey(b))
    same("'x'::character varying", { kind: 'literal', value: 'x' })
    same("'-1'::integer", { kind: 'literal', value: -1 })
    same('(now())', { kind: 'expression', sql: 'CURRENT_TIMESTAMP' })
    same('current_timestamp(6)', { kind: 'expression', sql: 'now()' })
    same('true', { kind: 'literal', value: 1 })
    same('NULL', undefined)
    assert.notEqual(defaultKey({ kind: 'literal', value: 'A' }), defaultKey({ kind: 'literal', value: 'a' }))
  })

  it('keeps the blanks inside a string literal of an expression', () => {
    const key = (sql: string) => defaultKey({ kind: 'expression', sql })
    assert.equal(key("concat_ws(', ' , 'x')"), key("concat_ws(', ','x')"))
    assert.notEqual(key("concat_ws(', ', 'x', 'y')"), key("concat_ws(',', 'x', 'y')"))
    assert.notEqual(key("'Total:  ' || 0"), key("'Total: ' || 0"))
  })

  it("compares a text column's defaults by their characters, as the column keeps them", () => {
    const text = (value: string | number) => defaultKey({ kind: 'literal', value }, true)
    assert.notEqual(text('0123'), text('123'))
    assert.notEqual(text('1.50'), text('1.5'))
    assert.equal(text(5), text('5'))
    assert.equal(defaultKey({ kind: 'expression', sql: "'0123'::text" }, true), text('0123'))
    // Elsewhere a number compares by value: MySQL hands back an integer column's default as the string '5'.
    assert.equal(defaultKey({ kind: 'literal', value: '5' }), defaultKey({ kind: 'literal', value: 5 }))
    const textColumn = (value: string) => ({
      name: 'code',
      type: { kind: 'text' as const },
      serverDefault: { kind: 'literal' as const, value },
    })
    assert.notEqual(pg.defaultKey(textColumn('0123')), pg.defaultKey(textColumn('123')))
  })
})

describe('autogenerate', () => {
  const users = table('users', { id: col.integer().primaryKey().autoincrement(), email: col.string(50) })

  it('finds nothing between equal schemas, and SQLite names fold case', async () => {
    assert.deepEqual(await autogenerate([users], [users], { hooks: pg }), [])
    assert.deepEqual(await autogenerate([{ ...users, name: 'USERS' }], [users], { hooks: sqlite }), [])
    assert.equal((await autogenerate([{ ...users, name: 'USERS' }], [users], { hooks: pg })).length, 2)
  })

  it('never touches excluded tables', async () => {
    const own: Table = { name: 'athanor_version', columns: [{ name: 'version_num', type: { kind: 'string', length: 32 } }] }
    const ops = await autogenerate([own], [], { hooks: pg, include: (t) => t.name !== 'athanor_version' })
    assert.deepEqual(ops, [])
  })

  it('renames only when the resolver says so', async () => {
    const accounts = { ...users, name: 'accounts' }
    const dropAdd = await autogenerate([users], [accounts], { hooks: pg })
    assert.deepEqual(
      dropAdd.map((op) => op.kind),
      ['create_table', 'drop_table'],
    )
    const resolver: RenameResolver = {
      tables: async (dropped, added) => [[dropped[0]!, added[0]!]],
      columns: async (_t, dropped, added) => dropped.map((d, i) => [d, added[i]!] as const),
    }
    const renamed = { ...accounts, columns: [users.columns[0]!, { ...users.columns[1]!, name: 'mail' }] }
    const ops = await autogenerate([users], [renamed], { hooks: pg, renames: resolver })
    assert.deepEqual(
      ops.map((op) => op.kind),
      ['rename_table', 'alter_column'],
    )
    assert.deepEqual(
      reverseOperations(ops).map((op) => op.kind),
      ['alter_column', 'rename_table'],
    )
  })

  it('creates cyclic tables first, then the closing foreign key; drops in reverse', async () => {
    const a = table('a', { id: col.integer().primaryKey(), b_id: col.integer().references('b') })
    const b = table('b', { id: col.integer().primaryKey(), a_id: col.integer().references('a') })
    const ops = await autogenerate([], [a, b], { hooks: pg })
    assert.deepEqual(
      ops.map((op) => op.kind),
      ['create_table', 'create_table', 'create_foreign_key'],
    )
    const down = await autogenerate([a, b], [], { hooks: pg })
    assert.deepEqual(
      down.map((op) => op.kind),
      ['drop_constraint', 'drop_table', 'drop_table'],
    )
    // SQLite keeps every key inside CREATE TABLE.
    assert.deepEqual(
      (await autogenerate([], [a, b], { hooks: sqlite })).map((op) => op.kind),
      ['create_table', 'create_table'],
    )
  })

  it('orders a 2,000-table foreign-key chain without recursion', () => {
    const chain: Table[] = []
    for (let i = 0; i < 2000; i++) {
      chain.push(table(`t${i}`, { id: col.integer().primaryKey(), ...(i > 0 ? { prev: col.integer().references(`t${i - 1}`) } : {}) }))
    }
    const { tables, deferred } = creationOrder([...chain].reverse(), pg)
    assert.deepEqual(
      tables.map((t) => t.name),
      chain.map((t) => t.name),
    )
    assert.equal(deferred.size, 0)
  })

  it('puts a table after the one whose SERIAL sequence its default draws from, breaking a cycle at a foreign key', () => {
    const a = table('a', { id: col.integer().primaryKey().serial('a_id_seq'), b_id: col.integer().references('b') })
    const b = table('b', { id: col.integer().primaryKey().default(sql("nextval('a_id_seq'::regclass)")) })
    const { tables, deferred } = creationOrder([b, a], pg)
    assert.deepEqual(
      tables.map((t) => t.name),
      ['a', 'b'],
    )
    assert.deepEqual([...deferred.keys()], ['public.a'])
    // A sequence is its table's schema's: the one of that name in another schema orders nothing.
    const other = table(
      'a',
      { id: col.integer().primaryKey().serial('a_id_seq'), c_id: col.integer().references('c') },
      { schema: 'other' },
    )
    const drawing = table('c', { id: col.integer().primaryKey().default(sql("nextval('other.a_id_seq'::regclass)")) })
    assert.deepEqual(
      creationOrder([drawing, other, { ...a, foreignKeys: [] }], pg).tables.map((t) => `${t.schema ?? ''}.${t.name}`),
      ['.a', 'other.a', '.c'],
    )
  })

  it('treats model and database spellings of the same type as equal', async () => {
    const model = table('t', { id: col.integer().primaryKey(), at: col.timestamp({ withTimeZone: true }) })
    const db: Table = { ...model, columns: [model.columns[0]!, { name: 'at', type: { kind: 'timestamp' } }] }
    assert.deepEqual(await autogenerate([db], [model], { hooks: diffHooksFor('mysql') }), [])
    assert.equal((await autogenerate([db], [model], { hooks: pg })).length, 1)
  })
})

describe('index prefix lengths', () => {
  const mysql = diffHooksFor('mysql')
  const posts = (prefixLengths?: Record<string, number>): Table => ({
    name: 'posts',
    columns: [
      { name: 'id', type: { kind: 'integer' }, primaryKey: true },
      { name: 'title', type: { kind: 'string', length: 20 } },
    ],
    indexes: [{ name: 'ix_posts_title', columns: ['title'], ...(prefixLengths ? { prefixLengths } : {}) }],
  })

  it('are changes on MySQL, where the database keeps them, and nothing elsewhere', async () => {
    const ops = await autogenerate([posts()], [posts({ title: 10 })], { hooks: mysql })
    assert.deepEqual(
      ops.map((op) => op.kind),
      ['drop_index', 'create_index'],
    )
    assert.deepEqual(await autogenerate([posts()], [posts({ title: 10 })], { hooks: pg }), [])
  })

  it('as long as the column are the whole column, as MySQL stores them', async () => {
    assert.deepEqual(await autogenerate([posts()], [posts({ title: 20 })], { hooks: mysql }), [])
  })
})

describe('index access methods', () => {
  const docs = (using?: string): Table => ({
    name: 'docs',
    columns: [
      { name: 'id', type: { kind: 'integer' }, primaryKey: true },
      { name: 'tags', type: { kind: 'raw', sql: 'text[]' } },
    ],
    indexes: [{ name: 'ix_docs_tags', columns: ['tags'], ...(using ? { using } : {}) }],
  })

  it('are changes on PostgreSQL, a B-tree named or not is the same, and other databases ignore them', async () => {
    const ops = await autogenerate([docs()], [docs('gin')], { hooks: pg })
    assert.deepEqual(
      ops.map((op) => op.kind),
      ['drop_index', 'create_index'],
    )
    assert.deepEqual(await autogenerate([docs()], [docs('btree')], { hooks: pg }), [])
    assert.deepEqual(await autogenerate([docs()], [docs('gin')], { hooks: diffHooksFor('sqlite') }), [])
  })
})

describe('index key options', () => {
  const mysql = diffHooksFor('mysql')
  const events = (options: Omit<Index, 'name' | 'columns'> = {}): Table => ({
    name: 'events',
    columns: [
      { name: 'id', type: { kind: 'integer' }, primaryKey: true },
      { name: 'at', type: { kind: 'timestamp' } },
      { name: 'title', type: { kind: 'text' } },
    ],
    indexes: [{ name: 'ix_events', columns: ['at', 'title'], ...options }],
  })
  // SQLite groups the drop and create in one batch, so the operations are looked for anywhere in the result.
  const changed = async (a: Table, b: Table, hooks: DiffHooks) => {
    const ops = JSON.stringify(await autogenerate([a], [b], { hooks }))
    return ops.includes('"kind":"drop_index"') && ops.includes('"kind":"create_index"')
  }

  it('a descending key is a change on every database, which all keep it', async () => {
    for (const hooks of [pg, sqlite, mysql]) assert.ok(await changed(events(), events({ order: { at: 'desc' } }), hooks), hooks.dialect)
    assert.deepEqual(await autogenerate([events()], [events({ order: { at: 'asc' } })], { hooks: pg }), [])
  })

  it("NULLs order is PostgreSQL's, and its default spelled out is no change", async () => {
    assert.ok(await changed(events(), events({ nulls: { at: 'first' } }), pg))
    assert.deepEqual(await autogenerate([events()], [events({ nulls: { at: 'last' } })], { hooks: pg }), [])
    assert.deepEqual(
      await autogenerate([events({ order: { at: 'desc' } })], [events({ order: { at: 'desc' }, nulls: { at: 'first' } })], { hooks: pg }),
      [],
    )
    assert.deepEqual(await autogenerate([events()], [events({ nulls: { at: 'first' } })], { hooks: sqlite }), [])
  })

  it('operator classes and INCLUDE are compared on PostgreSQL only', async () => {
    assert.ok(await changed(events(), events({ opclass: { title: 'text_pattern_ops' } }), pg))
    assert.deepEqual(
      await autogenerate([events({ opclass: { title: 'text_pattern_ops' } })], [events({ opclass: { title: 'TEXT_PATTERN_OPS' } })], {
        hooks: pg,
      }),
      [],
    )
    assert.ok(await changed(events(), events({ include: ['id'] }), pg))
    assert.deepEqual(
      await autogenerate([events()], [events({ opclass: { title: 'text_pattern_ops' }, include: ['id'] })], { hooks: mysql }),
      [],
    )
  })

  it("a default operator class of the index's method equals none, as PostgreSQL keeps it", async () => {
    assert.deepEqual(await autogenerate([events()], [events({ opclass: { title: 'text_ops', at: 'TIMESTAMP_OPS' } })], { hooks: pg }), [])
    const gin = (opclass?: string): Table => ({
      name: 'docs',
      columns: [{ name: 'data', type: { kind: 'json', binary: true } }],
      indexes: [{ name: 'ix_docs', columns: ['data'], using: 'gin', ...(opclass === undefined ? {} : { opclass: { data: opclass } }) }],
    })
    assert.deepEqual(await autogenerate([gin()], [gin('jsonb_ops')], { hooks: pg }), [])
    assert.ok(await changed(gin(), gin('jsonb_path_ops'), pg))
    // inet_ops is the default of B-tree but not of GiST.
    const inet = (using: string, opclass?: string): Table =>
      events({ using, ...(opclass === undefined ? {} : { opclass: { at: opclass } }) })
    assert.deepEqual(await autogenerate([inet('btree')], [inet('btree', 'inet_ops')], { hooks: pg }), [])
    assert.ok(await changed(inet('gist'), inet('gist', 'inet_ops'), pg))
    // A server's own catalog adds its extensions' defaults (citext's citext_ops).
    const extended = createDiffHooks(dialects.postgresql.compiler, { defaultOperatorClasses: { btree: ['citext_ops'] } })
    assert.deepEqual(await autogenerate([events()], [events({ opclass: { title: 'citext_ops' } })], { hooks: extended }), [])
    assert.ok(await changed(events(), events({ opclass: { title: 'citext_ops' } }), pg))
  })

  it('DESC equals ASC on MySQL before 8 and MariaDB before 10.8, which build every key ascending', async () => {
    assert.deepEqual(['5.7.44', '8.0.36', '10.6.12-MariaDB', '10.8.3-MariaDB-log', '11.4.2-MariaDB', 'unknown'].map(keepsDescendingKeys), [
      false,
      true,
      false,
      true,
      true,
      true,
    ])
    const old = createDiffHooks(dialects.mysql.compiler, { descendingIndexKeys: false })
    assert.deepEqual(await autogenerate([events()], [events({ order: { at: 'desc' } })], { hooks: old }), [])
    assert.ok(await changed(events(), events({ order: { at: 'desc' } }), mysql))
  })

  it('NULLS NOT DISTINCT is compared on PostgreSQL', async () => {
    assert.ok(await changed(events({ unique: true }), events({ unique: true, nullsNotDistinct: true }), pg))
  })

  it('storage parameters are compared on PostgreSQL, in any order and any spelling of a boolean', async () => {
    assert.ok(await changed(events(), events({ storage: { fillfactor: 70 } }), pg))
    const db = events({ storage: { fillfactor: 70, fastupdate: 'off' } })
    assert.deepEqual(await autogenerate([db], [events({ storage: { fastupdate: false, fillfactor: 70 } })], { hooks: pg }), [])
    assert.deepEqual(await autogenerate([events()], [events({ storage: { fillfactor: 70 } })], { hooks: mysql }), [])
  })

  it('FULLTEXT and SPATIAL are compared on MySQL only', async () => {
    assert.ok(await changed(events(), events({ fulltext: true }), mysql))
    assert.ok(await changed(events({ fulltext: true }), events({ spatial: true }), mysql))
    assert.deepEqual(await autogenerate([events()], [events({ fulltext: true })], { hooks: pg }), [])
  })
})
