// A database whose home schema uses what another schema holds, one pull was
// not asked to read (--schema): a partition of a home table, the table a
// foreign key refers to, a domain or enum a column is typed with, the
// sequence or function a default calls, the table a view reads. pull said
// nothing of them and `pull --strict` passed, check against the source was
// clean, and the migration made from the models failed at upgrade ("schema
// "parts" does not exist") or, for the partition, left its rows behind.
// They are now listed as not represented, and as not managed by check.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'
import { useWorkspace } from '../adoption/workspace.js'
import { useTestDatabase } from '../helpers/databases.js'
import { writeFileSync } from 'node:fs'

const LISTED = [
  'function in a schema not read parts.next_code()',
  'partition in a schema not read parts.events_2020 of events',
  'sequence in a schema not read parts.counter',
  'table in a schema not read parts.owners',
  'type in a schema not read parts.kind',
  'type in a schema not read parts.positive',
]

const listedIn = (stderr: string) =>
  stderr
    .split('\n')
    .filter((line) => line.startsWith('  '))
    .map((line) => line.trim())

describe('postgresql: what the home schema uses from a schema pull does not read', () => {
  // From the manual's examples (ddl-partitioning, sql-createdomain, datatype-enum, sql-createsequence).
  const project = usePulledProject('postgresql', [
    'CREATE SCHEMA parts',
    'CREATE TABLE events (id int, logdate date NOT NULL) PARTITION BY RANGE (logdate)',
    "CREATE TABLE parts.events_2020 PARTITION OF events FOR VALUES FROM ('2020-01-01') TO ('2021-01-01')",
    'CREATE TABLE parts.owners (id int PRIMARY KEY)',
    "CREATE TYPE parts.kind AS ENUM ('sad', 'ok', 'happy')",
    'CREATE DOMAIN parts.positive AS integer CHECK (VALUE > 0)',
    'CREATE SEQUENCE parts.counter START 101',
    "CREATE FUNCTION parts.next_code() RETURNS text LANGUAGE sql AS $$SELECT 'c' || nextval('parts.counter')$$",
    "CREATE TABLE things (id bigint DEFAULT nextval('parts.counter') PRIMARY KEY, owner int REFERENCES parts.owners, " +
      'mood parts.kind, moods parts.kind[], qty parts.positive, code text DEFAULT parts.next_code())',
    'CREATE VIEW owned AS SELECT t.id FROM things t JOIN parts.owners o ON o.id = t.owner',
    // Read, or PostgreSQL's own: not listed.
    'CREATE TABLE plain (id int PRIMARY KEY, at timestamptz DEFAULT now())',
  ])

  test('pull lists them as not represented and --strict fails', async () => {
    const { source, ws } = project()
    const pulled = await cliOk([...ws.base, 'pull', '-o', ws.models, '--url', source.url])
    assert.deepEqual(listedIn(pulled.stderr), LISTED)
    const strict = await cli([...ws.base, 'pull', '-o', ws.models, '--url', source.url, '--strict'])
    assert.equal(strict.status, 1, strict.stderr)
  })

  test('check on the source lists them as not managed', async () => {
    const { source, ws } = project()
    const url = ['--url', source.url]
    await cliOk([...ws.base, 'pull', '-o', ws.models, ...url])
    await cliOk([...ws.base, 'revision', '-m', 'adopted', ...url])
    await cliOk([...ws.base, 'stamp', 'head', ...url])
    const checked = await cli([...ws.base, 'check', ...url])
    assert.equal(checked.stdout, 'No new upgrade operations detected.\n', checked.stderr)
    for (const line of LISTED) assert.ok(checked.stderr.includes(`  ${line}\n`), `${line} in\n${checked.stderr}`)
  })

  test('read with --schema, none of them is listed', async () => {
    const { source, ws } = project()
    const pulled = await cliOk([...ws.base, 'pull', '-o', ws.models, '--url', source.url, '--schema', 'parts'])
    assert.deepEqual(
      listedIn(pulled.stderr).filter((line) => line.includes('not read')),
      [],
    )
  })
})

describe("postgresql: a schema only the models' types, sequences and views name is not one check leaves unread", () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)

  test('check lists nothing of it as not managed', async () => {
    writeFileSync(
      ws.models,
      "import { col, defineModels, pgDomain, pgEnum, sequence, table } from 'athanor'\n" +
        "export const state = pgEnum('state', ['new', 'done'], { schema: 'audit' })\n" +
        "export const positive = pgDomain('positive', 'integer', { schema: 'audit' })\n" +
        "export const counter = sequence('counter', { schema: 'audit' })\n" +
        "export const tasks = table('tasks', { id: col.integer().primaryKey(), st: state.column(), n: positive.column() })\n" +
        'export default defineModels(state, positive, counter, tasks)\n',
    )
    await cliOk([...ws.base, 'migrate', '-m', 'audit types'])
    await cliOk([...ws.base, 'upgrade'])
    const checked = await cli([...ws.base, 'check'])
    assert.equal(checked.stdout, 'No new upgrade operations detected.\n', checked.stderr)
    assert.equal(checked.stderr, '')
  })
})
