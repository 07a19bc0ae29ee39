import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import Database from 'better-sqlite3'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { chain, tableNames, temporaryProjects, versionRows } from '../helpers/project.js'

// A sqlite:/// URL's query string: SQLite's `mode` is honoured (`ro` opens
// the file read-only, and a command that writes is refused before it takes
// the lock); any other option is refused, naming it, instead of being
// dropped as `?mode=ro` once was, which opened the file read-write.

const project = temporaryProjects()

function withFile() {
  const made = project(chain(['r1', 'r2']))
  const db = new Database(made.dbPath)
  db.exec('CREATE TABLE app (v TEXT)')
  db.close()
  return made
}

describe('sqlite:///…?mode=ro', () => {
  for (const verb of [['upgrade'], ['stamp', 'head']]) {
    test(`${verb[0]} is refused with one line naming the URL, and writes nothing`, async () => {
      const made = withFile()
      const url = `${made.url}?mode=ro`
      const result = await cli(['-d', made.migrations, '--url', url, ...verb])
      assertCleanError(result, { code: 'READ_ONLY_DATABASE' }, `${url} is opened read-only (mode=ro)`)
      assert.deepEqual(tableNames(made.dbPath), ['app'])
    })
  }

  test('current reads it', async () => {
    const made = withFile()
    await cliOk([...made.base, 'upgrade', 'r1'])
    const result = await cliOk(['-d', made.migrations, '--url', `${made.url}?mode=ro&uri=true`, 'current'])
    assert.match(result.stdout, /^r1/m)
  })

  test('a missing file is not made', async () => {
    const made = project(chain(['r1']))
    const result = await cli(['-d', made.migrations, '--url', `${made.url}?mode=ro`, 'current'])
    assertCleanError(result, { code: 'CONNECTION_FAILED' }, `cannot open SQLite database ${made.dbPath}: it does not exist`)
  })

  test('mode=rw opens it read-write', async () => {
    const made = withFile()
    await cliOk(['-d', made.migrations, '--url', `${made.url}?mode=rw`, 'upgrade'])
    assert.deepEqual(versionRows(made.dbPath), ['r2'])
  })
})

describe('any other option of a sqlite:/// URL', () => {
  for (const [query, named] of [
    ['cache=shared', "unknown option 'cache'"],
    ['mode=readonly', "mode must be ro, rw or rwc, not 'readonly'"],
    ['mdoe=ro', "unknown option 'mdoe' (did you mean 'mode'?)"],
  ] as const) {
    test(`?${query} is refused, naming it`, async () => {
      const made = withFile()
      const url = `${made.url}?${query}`
      const result = await cli(['-d', made.migrations, '--url', url, 'upgrade'])
      assertCleanError(result, { code: 'INVALID_URL' }, `SQLite URL ${url}: ${named}`)
      assert.deepEqual(tableNames(made.dbPath), ['app'])
    })
  }
  test('on a file not made yet, the refusal is all that is said: nothing was opened to say where it stands', async () => {
    const made = project(chain(['r1']))
    const url = `${made.url}?cache=shared`
    const result = await cli(['-d', made.migrations, '--url', url, 'upgrade'])
    assertCleanError(result, { code: 'INVALID_URL' }, "unknown option 'cache'")
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr)
  })
})

describe("a Flask or SQLAlchemy project's sqlite:/// URL", () => {
  for (const query of ['timeout=30', 'check_same_thread=false&isolation_level=IMMEDIATE', 'detect_types=1&cached_statements=50']) {
    test(`?${query} (options of Python's sqlite3 driver) migrates as it did`, async () => {
      const made = withFile()
      await cliOk(['-d', made.migrations, '--url', `${made.url}?${query}`, 'upgrade'])
      assert.deepEqual(versionRows(made.dbPath), ['r2'])
    })
  }

  test('sqlite:///file:…?mode=ro&uri=true names the file after file:, read-only', async () => {
    const made = withFile()
    await cliOk([...made.base, 'upgrade', 'r1'])
    const uri = made.url.replace('sqlite:///', 'sqlite:///file:')
    const result = await cliOk(['-d', made.migrations, '--url', `${uri}?mode=ro&uri=true`, 'current'])
    assert.match(result.stdout, /^r1/m)
    const refused = await cli(['-d', made.migrations, '--url', `${uri}?mode=ro&uri=true`, 'upgrade'])
    assertCleanError(refused, { code: 'READ_ONLY_DATABASE' }, 'is opened read-only (mode=ro)')
    assert.deepEqual(versionRows(made.dbPath), ['r1'])
  })
})
