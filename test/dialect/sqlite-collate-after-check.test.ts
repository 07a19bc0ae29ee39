import assert from 'node:assert/strict'
import { test } from 'node:test'
import { SqliteConnection } from '../../src/dialect/sqlite/driver.js'
import { introspectSqlite } from '../../src/dialect/sqlite/introspect.js'

// SQLite takes a column's constraints in any order, so its COLLATE may come
// after a CHECK (`x TEXT CHECK (…) COLLATE NOCASE`, as sqlite.org's syntax
// diagram allows). pull must keep it: the rebuilt unique key would tell
// `a@x` from `A@x`. A COLLATE inside the CHECK is the expression's, not the
// column's.
test('sqlite: a column COLLATE after its CHECK is read, one inside the CHECK is not', async () => {
  const connection = SqliteConnection.open(':memory:')
  try {
    await connection.execute({
      sql:
        'CREATE TABLE people (id INTEGER PRIMARY KEY, ' +
        'email TEXT NOT NULL CHECK (length(email) > 3) COLLATE NOCASE UNIQUE, ' +
        "nick TEXT CHECK (nick COLLATE BINARY <> '') COLLATE RTRIM, " +
        "code TEXT CHECK (code COLLATE NOCASE <> 'x'), " +
        "tag TEXT COLLATE NOCASE CHECK (tag <> ''))",
    })
    const [people] = await introspectSqlite(connection)
    const collation = (name: string) => people!.columns.find((column) => column.name === name)?.collation
    assert.equal(collation('email'), 'NOCASE')
    assert.equal(collation('nick'), 'RTRIM')
    assert.equal(collation('code'), undefined)
    assert.equal(collation('tag'), 'NOCASE')
    assert.equal(people!.checkConstraints?.length, 4)
  } finally {
    await connection.close()
  }
})
