// `--rename-column TABLE.OLD:NEW` split at the last dot, so a table or a
// column whose name holds a dot ("order.items") could not be named, and the
// flag athanor suggested in its warning did not work. A name holding `.`
// or `:` is now quoted as SQL quotes it (`"order.items"."unit.price":…`),
// the warnings suggest it so, and a flag that names nothing stays an error.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'

const models = (table: string, column: string) =>
  [
    "import { col, defineModels, table } from 'athanor'",
    `export const items = table('${table}', { id: col.integer().primaryKey(), '${column}': col.integer() })`,
    'export default defineModels(items)',
  ].join('\n')

describe('postgresql: rename flags naming a table and a column with dots in their names', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)
  const written = (suffix: string) => readdirSync(join(ws.directory, 'versions')).filter((name) => name.endsWith(suffix))
  const migrate = (message: string, ...flags: string[]) => cli([...ws.base, 'migrate', '-m', message, ...flags])

  test('take quoted names, suggest them, and refuse a flag that names nothing, naming it', async () => {
    writeFileSync(ws.models, models('order.items', 'unit.price'))
    await cliOk([...ws.base, 'migrate', '-m', 'items'])
    await cliOk([...ws.base, 'upgrade'])
    await db.query('INSERT INTO "order.items" VALUES (1, 42)')
    writeFileSync(ws.models, models('order.items', 'unit.cost'))

    const flag = '"order.items"."unit.price":"unit.cost"'
    const warned = await cliOk([...ws.base, 'migrate', '-m', 'guessed'])
    assert.match(warned.stderr, /^warning: order\.items: column unit\.price is dropped and unit\.cost added; .*$/m)
    assert.ok(warned.stderr.includes(`run again with --rename-column ${flag}\n`), warned.stderr)
    rmSync(join(ws.directory, 'versions', written('_guessed.ts')[0]!))

    assertCleanError(
      await migrate('x', '--rename-column', 'order.items.unit.price:unit.cost'),
      { code: 'INVALID_OPTION' },
      '--rename-column order.items.unit.price:unit.cost',
      'quote',
    )
    assertCleanError(
      await migrate('x', '--rename-column', '"order.items.unit.price:unit.cost'),
      { code: 'INVALID_OPTION' },
      'unclosed quote',
    )
    assertCleanError(
      await migrate('x', '--rename-column', '"order.items"."unit.prise":"unit.cost"'),
      { code: 'RENAME_NOT_MATCHED' },
      '--rename-column "order.items"."unit.prise":"unit.cost"',
    )
    assert.deepEqual(written('_x.ts'), [])

    await cliOk([...ws.base, 'migrate', '-m', 'renamed', '--rename-column', flag])
    const script = readFileSync(join(ws.directory, 'versions', written('_renamed.ts')[0]!), 'utf8')
    assert.doesNotMatch(script, /dropColumn|addColumn/)
    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual(await db.query('SELECT id, "unit.cost" AS cost FROM "order.items"'), [{ id: 1, cost: 42 }])

    writeFileSync(ws.models, models('order.lines', 'unit.cost'))
    await cliOk([...ws.base, 'migrate', '-m', 'lines', '--rename-table', 'public."order.items":"order.lines"'])
    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual(await db.query('SELECT id, "unit.cost" AS cost FROM "order.lines"'), [{ id: 1, cost: 42 }])
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
  })
})
