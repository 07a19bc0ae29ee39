import assert from 'node:assert/strict'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { pull } from '../../src/command/pull.js'
import { diffHooksFor } from '../../src/dialect/registry.js'
import { autogenerate } from '../../src/diff/index.js'
import type { DialectName } from '../../src/core/dialect-name.js'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'
import { assertTypeChecks } from '../helpers/typecheck.js'
import { alembicProject, alembicScript, type AlembicProject } from './alembic-project.js'
import { sqlalchemyUrl, userTables } from './user-tables.js'
import { workspace } from './workspace.js'

/**
 * Keyword arguments of Alembic ops that change the DDL on one database:
 * deferrable foreign keys, indexes built concurrently outside a transaction,
 * MySQL's index prefix lengths, indexes given to create_table as sa.Index. Each project is built twice on an empty
 * database, by Alembic from the Python and by athanor from the converted
 * scripts, and the catalogs must be the same.
 */
const AUTHORS = alembicScript({
  revision: 'a1a1a1a1a1a1',
  down: null,
  message: 'authors',
  upgrade: [
    "    op.create_table('author', sa.Column('id', sa.Integer(), primary_key=True),",
    "        sa.Column('name', sa.String(100), nullable=False), sa.Column('bio', sa.Text()),",
    "        sa.Index('ix_author_bio', 'bio', mysql_length=10, postgresql_where=sa.text('bio IS NOT NULL')),",
    "        sa.Index('ux_author_name_id', 'name', 'id', unique=True))",
    "    op.create_index('ix_author_name', 'author', ['name'], mysql_length=20)",
  ].join('\n'),
  downgrade: "    op.drop_table('author')",
})

const CONCURRENT = alembicScript({
  revision: 'b2b2b2b2b2b2',
  down: 'a1a1a1a1a1a1',
  message: 'an index built concurrently',
  upgrade: [
    '    with op.get_context().autocommit_block():',
    "        op.create_index('ix_author_bio_name', 'author', ['bio', 'name'], postgresql_concurrently=True, mysql_length={'bio': 30})",
  ].join('\n'),
  downgrade: [
    '    with op.get_context().autocommit_block():',
    "        op.drop_index('ix_author_bio_name', table_name='author', postgresql_concurrently=True)",
  ].join('\n'),
})

/** MySQL and MariaDB refuse DEFERRABLE, under Alembic too: this one is for PostgreSQL and SQLite. */
const DEFERRED = alembicScript({
  revision: 'c3c3c3c3c3c3',
  down: 'b2b2b2b2b2b2',
  message: 'deferrable keys',
  upgrade: [
    "    op.create_table('book', sa.Column('id', sa.Integer(), primary_key=True),",
    "        sa.Column('author_id', sa.Integer(), sa.ForeignKey('author.id', deferrable=True, initially='DEFERRED')),",
    "        sa.Column('editor_id', sa.Integer()), sa.Column('reviewer_id', sa.Integer()),",
    "        sa.ForeignKeyConstraint(['reviewer_id'], ['author.id'], name='fk_book_reviewer', deferrable=True))",
    "    if op.get_bind().dialect.name == 'postgresql':",
    "        op.create_foreign_key('fk_book_editor', 'book', 'author', ['editor_id'], ['id'], initially='DEFERRED', ondelete='SET NULL')",
  ].join('\n'),
  downgrade: "    op.drop_table('book')",
})

/** The older way out of Alembic's transaction (psycopg2 then sends the next statement outside one). */
const COMMIT_MIDWAY = alembicScript({
  revision: 'd4d4d4d4d4d4',
  down: 'c3c3c3c3c3c3',
  message: 'an index built concurrently after a COMMIT',
  upgrade: [
    "    op.add_column('book', sa.Column('note', sa.String(20)))",
    '    op.execute("COMMIT")',
    "    op.create_index(op.f('ix_book_editor_id'), 'book', ['editor_id'], postgresql_concurrently=True)",
  ].join('\n'),
  downgrade: ["    op.drop_index(op.f('ix_book_editor_id'), table_name='book')", "    op.drop_column('book', 'note')"].join('\n'),
})

const SCRIPTS: Readonly<Record<DialectName, readonly string[]>> = {
  sqlite: [AUTHORS, CONCURRENT, DEFERRED],
  postgresql: [AUTHORS, CONCURRENT, DEFERRED, COMMIT_MIDWAY],
  mysql: [AUTHORS, CONCURRENT],
}

const files = (scripts: readonly string[]) => Object.fromEntries(scripts.map((text, i) => [`${i}_rev.py`, text]))

const SERVER_NAMES = { sqlite: 'SQLite', postgresql: 'PostgreSQL', mysql: 'MariaDB' } as const

for (const dialect of ['sqlite', 'postgresql', 'mysql'] as const) {
  describe(`deferrable=, postgresql_concurrently= and mysql_length= on ${SERVER_NAMES[dialect]}`, () => {
    const byAlembic = dialect === 'sqlite' ? undefined : useTestDatabase(dialect)
    const byAthanor = dialect === 'sqlite' ? undefined : useTestDatabase(dialect)
    const projects: AlembicProject[] = []
    after(() => {
      for (const p of projects) p.cleanup()
    })

    test('the converted scripts build the catalog Alembic built, and undo it', async () => {
      const alembic = alembicProject(files(SCRIPTS[dialect]), byAlembic && sqlalchemyUrl(byAlembic))
      projects.push(alembic)
      alembic.alembic('upgrade', 'heads')
      const athanorUrl = byAthanor?.url ?? `sqlite:///${join(alembic.root, 'athanor.db')}`
      const ws = await workspace(athanorUrl, { versionTable: 'alembic_version', root: alembic.root })
      const converted = await cliOk([...ws.base, 'convert-alembic', alembic.versions])
      assert.doesNotMatch(converted.stderr, /by hand|Left out/)
      const versions = readdirSync(join(ws.directory, 'versions'))
      const nonTransactional = versions.filter((f) =>
        /^export const transactional = false$/m.test(readFileSync(join(ws.directory, 'versions', f), 'utf8')),
      )
      assert.deepEqual(
        nonTransactional,
        versions.filter((f) => f.startsWith('1_') || f.startsWith('3_')),
      )
      if (dialect === 'postgresql') {
        // What it wrote compiles as a user's scripts would: the options are part of the typed facade.
        const copy = mkdtempSync(join(tmpdir(), 'athanor-converted-'))
        try {
          cpSync(join(ws.directory, 'versions'), copy, { recursive: true })
          assertTypeChecks(
            copy,
            versions.map((f) => join(copy, f)),
          )
        } finally {
          rmSync(copy, { recursive: true, force: true })
        }
        const offline = ['-d', ws.directory, '--url', 'postgresql://u@127.0.0.1/offline', 'upgrade', 'base:heads', '--sql']
        const sql = (await cliOk(offline)).stdout
        assert.match(sql, /CREATE INDEX CONCURRENTLY "ix_author_bio_name" ON "author" \("bio", "name"\)/)
        assert.match(sql, /CREATE INDEX CONCURRENTLY "ix_book_editor_id" ON "book" \("editor_id"\)/)
        assert.match(sql, /^BEGIN;\n+ALTER TABLE "book" ADD COLUMN "note" VARCHAR\(20\);\n+COMMIT;\n+CREATE INDEX CONCURRENTLY "ix_book/m)
      }

      await cliOk([...ws.base, 'upgrade', 'heads'])
      const built = await userTables(byAlembic?.url ?? alembic.url)
      const author = built.find((t) => t.name === 'author')!
      if (dialect === 'mysql') {
        assert.deepEqual(
          author.indexes?.map((i) => [i.name, i.prefixLengths]),
          [
            ['ix_author_bio', { bio: 10 }],
            ['ix_author_bio_name', { bio: 30 }],
            ['ix_author_name', { name: 20 }],
          ],
        )
      } else {
        const book = built.find((t) => t.name === 'book')!
        const deferrals = (book.foreignKeys ?? []).map((fk) => [fk.columns[0], fk.deferrable, fk.initiallyDeferred]).sort()
        const expected = [
          ['author_id', true, true],
          ...(dialect === 'postgresql' ? [['editor_id', true, true]] : []),
          ['reviewer_id', true, undefined],
        ]
        assert.deepEqual(deferrals, expected)
      }
      // The sa.Index of create_table: partial on PostgreSQL only, as SQLAlchemy builds it.
      // (MariaDB reports the unique one as a unique constraint; the catalogs compared below hold it either way.)
      const authorIndexes = (await userTables(athanorUrl)).find((t) => t.name === 'author')?.indexes ?? []
      assert.equal(authorIndexes.find((i) => i.name === 'ix_author_bio')?.where !== undefined, dialect === 'postgresql')
      const ops = await autogenerate(built, await userTables(athanorUrl), {
        hooks: diffHooksFor(dialect),
        include: (t) => !t.name.startsWith('alembic_version'),
      })
      assert.deepEqual(ops, [])

      await cliOk([...ws.base, 'downgrade', 'base'])
      assert.deepEqual(await userTables(athanorUrl), [])
    })
  })
}

describe('mysql_length: pull and check keep the prefix lengths on MariaDB', () => {
  const db = useTestDatabase('mysql')
  const projects: AlembicProject[] = []
  after(() => {
    for (const p of projects) p.cleanup()
  })

  test('the models pull writes say prefixLengths, and check finds nothing to change', async () => {
    const alembic = alembicProject(files(SCRIPTS.mysql), sqlalchemyUrl(db))
    projects.push(alembic)
    const ws = await workspace(db.url, { versionTable: 'alembic_version', root: alembic.root })
    await cliOk([...ws.base, 'convert-alembic', alembic.versions])
    await cliOk([...ws.base, 'upgrade', 'heads'])
    const { text } = await pull({ directory: ws.directory, url: db.url, env: {} })
    assert.match(text, /index\(\['bio', 'name'\], \{ name: 'ix_author_bio_name', prefixLengths: \{ bio: 30 \} \}\)/)
    writeFileSync(ws.models, text)
    await cliOk([...ws.base, 'check'])
    // A length the database does not have is a change to make.
    writeFileSync(ws.models, text.replace('prefixLengths: { bio: 30 }', 'prefixLengths: { bio: 40 }'))
    const drift = await cli([...ws.base, 'check'])
    assert.equal(drift.status, 1, drift.stderr + drift.stdout)
    assert.match(drift.stdout + drift.stderr, /ix_author_bio_name/)
    // migrate writes the new length into the script, and the database then matches the models.
    await cliOk([...ws.base, 'migrate', '-m', 'longer bio prefix'])
    const versions = join(ws.directory, 'versions')
    const script = readdirSync(versions).find((f) => f.endsWith('longer_bio_prefix.ts'))!
    assert.match(readFileSync(join(versions, script), 'utf8'), /\['bio', 'name'\], \{ prefixLengths: \{ bio: 40 \} \}/)
    await cliOk([...ws.base, 'upgrade', 'heads'])
    await cliOk([...ws.base, 'check'])
  })
})

describe('index lengths as MariaDB keeps them', () => {
  const db = useTestDatabase('mysql')
  test('a key cut to the largest InnoDB allows, and a prefix as long as its column, leave check clean', async () => {
    const ws = await workspace(db.url)
    try {
      writeFileSync(
        ws.models,
        [
          "import { col, defineModels, index, table } from 'athanor'",
          "const notes = table('notes', {",
          '  id: col.integer().primaryKey(), title: col.string(1000), body: col.text(), code: col.string(20),',
          '}, {',
          "  indexes: [index(['title']), index(['body']), index(['code'], { prefixLengths: { code: 20 } })],",
          '})',
          'export default defineModels(notes)',
        ].join('\n'),
      )
      await cliOk([...ws.base, 'migrate', '-m', 'notes'])
      await cliOk([...ws.base, 'upgrade', 'head'])
      // MariaDB cut title and body to 768 characters (3072 bytes of utf8mb4) with a note, and keeps code whole.
      const lengths = await db.query(
        'SELECT COLUMN_NAME AS col, SUB_PART AS part FROM information_schema.STATISTICS ' +
          "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'notes' AND INDEX_NAME <> 'PRIMARY' ORDER BY 1",
      )
      assert.deepEqual(
        lengths.map((r) => [r['col'], r['part'] === null ? null : Number(r['part'])]),
        [
          ['body', 768],
          ['code', null],
          ['title', 768],
        ],
      )
      await cliOk([...ws.base, 'check'])
    } finally {
      ws.cleanup()
    }
  })
})

describe('deferrable foreign keys where the database has none', () => {
  const projects: AlembicProject[] = []
  after(() => {
    for (const p of projects) p.cleanup()
  })

  test('on MariaDB the converted script fails naming the key, as the DEFERRABLE Alembic sends fails there', async () => {
    const ws = await workspace('sqlite:///unused.db')
    try {
      const alembic = alembicProject(files(SCRIPTS.postgresql))
      projects.push(alembic)
      await cliOk(['-d', ws.directory, 'convert-alembic', alembic.versions])
      const result = await cli(['-d', ws.directory, '--url', 'mysql://root@127.0.0.1/offline', 'upgrade', 'heads', '--sql'])
      assertCleanError(result, /author_id/, 'mysql has no deferrable foreign keys')
    } finally {
      ws.cleanup()
    }
  })

  const db = useTestDatabase('mysql')
  test('models asking for one on MariaDB are refused by migrate and check, before anything runs', async () => {
    const ws = await workspace(db.url)
    try {
      writeFileSync(
        ws.models,
        [
          "import { col, defineModels, foreignKey, table } from 'athanor'",
          "const a = table('a', { id: col.integer().primaryKey() })",
          "const b = table('b', { id: col.integer().primaryKey(), a_id: col.integer() }, {",
          "  foreignKeys: [foreignKey(['a_id'], 'a', ['id'], { name: 'fk_b_a', deferrable: true })],",
          '})',
          'export default defineModels(a, b)',
        ].join('\n'),
      )
      assertCleanError(await cli([...ws.base, 'migrate', '-m', 'keys']), 'fk_b_a', 'mysql has no deferrable foreign keys')
      assertCleanError(await cli([...ws.base, 'check']), { status: 2 }, 'fk_b_a', 'mysql has no deferrable foreign keys')
      assert.deepEqual(readdirSync(join(ws.directory, 'versions')), [])
    } finally {
      ws.cleanup()
    }
  })
})

describe("mysql_auto_increment='1000' on MariaDB", () => {
  const byAlembic = useTestDatabase('mysql')
  const byAthanor = useTestDatabase('mysql')
  const projects: AlembicProject[] = []
  after(() => {
    for (const p of projects) p.cleanup()
  })
  const ORDERS = alembicScript({
    revision: 'e5e5e5e5e5e5',
    down: null,
    message: 'orders numbered from 1000',
    upgrade: [
      "    op.create_table('orders', sa.Column('id', sa.Integer(), primary_key=True),",
      "        sa.Column('total', sa.Integer()), mysql_engine='InnoDB', mysql_auto_increment='1000')",
    ].join('\n'),
    downgrade: "    op.drop_table('orders')",
  })
  const nextNumber = async (db: typeof byAlembic) =>
    (
      await db.query("SELECT AUTO_INCREMENT AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'orders'")
    ).map((r) => Number(r['n']))

  test('the converted script numbers the first row 1000, as Alembic made it', async () => {
    const alembic = alembicProject({ '0_rev.py': ORDERS }, sqlalchemyUrl(byAlembic))
    projects.push(alembic)
    alembic.alembic('upgrade', 'heads')
    const ws = await workspace(byAthanor.url, { versionTable: 'alembic_version', root: alembic.root })
    const converted = await cliOk([...ws.base, 'convert-alembic', alembic.versions])
    assert.doesNotMatch(converted.stderr, /by hand|Left out/)
    await cliOk([...ws.base, 'upgrade', 'heads'])
    assert.deepEqual(await nextNumber(byAlembic), [1000])
    assert.deepEqual(await nextNumber(byAthanor), [1000])
    await byAthanor.query('INSERT INTO orders (total) VALUES (5)')
    assert.deepEqual(
      (await byAthanor.query('SELECT id FROM orders')).map((r) => Number(r['id'])),
      [1000],
    )
  })
})
