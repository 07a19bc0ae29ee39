import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { isAthanorError } from '../../src/core/errors.js'
import type { DatabaseConnection } from '../../src/dialect/driver.js'
import { mysqlCompiler } from '../../src/dialect/mysql/compiler.js'
import { postgresCompiler } from '../../src/dialect/postgresql/compiler.js'
import type { Operation } from '../../src/ops/operation.js'
import { useTestDatabase } from '../helpers/databases.js'
import { runOps } from './fixture.js'
import { myConstraints } from './mysql-catalog.js'
import { pgConstraints } from './pg-catalog.js'

// A foreign key created without a name is named by the database
// (`post_author_id_fkey`, `post_ibfk_1`); op.dropConstraint(null, table,
// { type, columns }) finds it by its columns when it runs.

const SETUP: readonly Operation[] = [
  { kind: 'create_table', table: { name: 'author', columns: [{ name: 'id', type: { kind: 'integer' }, primaryKey: true }] } },
  {
    kind: 'create_table',
    table: {
      name: 'post',
      columns: [
        { name: 'id', type: { kind: 'integer' }, primaryKey: true },
        { name: 'author_id', type: { kind: 'integer' } },
        { name: 'editor_id', type: { kind: 'integer' } },
      ],
    },
  },
  { kind: 'create_foreign_key', table: 'post', constraint: { columns: ['author_id'], referredTable: 'author', referredColumns: ['id'] } },
  { kind: 'create_foreign_key', table: 'post', constraint: { columns: ['editor_id'], referredTable: 'author', referredColumns: ['id'] } },
]

const DROP_AUTHOR: Operation = { kind: 'drop_constraint', table: 'post', name: '', type: 'foreignkey', columns: ['author_id'] }

describe('dropping an unnamed constraint by its columns: SQL text', () => {
  test('PostgreSQL looks the name up in pg_constraint in a DO block; MySQL prepares the DROP from information_schema', () => {
    const [pg] = postgresCompiler.compileSql(DROP_AUTHOR, 'offline').map((s) => s.sql)
    assert.match(
      pg!,
      new RegExp(
        /^DO \$athanor\$DECLARE n name; BEGIN\nSELECT c\.conname INTO STRICT n FROM pg_constraint c /.source +
          /WHERE c\.conrelid = '"post"'::regclass AND c\.contype = 'f'/.source,
      ),
    )
    assert.match(
      pg!,
      /= ARRAY\['author_id'\]::text\[\];\nEXECUTE format\('ALTER TABLE %s DROP CONSTRAINT %I', '"post"'::regclass, n\);\nEND\$athanor\$$/,
    )
    const my = mysqlCompiler.compileSql(DROP_AUTHOR, 'offline').map((s) => s.sql)
    assert.equal(my.length, 4)
    assert.match(my[0]!, /^SET @athanor_drop = COALESCE\(\(SELECT CONCAT\('ALTER TABLE `post` DROP FOREIGN KEY ', '`'/)
    assert.match(my[0]!, /tc\.TABLE_NAME = 'post' AND tc\.CONSTRAINT_TYPE = 'FOREIGN KEY'/)
    assert.deepEqual(my.slice(1), ['PREPARE athanor_drop FROM @athanor_drop', 'EXECUTE athanor_drop', 'DEALLOCATE PREPARE athanor_drop'])
    assert.throws(
      () => mysqlCompiler.compileSql({ ...DROP_AUTHOR, type: 'check' }, 'offline'),
      (e) => isAthanorError(e, 'INVALID_CONSTRAINT'),
    )
    assert.throws(
      () => postgresCompiler.compileSql({ kind: 'drop_constraint', table: 'post', name: '', columns: ['author_id'] }, 'offline'),
      (e) => isAthanorError(e, 'INVALID_CONSTRAINT'),
    )
  })
})

for (const dialect of ['postgresql', 'mysql'] as const) {
  describe(`dropping an unnamed constraint by its columns: ${dialect} live`, () => {
    const db = useTestDatabase(dialect)
    let connection: DatabaseConnection
    before(async () => {
      connection = await db.connect()
    })
    after(async () => {
      await connection.close()
    })

    const foreignKeys = async () =>
      dialect === 'postgresql'
        ? (await pgConstraints(db, 'post')).filter((c) => c['kind'] === 'f').map((c) => String(c['definition']))
        : (await myConstraints(db, 'post')).filter((c) => c['type'] === 'FOREIGN KEY').map((c) => String(c['name']))

    test('drops the one on those columns and leaves the other; a second drop fails', async () => {
      await runOps(connection, ...SETUP)
      assert.equal((await foreignKeys()).length, 2)
      await runOps(connection, DROP_AUTHOR)
      const left = await foreignKeys()
      assert.equal(left.length, 1)
      if (dialect === 'postgresql') assert.match(left[0]!, /FOREIGN KEY \(editor_id\)/)
      await assert.rejects(runOps(connection, DROP_AUTHOR))
      assert.equal((await foreignKeys()).length, 1)
    })

    // The PostgreSQL block was quoted $$ by hand, so a column name holding $$ ended it early.
    test('drops one on a column whose name holds dollar quotes', async () => {
      const column = 'reviewer$$id'
      await runOps(
        connection,
        { kind: 'add_column', table: 'post', column: { name: column, type: { kind: 'integer' } } },
        { kind: 'create_foreign_key', table: 'post', constraint: { columns: [column], referredTable: 'author', referredColumns: ['id'] } },
      )
      assert.equal((await foreignKeys()).length, 2)
      await runOps(connection, { kind: 'drop_constraint', table: 'post', name: '', type: 'foreignkey', columns: [column] })
      assert.equal((await foreignKeys()).length, 1)
    })
  })
}
