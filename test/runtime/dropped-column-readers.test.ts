// A column removed from the models while a check, a generated column or an
// index expression still read it was written as a DROP COLUMN that the
// database refused at upgrade. migrate now refuses the models, naming the
// table, the reader and the column, as it does for a plain index.
import assert from 'node:assert/strict'
import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'
import { diffHooksFor } from '../../src/dialect/registry.js'
import { refuseReadersOfDroppedColumns } from '../../src/runtime/dropped-column-readers.js'
import type { Table } from '../../src/schema/types.js'

const models = (columns: string, options: string) =>
  "import { check, col, defineModels, index, table } from 'athanor'\n" +
  `export const t = table('t', { id: col.integer().primaryKey(), a: col.text(), ${columns} }, { ${options} })\n` +
  'export default defineModels(t)\n'

for (const dialect of ['sqlite', 'postgresql', 'mysql'] as const) {
  describe(`${dialect}: a column dropped while an expression still reads it`, () => {
    const db = useTestDatabase(dialect)
    const ws = useWorkspace(db)

    test('is refused at migrate, naming the table, the reader and the column', async () => {
      writeFileSync(ws.models, models('b: col.integer(),', "checks: [check('ck_b', 'b > 0')]"))
      await cliOk([...ws.base, 'migrate', '-m', 't'])
      await cliOk([...ws.base, 'upgrade'])
      const before = readdirSync(join(ws.directory, 'versions')).length
      writeFileSync(ws.models, models('', "checks: [check('ck_b', 'b > 0')]"))
      assertCleanError(await cli([...ws.base, 'migrate', '-m', 'drop b']), { code: 'INVALID_MODEL' }, '"t"', 'check "ck_b"', '"b"')
      writeFileSync(ws.models, models("twice: col.integer().generated('b * 2', { stored: true }),", ''))
      assertCleanError(await cli([...ws.base, 'migrate', '-m', 'drop b']), { code: 'INVALID_MODEL' }, 'generated column "twice"', '"b"')
      assert.equal(readdirSync(join(ws.directory, 'versions')).length, before)
      // What only mentions the name in a string or calls a function so named is no reader.
      writeFileSync(ws.models, models('', "checks: [check('ck_a', \"a <> 'b'\")]"))
      await cliOk([...ws.base, 'migrate', '-m', 'drop b'])
      await cliOk([...ws.base, 'upgrade'])
    })
  })
}

test('names read are words outside strings and calls, quoted names included', () => {
  const hooks = diffHooksFor('postgresql')
  const table = (expression: string): Table => ({
    name: 't',
    columns: [{ name: 'id', type: { kind: 'integer' } }],
    checkConstraints: [{ name: 'ck', expression }],
  })
  const drop = [{ kind: 'drop_column', table: 't', column: 'b' } as const]
  const refused = (expression: string) => {
    try {
      refuseReadersOfDroppedColumns([table(expression)], drop, hooks)
      return false
    } catch {
      return true
    }
  }
  assert.equal(refused('b > 0'), true)
  assert.equal(refused('"b" > 0'), true)
  assert.equal(refused('t.b IS NULL'), true)
  assert.equal(refused("id <> 'b'"), false)
  assert.equal(refused('b(id) > 0'), false)
  assert.equal(refused('ab > 0 AND b_c > 0'), false)
  const gone = (column: string, expression: string, dialect: 'postgresql' | 'mysql' = 'postgresql') => {
    try {
      const drop = [{ kind: 'drop_column', table: 't', column } as const]
      refuseReadersOfDroppedColumns([table(expression)], drop, diffHooksFor(dialect))
      return false
    } catch {
      return true
    }
  }
  // Types, EXTRACT fields and INTERVAL units are not the columns so named.
  assert.equal(gone('date', "CAST(created_at AS date) > '2020-01-01'"), false)
  assert.equal(gone('numeric', 'x::numeric > 0'), false)
  assert.equal(gone('day', 'EXTRACT(day FROM created_at) > 0'), false)
  assert.equal(gone('day', "created_at > now() - INTERVAL '1' DAY", 'mysql'), false)
  assert.equal(gone('status', 'kind <> "status"', 'mysql'), false)
  assert.equal(gone('status', 'kind <> "status"'), true)
  assert.equal(gone('date', 'date > 0 AND CAST(x AS date) IS NOT NULL'), true)
})
