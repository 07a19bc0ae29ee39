// An exclusion constraint is a postgresql table option: pulled with its
// definition as pg_get_constraintdef writes it (a predicate, DEFERRABLE and
// an extension's operator class included), added once the tables are made,
// compared by its normalised text, and a change is a drop and an add the
// downgrade undoes. Before, it was listed as not represented, and the
// rebuilt table took two bookings of one room at once.
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { usePulledProject } from './pulled-project.js'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import type { TestDatabase } from '../helpers/databases.js'
import { postgresCompiler } from '../../src/dialect/postgresql/compiler.js'
import { mysqlCompiler } from '../../src/dialect/mysql/compiler.js'
import { isAthanorError } from '../../src/core/errors.js'
import { reverseOperation } from '../../src/ops/reverse.js'

const CLEAN = 'No new upgrade operations detected.\n'

const SOURCE = [
  'CREATE EXTENSION btree_gist',
  'CREATE TABLE bookings (id integer PRIMARY KEY, room integer NOT NULL, during tsrange NOT NULL, ' +
    'cancelled boolean NOT NULL DEFAULT false, ' +
    'CONSTRAINT no_double_booking EXCLUDE USING gist (room WITH =, during WITH &&) WHERE (NOT cancelled))',
  'CREATE TABLE slots (id integer PRIMARY KEY, during tsrange, EXCLUDE USING gist (during WITH &&) DEFERRABLE INITIALLY DEFERRED)',
]

async function exclusions(db: TestDatabase): Promise<unknown[]> {
  return db.query(`SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
    WHERE contype = 'x' ORDER BY 2`)
}

describe('postgresql: exclusion constraints pulled and migrated', () => {
  const project = usePulledProject('postgresql', SOURCE)

  test('are kept, and the rebuilt table refuses overlapping bookings of one room', async () => {
    const { source, rebuilt, ws } = project()
    await cliOk([...ws.base, 'pull', '-o', ws.models, '--url', source.url])
    assert.match(readFileSync(ws.models, 'utf8'), /exclusions: \[\{ name: 'no_double_booking', definition: 'EXCLUDE USING gist/)
    await cliOk([...ws.base, 'migrate', '-m', 'pulled'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await exclusions(rebuilt)).length, 2)
    assert.deepEqual(await exclusions(rebuilt), await exclusions(source))
    assert.equal((await cliOk([...ws.base, 'check'])).stdout, CLEAN)
    await rebuilt.query("INSERT INTO bookings VALUES (1, 7, '[2026-12-06 10:00, 2026-12-06 11:00)', false)")
    await assert.rejects(
      rebuilt.query("INSERT INTO bookings VALUES (2, 7, '[2026-12-06 10:30, 2026-12-06 12:00)', false)"),
      /no_double_booking/,
    )
    // The predicate came along: a cancelled booking does not count.
    await rebuilt.query("INSERT INTO bookings VALUES (3, 7, '[2026-12-06 10:30, 2026-12-06 12:00)', true)")
  })

  test('the same definition written by hand compares equal; a change is a drop and an add, undone by the downgrade', async () => {
    const { source, rebuilt, ws } = project()
    const pulled = readFileSync(ws.models, 'utf8')
    const byHand = pulled.replace(
      'EXCLUDE USING gist (room WITH =, during WITH &&) WHERE ((NOT cancelled))',
      'EXCLUDE USING GIST (room WITH =, during WITH &&) WHERE (NOT cancelled)',
    )
    assert.notEqual(byHand, pulled)
    writeFileSync(ws.models, byHand)
    assert.equal((await cliOk([...ws.base, 'check'])).stdout, CLEAN)
    writeFileSync(ws.models, byHand.replace('WHERE (NOT cancelled)', 'WHERE (cancelled IS NOT TRUE)'))
    const planned = await cli([...ws.base, 'check'])
    assert.equal(planned.status, 1)
    assert.match(
      planned.stdout,
      /remove exclusion constraint no_double_booking on bookings\n\s+add exclusion constraint no_double_booking on bookings/,
    )
    await cliOk([...ws.base, 'migrate', '-m', 'exclusion'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cliOk([...ws.base, 'check'])).stdout, CLEAN)
    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await exclusions(rebuilt), await exclusions(source))
    await cliOk([...ws.base, 'upgrade'])
  })

  test('one named anew is renamed in place, its index kept, and named back by the downgrade', async () => {
    const { rebuilt, ws } = project()
    const indexOf = async (name: string) =>
      (await rebuilt.query('SELECT conindid::text AS oid FROM pg_constraint WHERE conname = $1', [name]))[0] as { oid: string }
    const before = await indexOf('no_double_booking')
    const models = readFileSync(ws.models, 'utf8')
    writeFileSync(ws.models, models.replace("name: 'no_double_booking'", "name: 'one_booking_per_room'"))
    const planned = await cli([...ws.base, 'check'])
    assert.match(planned.stdout, /rename exclusion constraint no_double_booking on bookings to one_booking_per_room/)
    await cliOk([...ws.base, 'migrate', '-m', 'renamed'])
    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual(await indexOf('one_booking_per_room'), before)
    assert.equal((await cliOk([...ws.base, 'check'])).stdout, CLEAN)
    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await indexOf('no_double_booking'), before)
    await cliOk([...ws.base, 'upgrade'])
  })

  test('a definition that is not an EXCLUDE clause fails at migrate, naming it and its table', async () => {
    const { ws } = project()
    writeFileSync(
      ws.models,
      readFileSync(ws.models, 'utf8').replace(/definition: 'EXCLUDE USING gist \(during WITH &&\)[^']*'/, "definition: 'CHECK (true)'"),
    )
    assertCleanError(
      await cli([...ws.base, 'migrate', '-m', 'refused']),
      { code: 'INVALID_MODEL' },
      'slots_during_excl',
      '"slots"',
      'EXCLUDE',
    )
  })
})

describe('exclusion constraint operations', () => {
  const exclusion = { name: 'no_overlap', definition: 'EXCLUDE USING gist (during WITH &&)' }
  const create = { kind: 'create_exclusion', table: 'slots', schema: 'app', exclusion } as const

  test('are ALTER TABLE … ADD and DROP CONSTRAINT, each the reverse of the other', () => {
    assert.deepEqual(postgresCompiler.compileSql(create, 'offline'), [
      { sql: 'ALTER TABLE "app"."slots" ADD CONSTRAINT "no_overlap" EXCLUDE USING gist (during WITH &&)' },
    ])
    const drop = reverseOperation(create)
    assert.deepEqual(drop, { kind: 'drop_exclusion', table: 'slots', schema: 'app', name: 'no_overlap', existing: exclusion })
    assert.deepEqual(postgresCompiler.compileSql(drop, 'offline'), [{ sql: 'ALTER TABLE "app"."slots" DROP CONSTRAINT "no_overlap"' }])
    assert.deepEqual(reverseOperation(drop), create)
  })

  test('are refused on other dialects, naming the operation', () => {
    assert.throws(
      () => mysqlCompiler.compileSql(create, 'offline'),
      (error: unknown) => isAthanorError(error, 'UNSUPPORTED_OPERATION') && error.message.includes('create_exclusion'),
    )
  })
})
