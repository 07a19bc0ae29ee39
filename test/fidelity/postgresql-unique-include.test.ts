// A unique constraint or primary key whose index carries columns beside the
// key (INCLUDE, PostgreSQL 11) serves index-only scans of them. Before, both
// were listed as not represented and the rebuilt table's keys carried
// nothing; now pull writes them, migrate makes them, check compares them, a
// change of a unique constraint's drops and adds it (of a primary key's, a
// note, as any change of a primary key), and a model shared with SQLite or
// MySQL makes them there without INCLUDE, as an index's.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'
import type { TestDatabase } from '../helpers/databases.js'
import { mysqlCompiler } from '../../src/dialect/mysql/compiler.js'
import { postgresCompiler } from '../../src/dialect/postgresql/compiler.js'
import { sqliteCompiler } from '../../src/dialect/sqlite/compiler.js'
import { col, table, unique } from '../../src/models/index.js'
import { diffHooksFor } from '../../src/dialect/registry.js'
import { primaryKeyNote } from '../../src/diff/table-notes.js'

const CLEAN = 'No new upgrade operations detected.\n'

const definitions = (db: TestDatabase) =>
  db.query(
    'SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint ' +
      "WHERE conrelid IN ('books'::regclass, 'shelves'::regclass) ORDER BY 1",
  )

describe('postgresql: a unique constraint and a primary key with INCLUDE', () => {
  const project = usePulledProject('postgresql', [
    'CREATE TABLE books (id integer PRIMARY KEY, isbn text NOT NULL, title text, pages integer, ' +
      'CONSTRAINT books_isbn_key UNIQUE (isbn) INCLUDE (title, pages))',
    'CREATE TABLE shelves (id integer, label text, CONSTRAINT shelves_pkey PRIMARY KEY (id) INCLUDE (label))',
  ])

  test('is pulled, made again, compared, and changed by a drop and an add', async () => {
    const { source, rebuilt, ws } = project()
    const { models, printed } = await pullAndRebuild(project())
    assert.doesNotMatch(printed, /books_isbn_key|shelves_pkey/)
    assert.match(models, /unique\(\['isbn'\], \{ name: 'books_isbn_key', include: \['title', 'pages'\] \}\)/)
    assert.match(models, /primaryKey: \{ name: 'shelves_pkey', columns: \['id'\], include: \['label'\] \}/)
    assert.deepEqual(await definitions(rebuilt), await definitions(source))
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)

    writeFileSync(ws.models, models.replace(", include: ['label']", ''))
    const keyChanged = await cli([...ws.base, 'check'])
    assert.equal(keyChanged.status, 1)
    assert.match(keyChanged.stdout, /primary key \(id\) INCLUDE \(label\) -> \(id\)/)

    writeFileSync(ws.models, models.replace("include: ['title', 'pages']", "include: ['title']"))
    const planned = await cli([...ws.base, 'check'])
    assert.match(planned.stdout, /remove unique constraint books_isbn_key[\s\S]*add unique constraint books_isbn_key/)
    await cliOk([...ws.base, 'migrate', '-m', 'carry less'])
    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual(await definitions(rebuilt), [
      { name: 'books_isbn_key', def: 'UNIQUE (isbn) INCLUDE (title)' },
      { name: 'books_pkey', def: 'PRIMARY KEY (id)' },
      { name: 'shelves_pkey', def: 'PRIMARY KEY (id) INCLUDE (label)' },
    ])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await definitions(rebuilt), await definitions(source))
    writeFileSync(ws.models, models)
  })
})

describe('INCLUDE on a unique constraint, as SQL and as a model', () => {
  const uq = { name: 'uq_isbn', columns: ['isbn'], include: ['title'] }
  const op = { kind: 'create_unique_constraint', table: 'books', constraint: uq } as const

  test('is written by PostgreSQL, for a primary key too, and left out where the database has no INCLUDE', () => {
    const shelves = {
      name: 'shelves',
      columns: [
        { name: 'id', type: { kind: 'integer' } },
        { name: 'label', type: { kind: 'text' } },
      ],
      primaryKey: { columns: ['id'], include: ['label'] },
    } as const
    assert.match(
      postgresCompiler.compileSql({ kind: 'create_table', table: shelves }, 'offline')[0]!.sql,
      /PRIMARY KEY \("id"\) INCLUDE \("label"\)/,
    )
    assert.doesNotMatch(mysqlCompiler.compileSql({ kind: 'create_table', table: shelves }, 'offline')[0]!.sql, /INCLUDE/)
    assert.deepEqual(postgresCompiler.compileSql(op, 'offline'), [
      { sql: 'ALTER TABLE "books" ADD CONSTRAINT "uq_isbn" UNIQUE ("isbn") INCLUDE ("title")' },
    ])
    assert.deepEqual(mysqlCompiler.compileSql(op, 'offline'), [{ sql: 'ALTER TABLE `books` ADD CONSTRAINT `uq_isbn` UNIQUE (`isbn`)' }])
    const books = { name: 'books', columns: [{ name: 'isbn', type: { kind: 'text' } }], uniqueConstraints: [uq] } as const
    const [create] = sqliteCompiler.compileSql({ kind: 'create_table', table: books }, 'offline')
    assert.doesNotMatch(create!.sql, /INCLUDE/)
  })

  test('a column a primary key carries, renamed, is no change of the key: PostgreSQL follows the rename', () => {
    const shelves = (carried: string) =>
      ({
        name: 'shelves',
        columns: [
          { name: 'id', type: { kind: 'integer' } },
          { name: carried, type: { kind: 'text' } },
        ],
        primaryKey: { columns: ['id'], include: [carried] },
      }) as const
    const hooks = diffHooksFor('postgresql')
    assert.deepEqual(primaryKeyNote(shelves('label'), shelves('title'), new Map([['label', 'title']]), hooks), [])
    assert.equal(primaryKeyNote(shelves('label'), shelves('title'), new Map(), hooks).length, 1)
  })

  test('a carried column the table lacks is refused where the models are read, naming it', () => {
    assert.throws(
      () => table('books', { isbn: col.text() }, { uniques: [unique(['isbn'], { name: 'uq_isbn', include: ['titel'] })] }),
      /table "books": no column "titel" \(used by "uq_isbn"\)/,
    )
  })
})
