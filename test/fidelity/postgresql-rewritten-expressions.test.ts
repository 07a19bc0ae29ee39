// PostgreSQL stores a generated column's expression and an expression
// default with a parenthesis round every operation and a cast wherever a
// type changes: `price * qty + 1` comes back `((price * (qty)::numeric) +
// (1)::numeric)`, `1 + 2 * 3` as `1 + (2 * 3)`. Compared by their text, every
// migrate dropped and added the stored column again, rewriting the table.
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'

const CLEAN = 'No new upgrade operations detected.\n'

describe('postgresql: generated columns and defaults written as people write them', () => {
  const project = usePulledProject('postgresql', [
    'CREATE TABLE item (id int PRIMARY KEY, price numeric(10,2) NOT NULL, qty int NOT NULL, title varchar(300), fname text, lname text)',
  ])

  test('come back clean after their own upgrade, and a real change is still one', async () => {
    const { ws, rebuilt } = project()
    const { models } = await pullAndRebuild(project())
    const written = models.replace(
      /(\n {2}lname: col\.text\(\),)/,
      `$1\n  total: col.numeric(12, 2).generated('price * qty + 1', { stored: true }),` +
        `\n  full: col.text().generated("fname || ' ' || lname", { stored: true }),` +
        `\n  up: col.text().generated("upper(coalesce(title, ''::text))", { stored: true }),` +
        '\n  d2: col.integer().default(sql`1 + 2 * 3`),',
    )
    assert.notEqual(written, models)
    writeFileSync(ws.models, written.replace('import { col,', 'import { col, sql,'))
    await cliOk([...ws.base, 'migrate', '-m', 'computed'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    await rebuilt.query("INSERT INTO item (id, price, qty, title, fname, lname) VALUES (1, 2.5, 4, 'ab', 'a', 'b')")
    assert.deepEqual(await rebuilt.query('SELECT total, "full", up, d2 FROM item'), [{ total: '11.00', full: 'a b', up: 'AB', d2: 7 }])

    const changed = readFileSync(ws.models, 'utf8').replace("'price * qty + 1'", "'(price + qty) * 1'").replace('1 + 2 * 3', '(1 + 2) * 3')
    writeFileSync(ws.models, changed)
    const out = (await cli([...ws.base, 'check'])).stdout
    assert.match(out, /remove column item\.total/)
    assert.match(out, /d2/)
    assert.doesNotMatch(out, /full|item\.up/)
  })
})
