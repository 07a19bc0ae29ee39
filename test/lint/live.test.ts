// Against the real servers: what lint reads from a database it reaches.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { DialectName } from '../../src/core/dialect-name.js'
import { lintProject } from '../../src/lint/lint-project.js'
import { cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'
import { temporaryProjects } from '../helpers/project.js'

const projects = temporaryProjects()

const TABLES = [
  "  await op.createTable('big', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'a', type: 'integer' }])",
  "  await op.createTable('small', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'a', type: 'integer' }])",
].join('\n')

/** Fills `big` with 500 rows and `small` with 5, and makes the server count them. */
const FILL: Readonly<Record<DialectName, readonly string[]>> = {
  postgresql: [
    'INSERT INTO big SELECT g, g FROM generate_series(1, 500) g',
    'INSERT INTO small SELECT g, g FROM generate_series(1, 5) g',
    'ANALYZE big',
    'ANALYZE small',
  ],
  mysql: [
    'INSERT INTO big (id, a) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) SELECT i, i FROM n',
    'INSERT INTO small (id, a) VALUES (1, 1), (2, 2), (3, 3), (4, 4), (5, 5)',
    'ANALYZE TABLE big',
    'ANALYZE TABLE small',
  ],
  sqlite: [],
}

const VERSION_SQL: Readonly<Record<DialectName, string>> = { postgresql: 'SHOW server_version', mysql: 'SELECT VERSION() AS v', sqlite: '' }

for (const dialect of ['postgresql', 'mysql'] as const) {
  describe(`lint against a live ${dialect} database`, () => {
    const db = useTestDatabase(dialect)

    test("lints only the pending revisions, for the server's version, ranked by the rows of the tables they touch", async () => {
      const project = projects([
        { id: 'r1', ext: 'js', upgrade: TABLES },
        { id: 'r2', down: 'r1', ext: 'js', upgrade: "  await op.dropColumn('small', 'a')\n  await op.dropColumn('big', 'a')" },
      ])
      await cliOk(['upgrade', '-d', project.migrations, '--url', db.url, 'r1'])
      for (const sql of FILL[dialect]) await db.query(sql)
      const report = await lintProject({ directory: project.migrations, url: db.url })
      const [linted] = report.databases
      assert.equal(linted?.connected, true)
      assert.deepEqual(linted?.revisions, ['r2'])
      const [row] = await db.query(VERSION_SQL[dialect])
      assert.equal(linted?.serverVersion, String(Object.values(row ?? {})[0]))
      const drops = report.findings.filter((finding) => finding.code === 'drop-column')
      assert.deepEqual(
        drops.map((finding) => finding.table),
        ['big', 'small'],
      )
      assert.ok((drops[0]?.rows ?? 0) > (drops[1]?.rows ?? 0), JSON.stringify(drops.map((finding) => finding.rows)))
    })
  })
}

describe('lint of a table the migration creates, with a foreign key and an index, on a live mysql database', () => {
  const db = useTestDatabase('mysql')

  test('finds nothing to flag, and never takes a word of ON DELETE for the table', async () => {
    const project = projects([
      { id: 'r1', ext: 'js', upgrade: TABLES },
      {
        id: 'r2',
        down: 'r1',
        ext: 'js',
        upgrade: [
          "  await op.createTable('child', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'big_id', type: 'integer' }], {",
          "    foreignKeys: [{ name: 'fk_child_big', columns: ['big_id'], referredTable: 'big', referredColumns: ['id'],",
          "      onDelete: 'CASCADE' }],",
          "    indexes: [{ name: 'ix_child_big', columns: ['big_id'] }],",
          '  })',
        ].join('\n'),
      },
    ])
    await cliOk(['upgrade', '-d', project.migrations, '--url', db.url, 'r1'])
    const report = await lintProject({ directory: project.migrations, url: db.url })
    assert.deepEqual(
      report.findings.map((finding) => `${finding.code} ${finding.table}`),
      [],
    )
    await cliOk(['upgrade', '-d', project.migrations, '--url', db.url])
    const [row] = await db.query(
      "SELECT COUNT(*) AS n FROM information_schema.statistics WHERE table_name = 'child' AND index_name = 'ix_child_big'",
    )
    assert.equal(Number(Object.values(row ?? {})[0]), 1)
  })
})

describe('lint of tables PostgreSQL has never analysed', () => {
  const db = useTestDatabase('postgresql')

  test('an empty one holds 0 rows; one with rows gets no count rather than a false 0', async () => {
    const project = projects([
      { id: 'r1', ext: 'js', upgrade: TABLES },
      { id: 'r2', down: 'r1', ext: 'js', upgrade: "  await op.dropColumn('small', 'a')\n  await op.dropColumn('big', 'a')" },
    ])
    await cliOk(['upgrade', '-d', project.migrations, '--url', db.url, 'r1'])
    await db.query('INSERT INTO small VALUES (1, 1), (2, 2)')
    const report = await lintProject({ directory: project.migrations, url: db.url })
    const rows = Object.fromEntries(
      report.findings.filter((finding) => finding.code === 'drop-column').map((finding) => [finding.table, finding.rows]),
    )
    assert.deepEqual(rows, { big: 0, small: undefined })
  })
})
