// pull names each table's variable after it: a name that starts with a
// digit made `export const 2faCodesTable`, which no models file compiles.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { renderModels } from '../../src/models/render.js'
import type { Table } from '../../src/schema/types.js'

test('a table whose name starts with a digit gets a variable that is an identifier', () => {
  const tables: Table[] = ['2fa_codes', '9lives', 'class'].map((name) => ({ name, columns: [{ name: 'id', type: { kind: 'integer' } }] }))
  const text = renderModels(tables)
  const variables = [...text.matchAll(/^export const (\S+) = table\('([^']+)'/gm)].map((m) => [m[1], m[2]])
  assert.deepEqual(variables, [
    ['table2faCodes', '2fa_codes'],
    ['table9lives', '9lives'],
    ['classTable', 'class'],
  ])
  for (const [variable] of variables) assert.doesNotThrow(() => new Function(`const ${variable} = 1`))
})
