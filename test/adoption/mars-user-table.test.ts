import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import Database from 'better-sqlite3'
import { cli, cliOk } from '../helpers/cli.js'
import { workspace, type Workspace } from './workspace.js'

/**
 * MARS-labs' `db1` as the application left it: the table was created as
 * `user` (lower case) while `Progress` refers to `"User"`. SQLite folds the
 * case of identifiers (https://sqlite.org/lang_keywords.html), so both names
 * are one table, and the foreign key works.
 */
const QUIRKY_DB1 = `
CREATE TABLE user (
	id INTEGER NOT NULL,
	first_name VARCHAR(50) NOT NULL,
	last_name VARCHAR(50) NOT NULL,
	age VARCHAR(4) NOT NULL,
	PRIMARY KEY (id)
);
INSERT INTO user VALUES(1,'John','Doe','16');
INSERT INTO user VALUES(2,'Jane','Smith','17');
CREATE TABLE IF NOT EXISTS "Progress" (
	id INTEGER NOT NULL,
	user_id INTEGER NOT NULL,
	progress_data JSON NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY(user_id) REFERENCES "User" (id)
);
INSERT INTO Progress VALUES(1,1,'{"class": 12}');
INSERT INTO Progress VALUES(2,2,'{"class": 12}');
`

const MODELS = (extra = '') => `import { col, defineModels, foreignKey, table } from 'athanor'

export const user = table('User', {
  id: col.integer().primaryKey(),
  first_name: col.string(50).notNull(),
  last_name: col.string(50).notNull(),
  age: col.string(4).notNull(),${extra}
})

export const progress = table('Progress', {
  id: col.integer().primaryKey(),
  user_id: col.integer().notNull(),
  progress_data: col.json().notNull(),
}, {
  foreignKeys: [foreignKey(['user_id'], 'User', ['id'])],
})

export default defineModels(user, progress)
`

describe('the MARS-labs `user`/"User" database', () => {
  let ws: Workspace
  let file: string
  before(async () => {
    ws = await workspace('sqlite:///unused.db')
    file = join(ws.root, 'db1.db')
    const db = new Database(file)
    db.exec(QUIRKY_DB1)
    db.close()
    ws = { ...ws, base: ['-d', ws.directory, '--url', `sqlite:///${file}`] }
  })
  after(() => ws.cleanup())

  test('check against the User/Progress models reports no drop and create', async () => {
    writeFileSync(ws.models, MODELS())
    const result = await cli([...ws.base, 'check'])
    assert.equal(result.stdout, 'No new upgrade operations detected.\n', result.stderr)
    assert.equal(result.status, 0)
  })

  test('a model change migrates the existing table in place, rows and foreign key kept', async () => {
    // A new module file: a module is imported once per process.
    const changed = join(ws.root, 'models-email.ts')
    writeFileSync(changed, MODELS('\n  email: col.string(120).unique(),'))
    const migrated = await cliOk([...ws.base, 'migrate', '-m', 'add email', '--models', changed])
    assert.match(migrated.stderr, /Detected add column User\.email/)
    assert.doesNotMatch(migrated.stderr, /drop|(add|create) table/i)
    await cliOk([...ws.base, 'upgrade'])
    const db = new Database(file, { readonly: true })
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
      assert.deepEqual(
        tables.map((t) => t.name).filter((n) => !n.startsWith('athanor_') && !n.startsWith('sqlite_')),
        ['Progress', 'user'],
      )
      assert.deepEqual(db.prepare('SELECT id, first_name, email FROM "User" ORDER BY id').all(), [
        { id: 1, first_name: 'John', email: null },
        { id: 2, first_name: 'Jane', email: null },
      ])
      assert.deepEqual(db.prepare('PRAGMA foreign_key_check').all(), [])
      assert.equal((db.prepare('SELECT "table" AS t FROM pragma_foreign_key_list(\'Progress\')').get() as { t: string }).t, 'User')
    } finally {
      db.close()
    }
    assert.equal((await cli([...ws.base, 'check', '--models', changed])).status, 0)
  })
})
