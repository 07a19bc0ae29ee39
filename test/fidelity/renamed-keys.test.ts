// An index or constraint the models only name anew is renamed in place, not
// dropped and made again: before, a renamed index was rebuilt (a long lock on
// a large table), and a unique constraint or foreign key, matched by its
// columns, kept its old name while `check` said the database matched. On
// PostgreSQL each kind is renamed (the index keeps its relfilenode); on
// MariaDB an index and a unique key are, a check is dropped and added, and a
// foreign key's name is not compared;
// SQLite, which renames none, makes them again in one table rebuild.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'
import type { TestDatabase, TestServer } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

/** The table's indexes and constraints by name, as the server's own catalog lists them. */
async function names(server: TestServer, db: TestDatabase): Promise<string[]> {
  const rows =
    server === 'mysql'
      ? await db.query(
          `SELECT CONCAT(CONSTRAINT_TYPE, ' ', CONSTRAINT_NAME) AS n FROM information_schema.TABLE_CONSTRAINTS
           WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'members'
           UNION SELECT CONCAT('INDEX ', INDEX_NAME) FROM information_schema.STATISTICS
           WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'members' ORDER BY 1`,
        )
      : await db.query(
          `SELECT contype::text || ' ' || conname AS n FROM pg_constraint WHERE conrelid = 'members'::regclass
           UNION SELECT 'index ' || relname FROM pg_class
           WHERE oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = 'members'::regclass)
           ORDER BY 1`,
        )
  return rows.map((row) => String((row as { n: string }).n))
}

const SOURCE = [
  'CREATE TABLE clubs (id integer PRIMARY KEY)',
  'CREATE TABLE members (id integer PRIMARY KEY, club_id integer NOT NULL, email varchar(80) NOT NULL, age integer, ' +
    'CONSTRAINT members_email_key UNIQUE (email), CONSTRAINT members_club_fk FOREIGN KEY (club_id) REFERENCES clubs (id), ' +
    'CONSTRAINT members_age_check CHECK (age > 0))',
  'CREATE INDEX members_age_idx ON members (age)',
  'INSERT INTO clubs VALUES (1)',
  "INSERT INTO members VALUES (1, 1, 'a@example.com', 30)",
]

const RENAMES: readonly (readonly [string, string])[] = [
  ['members_email_key', 'uq_members_email'],
  ['members_club_fk', 'fk_members_club'],
  ['members_age_check', 'ck_members_age'],
  ['members_age_idx', 'ix_members_age'],
]

for (const server of ['postgresql', 'mysql'] as const) {
  describe(`${server}: indexes and constraints named anew in the models`, () => {
    const project = usePulledProject(server, SOURCE)

    test('are renamed in place by upgrade and back by downgrade, the rows kept', async () => {
      const { source, rebuilt, ws } = project()
      await cliOk([...ws.base, 'pull', '-o', ws.models, '--url', source.url])
      await cliOk([...ws.base, 'migrate', '-m', 'members'])
      await cliOk([...ws.base, 'upgrade'])
      await rebuilt.query('INSERT INTO clubs VALUES (1)')
      await rebuilt.query("INSERT INTO members VALUES (1, 1, 'a@example.com', 30)")
      const before = await names(server, rebuilt)
      assert.deepEqual(before, await names(server, source))
      const indexOid = async () =>
        server === 'postgresql'
          ? await rebuilt.query("SELECT indexrelid::text AS oid FROM pg_index WHERE indrelid = 'members'::regclass AND NOT indisunique")
          : undefined

      const oid = await indexOid()
      const models = readFileSync(ws.models, 'utf8')
      for (const [from] of RENAMES) assert.ok(models.includes(`'${from}'`), `${from} not in the pulled models:\n${models}`)
      writeFileSync(
        ws.models,
        RENAMES.reduce((text, [from, to]) => text.replaceAll(`'${from}'`, `'${to}'`), models),
      )
      await cliOk([...ws.base, 'migrate', '-m', 'names'])
      const [file] = readdirSync(join(ws.directory, 'versions')).filter((name) => name.endsWith('_names.ts'))
      const script = readFileSync(join(ws.directory, 'versions', file!), 'utf8')
      assert.match(script, /op\.renameIndex\('members', 'members_age_idx', 'ix_members_age'\)/)
      assert.match(script, /op\.renameConstraint\('members', 'members_email_key', 'uq_members_email', \{ type: 'unique' \}\)/)
      if (server === 'postgresql') {
        // The key as the migration leaves it goes with it (MySQL adds it again from it, see renameConstraint).
        const key = "existing: { columns: ['club_id'], referredTable: 'clubs', referredColumns: ['id'] }"
        assert.ok(script.includes(`op.renameConstraint('members', 'members_club_fk', 'fk_members_club', { type: 'foreignkey', ${key} })`))
        assert.match(script, /op\.renameConstraint\('members', 'members_age_check', 'ck_members_age', \{ type: 'check' \}\)/)
        assert.doesNotMatch(script.slice(0, script.indexOf('downgrade')), /op\.(drop|create)/)
      } else {
        // MariaDB renames no check: it is dropped and added under its new name.
        assert.match(script, /op\.dropConstraint\('members_age_check', 'members', \{ type: 'check' \}\)/)
        assert.match(script, /op\.createCheckConstraint\('ck_members_age', 'members'/)
      }

      await cliOk([...ws.base, 'upgrade'])
      const after = await names(server, rebuilt)
      for (const [from, to] of RENAMES) {
        // MySQL's foreign key names are not compared (see the mysql dialect's renames): the key keeps its name.
        const foreignKeyKept = server === 'mysql' && from === 'members_club_fk'
        assert.equal(
          after.some((name) => name.endsWith(` ${to}`)),
          !foreignKeyKept,
          `${to} in ${after.join(', ')}`,
        )
      }
      assert.deepEqual(await indexOid(), oid, 'the index was built again, not renamed')
      assert.deepEqual(await rebuilt.query('SELECT id FROM members'), [{ id: 1 }])
      assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)

      await cliOk([...ws.base, 'downgrade', '-1'])
      assert.deepEqual(await names(server, rebuilt), before)
      assert.deepEqual(await indexOid(), oid)
    })
  })
}

describe('sqlite: a unique constraint and a foreign key named anew in the models', () => {
  const project = usePulledProject('sqlite', [
    'CREATE TABLE clubs (id INTEGER PRIMARY KEY)',
    'CREATE TABLE members (id INTEGER PRIMARY KEY, club_id INTEGER NOT NULL, email TEXT NOT NULL, ' +
      'CONSTRAINT members_email_key UNIQUE (email), CONSTRAINT members_club_fk FOREIGN KEY (club_id) REFERENCES clubs (id))',
  ])
  const tableText = async (db: TestDatabase) =>
    String((await db.query("SELECT sql FROM sqlite_master WHERE name = 'members'"))[0]?.['sql'] ?? '')

  test('are made again under their new names by one table rebuild, the rows kept, and named back by downgrade', async () => {
    const { source, rebuilt, ws } = project()
    await cliOk([...ws.base, 'pull', '-o', ws.models, '--url', source.url])
    await cliOk([...ws.base, 'migrate', '-m', 'members'])
    await cliOk([...ws.base, 'upgrade'])
    await rebuilt.query('INSERT INTO clubs VALUES (1)')
    await rebuilt.query("INSERT INTO members VALUES (1, 1, 'a@example.com')")
    const models = readFileSync(ws.models, 'utf8')
    writeFileSync(ws.models, models.replace("'members_email_key'", "'uq_members_email'").replace("'members_club_fk'", "'fk_members_club'"))
    await cliOk([...ws.base, 'migrate', '-m', 'names'])
    await cliOk([...ws.base, 'upgrade'])
    const renamed = await tableText(rebuilt)
    assert.match(renamed, /CONSTRAINT "?uq_members_email"? UNIQUE/)
    assert.match(renamed, /CONSTRAINT "?fk_members_club"? FOREIGN KEY/)
    assert.deepEqual(await rebuilt.query('SELECT id, email FROM members'), [{ id: 1, email: 'a@example.com' }])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.match(await tableText(rebuilt), /CONSTRAINT "?members_email_key"? UNIQUE/)
    assert.deepEqual(await rebuilt.query('SELECT id FROM members'), [{ id: 1 }])
  })
})
