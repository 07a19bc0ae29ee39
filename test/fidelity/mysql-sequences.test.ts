// MariaDB's sequences, and the column defaults drawing from them, round-trip:
// pull writes `sequence(name, { … })` and the default, migrate creates them
// on an empty database with the same options, and a change of an option in
// the models is an ALTER SEQUENCE that leaves the next value where it was.
// Before, both were listed as not represented: a table pulled without its
// sequence came back numbering nothing.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { mysqlCatalog } from './mysql-catalog.js'
import { cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase, type TestDatabase } from '../helpers/databases.js'
import { readMysqlCatalogObjects } from '../../src/dialect/mysql/catalog-objects.js'

const CLEAN = 'No new upgrade operations detected.\n'

const SOURCE = [
  'CREATE SEQUENCE ticket_no START WITH 100 INCREMENT BY 5 MINVALUE 1 MAXVALUE 1000000 CACHE 10 CYCLE',
  'CREATE SEQUENCE plain_no',
  'CREATE TABLE tickets (id BIGINT NOT NULL DEFAULT NEXT VALUE FOR ticket_no PRIMARY KEY, note VARCHAR(20))',
  "INSERT INTO tickets (note) VALUES ('first'), ('second')",
]

/** Each sequence as SHOW CREATE SEQUENCE writes it. */
async function sequences(db: TestDatabase): Promise<string[]> {
  const names = await db.query(
    "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'SEQUENCE' ORDER BY 1",
  )
  const shown: string[] = []
  for (const row of names) {
    const [created] = await db.query(`SHOW CREATE SEQUENCE \`${String(row['name'])}\``)
    shown.push(String(created?.['Create Table']))
  }
  return shown
}

/** The catalog of tables and columns, each database's own name taken out of the defaults that name it. */
async function catalog(db: TestDatabase): Promise<Record<string, unknown[]>> {
  return JSON.parse(JSON.stringify(await mysqlCatalog(db)).replaceAll(`\`${db.name}\`.`, ''))
}

/** Where the sequence's next value stands, as its row holds it (reading it does not advance it). */
async function nextNotCached(db: TestDatabase): Promise<string> {
  const [row] = await db.query('SELECT CAST(next_not_cached_value AS CHAR) AS n FROM ticket_no')
  return String(row?.['n'])
}

describe('mariadb: sequences and a default drawing from one, pulled and rebuilt', () => {
  const project = usePulledProject('mysql', SOURCE)

  test('are written into the models, created the same on an empty database, and checked clean on both', async () => {
    const { source, rebuilt, ws } = project()
    const { models, printed } = await pullAndRebuild(project())
    assert.doesNotMatch(printed, /not represented/i)
    assert.match(printed, /, 2 sequences$/m)
    assert.match(models, /sequence\('ticket_no', \{ start: 100, increment: 5, maxValue: 1000000, cache: 10, cycle: true \}\)/)
    assert.match(models, /sequence\('plain_no', \{ cache: 1000 \}\)/)
    assert.match(models, /id: col\.bigint\(\)\.primaryKey\(\)\.default\(sql\('nextval\(`ticket_no`\)'\)\)/)
    assert.ok(!models.includes(source.name), models)
    assert.deepEqual(await sequences(rebuilt), await sequences(source))
    assert.deepEqual(await catalog(rebuilt), await catalog(source))
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    await cliOk([...ws.base, 'stamp', 'head', '--url', source.url])
    assert.equal((await cli([...ws.base, 'check', '--url', source.url])).stdout, CLEAN)
    // The rebuilt table draws from its own database's sequence, from its start.
    await rebuilt.query("INSERT INTO tickets (note) VALUES ('a'), ('b')")
    assert.deepEqual(
      (await rebuilt.query('SELECT id FROM tickets ORDER BY id')).map((row) => Number(row['id'])),
      [100, 105],
    )
  })

  test('a changed increment is an ALTER SEQUENCE keeping the next value; downgrade base leaves only the version tables', async () => {
    const { rebuilt, ws } = project()
    const models = readFileSync(ws.models, 'utf8')
    writeFileSync(ws.models, models.replace('start: 100, increment: 5,', 'start: 100, increment: 7,'))
    await cliOk([...ws.base, 'migrate', '-m', 'by_seven'])
    const [file] = readdirSync(join(ws.directory, 'versions')).filter((name) => name.endsWith('_by_seven.ts'))
    const script = readFileSync(join(ws.directory, 'versions', file!), 'utf8')
    assert.match(script, /op\.alterSequence\('ticket_no', \{ increment: 7 \}/)
    assert.doesNotMatch(script, /dropSequence|createSequence|restart/i)
    const printed = await cliOk([...ws.base, 'upgrade', '--sql'])
    assert.match(printed.stdout, /ALTER SEQUENCE `ticket_no` INCREMENT BY 7;/)
    assert.doesNotMatch(printed.stdout, /RESTART/)

    const before = await nextNotCached(rebuilt)
    await cliOk([...ws.base, 'upgrade'])
    assert.equal(await nextNotCached(rebuilt), before)
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    // The numbers handed out are never handed out again: it goes on from where it stood, by 7.
    await rebuilt.query("INSERT INTO tickets (note) VALUES ('c'), ('d')")
    const ids = (await rebuilt.query('SELECT id FROM tickets ORDER BY id')).map((row) => Number(row['id']))
    assert.deepEqual(ids.slice(2), [Number(before), Number(before) + 7])

    await cliOk([...ws.base, 'downgrade', 'base'])
    const left = await rebuilt.query('SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1')
    assert.deepEqual(
      left.map((row) => String(row['name'])).filter((name) => !name.startsWith('athanor_version')),
      [],
    )
  })
})

// `athanor test` compares the catalog's objects before a migration and after
// its downgrade: a sequence's options are part of what it compares, so a
// downgrade that leaves one altered is found.
describe("mariadb: a sequence's options in the catalog objects athanor test compares", () => {
  const db = useTestDatabase('mysql')

  test('differ once an option is altered, and not when the sequence has only been drawn from', async () => {
    await db.query('CREATE SEQUENCE drawn_no START WITH 10 CACHE 5')
    const sequenceOf = async () => (await readMysqlCatalogObjects(db)).filter((o) => o.kind === 'sequence')
    const before = await sequenceOf()
    assert.deepEqual(before, [{ kind: 'sequence', name: 'drawn_no', definition: '{"start":10,"cache":5}' }])
    await db.query('SELECT NEXTVAL(drawn_no)')
    assert.deepEqual(await sequenceOf(), before)
    await db.query('ALTER SEQUENCE drawn_no INCREMENT BY 2')
    assert.notDeepEqual(await sequenceOf(), before)
  })
})
