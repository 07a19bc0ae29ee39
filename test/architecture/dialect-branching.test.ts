import assert from 'node:assert/strict'
import { test } from 'node:test'
import { dialectBranches } from './dialect-branching.js'
import { parse, sourceFiles } from './source-files.js'

test('no code outside src/dialect/ branches on a dialect name: it asks the dialect', () => {
  // core/dialect-name.ts is where the names and their URL schemes are declared;
  // script/alembic-dialect-types.ts records how SQLAlchemy spells types per
  // database, which convert-alembic writes into scripts as op.dialect tests.
  const exempt = ['core/dialect-name.ts', 'script/alembic-dialect-types.ts']
  const outside = sourceFiles().filter((file) => !file.startsWith('dialect/') && !exempt.includes(file))
  assert.deepEqual(
    outside.flatMap((file) => dialectBranches(parse(file))),
    [],
  )
})

test('the check sees comparisons, cases, records and tables by dialect name, not text in strings', () => {
  const source = parse(
    'runtime/example.ts',
    [
      "if (url.dialect === 'sqlite') run()",
      "if ('mariadb' != name) run()",
      "switch (name) { case 'postgresql': break }",
      'const quirks: Record<DialectName, number> = table',
      'const ports = { postgresql: 5432, mysql: 3306 }',
      'const script = "autoincrement: op.dialect !== \'sqlite\'"',
      'const one = { sqlite: true }',
    ].join('\n'),
  )
  assert.deepEqual(
    dialectBranches(source).map((line) => line.split(' ').slice(0, 2).join(' ')),
    [
      'runtime/example.ts:1 compares',
      'runtime/example.ts:2 compares',
      'runtime/example.ts:3 switches',
      'runtime/example.ts:4 keys',
      'runtime/example.ts:5 keys',
    ],
  )
})
