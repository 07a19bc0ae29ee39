import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { DialectName } from '../../src/core/dialect-name.js'
import { assertCleanError, type CliResult, cli, runBin } from '../helpers/cli.js'
import { type TestDatabase, useTestDatabase } from '../helpers/databases.js'
import { temporaryProjects } from '../helpers/project.js'
import { portableChain, target } from '../concurrency/fixtures.js'

// athanor's own tables, altered or replaced by hand: a version or history
// table with a column dropped, renamed or retyped, rows athanor never
// writes, the table dropped between runs, a view in its place, or a table
// of the user's that shares its name. Each is one line naming the table and
// what is wrong, never a raw driver error, and `current` never says what
// is not so. One database per dialect, emptied between cases.

const project = temporaryProjects()

const VERSION = 'athanor_version'
const HISTORY = 'athanor_version_history'
const HEAD = 'tam000000002'
const CHAIN = portableChain(['tam000000001', HEAD])

/** What a command must do: fail with one line holding these words, or succeed printing these. */
type Outcome = { readonly fails: ReadonlyArray<string | RegExp> } | { readonly prints: readonly string[] }

interface Tampering {
  readonly what: string
  /** false: a fresh database, where only the user's own table is. */
  readonly migrated: boolean
  /** The statements that tamper, one per call; a function for what differs per dialect. */
  readonly sql: readonly string[] | ((dialect: DialectName, db: TestDatabase) => Promise<readonly string[]>)
  readonly current: Outcome
  readonly upgrade: Outcome
  /** A command that puts it right, after which `current` tells the truth. */
  readonly repair?: readonly string[]
  /** What must still hold after the commands: the user's own rows, say. */
  readonly after?: (db: TestDatabase) => Promise<void>
}

const AT_HEAD: Outcome = { prints: [`${HEAD} (head)`] }

/** A retyped column, as each database retypes one holding text. */
function retype(table: string, column: string, value: string): (dialect: DialectName, db: TestDatabase) => Promise<readonly string[]> {
  return async (dialect, db) => {
    if (dialect === 'postgresql') return [`ALTER TABLE ${table} ALTER COLUMN ${column} TYPE integer USING ${value}`]
    if (dialect === 'mysql') return [`UPDATE ${table} SET ${column} = '${value}'`, `ALTER TABLE ${table} MODIFY ${column} INT NOT NULL`]
    // SQLite cannot alter a column's type: the table is made again, its other columns as they were.
    const columns = (await db.query(`SELECT name FROM pragma_table_info('${table}')`)).map((row) => String(row['name']))
    const select = columns.map((name) => (name === column ? `CAST(${name} AS INTEGER) AS ${name}` : name)).join(', ')
    return [
      `CREATE TABLE old_${table} AS SELECT * FROM ${table}`,
      `DROP TABLE ${table}`,
      `CREATE TABLE ${table} AS SELECT ${select} FROM old_${table}`,
      `DROP TABLE old_${table}`,
    ]
  }
}

const USERS_OWN = (table: string) => [
  `CREATE TABLE ${table} (id INTEGER PRIMARY KEY, name VARCHAR(40))`,
  `INSERT INTO ${table} (id, name) VALUES (1, 'mine')`,
]

async function userRowKept(db: TestDatabase, table: string): Promise<void> {
  assert.deepEqual(
    (await db.query(`SELECT name FROM ${table}`)).map((row) => row['name']),
    ['mine'],
  )
}

const TAMPERINGS: readonly Tampering[] = [
  {
    what: 'a table of the user named like the version table',
    migrated: false,
    sql: USERS_OWN(VERSION),
    current: { fails: [VERSION, "is not athanor's", 'version_num', 'versionTable'] },
    upgrade: { fails: [VERSION, "is not athanor's", 'versionTable'] },
    after: (db) => userRowKept(db, VERSION),
  },
  {
    what: 'the version table with version_num dropped',
    migrated: true,
    sql: async (dialect) =>
      dialect === 'sqlite'
        ? [`DROP TABLE ${VERSION}`, `CREATE TABLE ${VERSION} (note VARCHAR(10))`, `INSERT INTO ${VERSION} VALUES ('x')`]
        : [`ALTER TABLE ${VERSION} ADD COLUMN note VARCHAR(10)`, `ALTER TABLE ${VERSION} DROP COLUMN version_num`],
    current: { fails: [VERSION, 'version_num', 'note'] },
    upgrade: { fails: [VERSION, 'version_num'] },
  },
  {
    what: 'the version table with version_num renamed',
    migrated: true,
    sql: [`ALTER TABLE ${VERSION} RENAME COLUMN version_num TO version_id`],
    current: { fails: [VERSION, 'version_num', 'version_id'] },
    upgrade: { fails: [VERSION, 'version_num', 'version_id'] },
  },
  {
    what: 'the version table with version_num retyped to an integer',
    migrated: true,
    sql: retype(VERSION, 'version_num', '12'),
    current: { fails: [VERSION, /version_num is int/i, 'text'] },
    upgrade: { fails: [VERSION, /version_num is int/i] },
  },
  {
    what: 'the version table with a NOT NULL column athanor does not write',
    migrated: true,
    sql: [
      `DROP TABLE ${VERSION}`,
      `CREATE TABLE ${VERSION} (version_num VARCHAR(32) NOT NULL PRIMARY KEY, applied_by VARCHAR(20) NOT NULL)`,
      `INSERT INTO ${VERSION} (version_num, applied_by) VALUES ('${HEAD}', 'me')`,
    ],
    current: { fails: [VERSION, 'applied_by', 'NOT NULL'] },
    upgrade: { fails: [VERSION, 'applied_by', 'NOT NULL'] },
  },
  {
    what: 'the version table with a row for a revision no script has',
    migrated: true,
    sql: [`INSERT INTO ${VERSION} (version_num) VALUES ('zzzz00000009')`],
    current: { fails: ['zzzz00000009', 'stamp --purge'] },
    upgrade: { fails: ['zzzz00000009', 'stamp --purge'] },
    repair: ['stamp', '--purge', HEAD],
  },
  {
    what: 'the version table with a row for an ancestor of its head',
    migrated: true,
    sql: [`INSERT INTO ${VERSION} (version_num) VALUES ('tam000000001')`],
    // What the table holds, as it holds it; nothing runs on it.
    current: { prints: ['tam000000001', `${HEAD} (head)`] },
    upgrade: { fails: ['tam000000001', HEAD, 'ancestor', 'stamp'] },
    repair: ['stamp', '--purge', HEAD],
  },
  {
    what: 'the version table dropped between runs',
    migrated: true,
    sql: [`DROP TABLE ${VERSION}`],
    current: { fails: [VERSION, 'missing', HISTORY, `stamp ${HEAD}`] },
    upgrade: { fails: [VERSION, 'missing', `stamp ${HEAD}`] },
    repair: ['stamp', HEAD],
  },
  {
    what: 'a view in place of the version table',
    migrated: true,
    sql: [`DROP TABLE ${VERSION}`, `CREATE VIEW ${VERSION} AS SELECT '${HEAD}' AS version_num`],
    current: { fails: [VERSION, 'is a view'] },
    upgrade: { fails: [VERSION, 'is a view'] },
  },
  {
    what: 'a table of the user named like the history table',
    migrated: false,
    sql: USERS_OWN(HISTORY),
    current: { fails: [HISTORY, "is not athanor's", 'historyTable'] },
    upgrade: { fails: [HISTORY, "is not athanor's", 'historyTable'] },
    after: (db) => userRowKept(db, HISTORY),
  },
  {
    what: 'the history table with a column dropped',
    migrated: true,
    sql: [`ALTER TABLE ${HISTORY} DROP COLUMN checksum`],
    // current reads the history for steps left unfinished.
    current: { fails: [HISTORY, 'checksum', 'dropped or renamed'] },
    upgrade: { fails: [HISTORY, 'checksum', 'dropped or renamed'] },
  },
  {
    what: 'the history table with a column renamed',
    migrated: true,
    sql: [`ALTER TABLE ${HISTORY} RENAME COLUMN status TO state`],
    // current reads the history for steps left unfinished.
    current: { fails: [HISTORY, 'status', 'state'] },
    upgrade: { fails: [HISTORY, 'status', 'state'] },
  },
  {
    what: 'the history table with revision retyped to an integer',
    migrated: true,
    sql: retype(HISTORY, 'revision', '0'),
    // current reads the history for steps left unfinished.
    current: { fails: [HISTORY, /revision is int/i] },
    upgrade: { fails: [HISTORY, /revision is int/i] },
  },
  {
    what: 'the history table with a row athanor never writes',
    migrated: true,
    sql: [
      `INSERT INTO ${HISTORY} (run_id, revision, direction, status, started_at, athanor_version) ` +
        `VALUES ('by-hand', '${HEAD}', 'upgrade', 'bogus', '2026-01-01T00:00:00Z', '0')`,
    ],
    current: AT_HEAD,
    upgrade: { fails: [HISTORY, 'status "bogus"'] },
  },
  {
    what: 'the history table dropped between runs',
    migrated: true,
    sql: [`DROP TABLE ${HISTORY}`],
    current: AT_HEAD,
    upgrade: { prints: [] },
  },
  {
    what: 'a view in place of the history table',
    migrated: true,
    sql: [`DROP TABLE ${HISTORY}`, `CREATE VIEW ${HISTORY} AS SELECT 1 AS id`],
    // current reads the history for steps left unfinished.
    current: { fails: [HISTORY, 'is a view'] },
    upgrade: { fails: [HISTORY, 'is a view'] },
  },
]

/** Every table and view of the database, dropped: the next case starts from nothing. */
async function emptyDatabase(dialect: DialectName, db: TestDatabase): Promise<void> {
  const listing: Record<DialectName, string> = {
    sqlite: "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'",
    postgresql: 'SELECT table_type AS type, table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()',
    mysql: 'SELECT table_type AS type, table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()',
  }
  const quote = (name: string) => (dialect === 'mysql' ? `\`${name}\`` : `"${name}"`)
  for (const row of await db.query(listing[dialect])) {
    const view = String(row['type']).toLowerCase().includes('view')
    await db.query(`DROP ${view ? 'VIEW' : 'TABLE'} ${quote(String(row['name']))}`)
  }
}

function assertOutcome(result: CliResult, outcome: Outcome, what: string): void {
  if ('fails' in outcome) {
    const line = assertCleanError(result, ...outcome.fails)
    // A driver's own words come with the statement that failed; athanor's line names the table instead.
    assert.doesNotMatch(line, /\(in: |unexpected error/, what)
    return
  }
  assert.equal(result.status, 0, `${what}: ${result.stderr}`)
  for (const text of outcome.prints) assert.ok(result.stdout.split('\n').includes(text), `${what}: ${result.stdout}`)
}

/** How a case runs the CLI: in this process, which keeps the matrix fast, or as the executable a user runs. */
type Runner = (argv: readonly string[], cwd: string) => Promise<CliResult>

const IN_PROCESS: Runner = (argv) => cli(argv)
const EXECUTABLE: Runner = (argv, cwd) => runBin(argv, { cwd })

async function runCase(dialect: DialectName, db: TestDatabase, tampering: Tampering, runner: Runner): Promise<void> {
  await emptyDatabase(dialect, db)
  const made = project(CHAIN)
  const run = (argv: readonly string[]) => runner([...target(made.migrations, db.url), ...argv], made.root)
  if (tampering.migrated) {
    const up = await run(['upgrade'])
    assert.equal(up.status, 0, up.stderr)
  }
  const statements = typeof tampering.sql === 'function' ? await tampering.sql(dialect, db) : tampering.sql
  for (const sql of statements) await db.query(sql)

  assertOutcome(await run(['current']), tampering.current, `current after ${tampering.what}`)
  assertOutcome(await run(['upgrade']), tampering.upgrade, `upgrade after ${tampering.what}`)
  await tampering.after?.(db)
  if (tampering.repair) {
    const repaired = await run(tampering.repair)
    assert.equal(repaired.status, 0, repaired.stderr)
    assertOutcome(await run(['current']), AT_HEAD, `current after ${tampering.repair.join(' ')}`)
  }
}

for (const dialect of ['sqlite', 'postgresql', 'mysql'] as const satisfies readonly DialectName[]) {
  describe(`athanor's tables altered by hand, on ${dialect}`, () => {
    const db = useTestDatabase(dialect)
    for (const tampering of TAMPERINGS) test(tampering.what, () => runCase(dialect, db, tampering, IN_PROCESS))
  })
}

describe('through the executable, as a user meets it', () => {
  const db = useTestDatabase('sqlite')
  const shown = ['the version table dropped between runs', 'a view in place of the history table']
  for (const tampering of TAMPERINGS.filter((one) => shown.includes(one.what))) {
    test(tampering.what, () => runCase('sqlite', db, tampering, EXECUTABLE))
  }
})
