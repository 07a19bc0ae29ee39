// A foreign key InnoDB cannot make (errno 150, "Foreign key constraint is
// incorrectly formed") passed migrate and failed at upgrade, after the
// statements before it ran: an INT column referring to a BIGINT or an
// UNSIGNED one, to text, or SET NULL on a NOT NULL column. migrate and check
// refuse it now, naming the table, the key and why; what InnoDB makes (other
// lengths, decimal precisions, time precisions) is still made.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { useWorkspace } from '../adoption/workspace.js'
import { useTestDatabase } from '../helpers/databases.js'

const PARENT = 'id INT PRIMARY KEY, big BIGINT UNIQUE, code VARCHAR(20) UNIQUE, price DECIMAL(10,2) UNIQUE, at DATETIME UNIQUE'
const parent =
  "export const p = table('parents', { id: col.integer().primaryKey(), big: col.bigint().unique(), code: col.string(20).unique(), " +
  'price: col.numeric(10, 2).unique(), at: col.timestamp({ precision: 0 }).unique() })\n'
const models = (child: string) =>
  "import { col, defineModels, table } from 'athanor'\n" +
  parent +
  `export const c = table('children', { id: col.integer().primaryKey(), ${child} })\n` +
  'export default defineModels(p, c)\n'

describe('mysql: foreign keys InnoDB refuses', () => {
  const db = useTestDatabase('mysql')
  const ws = useWorkspace(db)

  const refused: readonly (readonly [sql: string, model: string, why: string])[] = [
    [
      'x INT, FOREIGN KEY (x) REFERENCES probe_p (big)',
      "x: col.integer().references('parents', { column: 'big' })",
      '(INT) with "parents"."big" (BIGINT)',
    ],
    ['x INT UNSIGNED, FOREIGN KEY (x) REFERENCES probe_p (id)', "x: col.integer().unsigned().references('parents')", 'same size and sign'],
    ['x INT, FOREIGN KEY (x) REFERENCES probe_p (code)', "x: col.integer().references('parents', { column: 'code' })", 'of one kind'],
    [
      'x INT NOT NULL, FOREIGN KEY (x) REFERENCES probe_p (id) ON DELETE SET NULL',
      "x: col.integer().notNull().references('parents', { onDelete: 'SET NULL' })",
      'ON DELETE SET NULL, but its column "x" is NOT NULL',
    ],
  ]

  test('is refused at migrate and check, naming the table, the key and why, as InnoDB refuses it', async () => {
    await db.query(`CREATE TABLE probe_p (${PARENT})`)
    for (const [sql, model, why] of refused) {
      await assert.rejects(db.query(`CREATE TABLE probe_c (id INT PRIMARY KEY, ${sql})`), /errno: 150/)
      writeFileSync(ws.models, models(model))
      const named = ['foreign key fk_children_x_parents of table "children"', why]
      assertCleanError(await cli([...ws.base, 'migrate', '-m', 'refused']), { code: 'INVALID_MODEL' }, ...named)
      assertCleanError(await cli([...ws.base, 'check']), { status: 2 }, ...named)
    }
    await db.query('DROP TABLE probe_p')
  })

  test('what InnoDB makes is made: other lengths and precisions, a nullable SET NULL', async () => {
    const made = [
      "a: col.bigint().references('parents', { column: 'big', onDelete: 'SET NULL' })",
      "b: col.string(5).references('parents', { column: 'code' })",
      "c: col.numeric(12, 3).references('parents', { column: 'price' })",
      "d: col.timestamp({ precision: 6 }).references('parents', { column: 'at' })",
    ]
    writeFileSync(ws.models, models(made.join(', ')))
    await cliOk([...ws.base, 'migrate', '-m', 'made'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
  })
})
