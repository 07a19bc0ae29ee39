// Every database makes a numbered column NOT NULL, asked or not: a model's
// `col.integer().autoincrement()` off the primary key used to read as
// nullable, and check reported `alter column … (nullable)` right after the
// upgrade that made it.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { autogenerate } from '../../src/diff/autogenerate.js'
import { diffHooksFor } from '../../src/dialect/registry.js'
import { col, table } from '../../src/models/index.js'

for (const dialect of ['postgresql', 'mysql'] as const) {
  test(`${dialect}: a numbered column is NOT NULL on both sides, whether the model says so or not`, async () => {
    const hooks = diffHooksFor(dialect)
    const model = table('t', { id: col.integer().primaryKey(), n: col.integer().autoincrement() })
    // As the catalog reads it back: NOT NULL.
    const read = table('t', { id: col.integer().primaryKey(), n: col.integer().notNull().autoincrement() })
    assert.deepEqual(await autogenerate([read], [model], { hooks }), [])
    // A nullable column that stops being numbered is still compared as it is.
    const plain = table('t', { id: col.integer().primaryKey(), n: col.integer() })
    const ops = await autogenerate([read], [plain], { hooks })
    assert.ok(
      ops.some((op) => op.kind === 'alter_column' && op.changes.nullable === true),
      JSON.stringify(ops),
    )
  })
}
