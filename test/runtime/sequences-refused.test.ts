// Models declaring a sequence migrate onto PostgreSQL and MariaDB 10.3+; on
// MySQL and SQLite, which have none, migrate and check refuse them in one
// line naming the sequence and the database, before any script is written.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { isAthanorError } from '../../src/core/errors.js'
import { dialectNamed } from '../../src/dialect/registry.js'
import type { DatabaseConnection } from '../../src/dialect/driver.js'
import type { Project } from '../../src/config/project.js'
import { objectsToCompare } from '../../src/runtime/compare-objects.js'

const folder = mkdtempSync(join(tmpdir(), 'athanor-sequences-refused-'))
after(() => rmSync(folder, { recursive: true, force: true }))

/** A models module declaring `objects` beside no table. */
function modelsDeclaring(name: string, objects: Record<string, unknown[]>): string {
  const file = join(folder, `${name}.mjs`)
  writeFileSync(file, `export default ${JSON.stringify({ tables: [], enums: [], extensions: [], sequences: [], ...objects })}\n`)
  return file
}

/** A server that answers VERSION() with `version` and has no sequences of its own. */
const server = (version: string) =>
  ({ query: async (sql: string) => (/VERSION\(\)/.test(sql) ? [{ version }] : []) }) as unknown as DatabaseConnection
const project = {} as Project

const refused = (message: string) => (e: unknown) => isAthanorError(e, 'UNSUPPORTED_OPERATION') && e.message === message

describe('a model sequence where the database has none', () => {
  const ticketNo = modelsDeclaring('ticket-no', { sequences: [{ name: 'ticket_no', start: 100 }] })

  test('MySQL refuses it, naming the sequence and the server', async () => {
    await assert.rejects(
      objectsToCompare(dialectNamed('mysql'), server('8.0.36'), project, ticketNo, []),
      refused('the models declare sequence "ticket_no", which only PostgreSQL and MariaDB 10.3+ have; the database is MySQL 8.0.36'),
    )
  })

  test('SQLite refuses it the same way', async () => {
    await assert.rejects(
      objectsToCompare(dialectNamed('sqlite'), server('3.45.0'), project, ticketNo, []),
      refused('the models declare sequence "ticket_no", which only PostgreSQL and MariaDB 10.3+ have; the database is sqlite'),
    )
  })

  test('MariaDB takes it, and still refuses the objects that are PostgreSQL only', async () => {
    const compared = await objectsToCompare(dialectNamed('mysql'), server('10.11.6-MariaDB'), project, ticketNo, [])
    assert.deepEqual(compared?.target.sequences, [{ name: 'ticket_no', start: 100 }])
    assert.deepEqual(compared?.current.sequences, [])
    const mood = modelsDeclaring('mood', { enums: [{ name: 'mood', values: ['sad'] }] })
    await assert.rejects(
      objectsToCompare(dialectNamed('mysql'), server('10.11.6-MariaDB'), project, mood, []),
      refused(
        'the models declare enum type "mood" (use col.enum([...]) for an inline enum), which is PostgreSQL only; the database is mysql',
      ),
    )
  })
})
