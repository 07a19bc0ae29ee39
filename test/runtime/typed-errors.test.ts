import assert from 'node:assert/strict'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import {
  AmbiguousRevisionError,
  ConnectionError,
  isAthanorError,
  LockTimeoutError,
  MigrationFailedError,
  MultipleHeadsError,
  revision,
  RevisionNotFoundError,
  show,
  SqlError,
  UnresolvedMigrationError,
  upgrade,
} from '../../src/index.js'
import { pollForLock } from '../../src/dialect/lock-polling.js'
import { chain, scriptFileName, type RevisionDef, temporaryProjects } from '../helpers/project.js'
import { failure } from '../helpers/errors.js'

// The errors a caller acts on arrive through the API as their classes, with
// the data as fields, the same code and the same message as always.

const project = temporaryProjects()

const BRANCHED: RevisionDef[] = [
  { id: 'aaaa00000001', down: null },
  { id: 'cccc00000003', down: 'aaaa00000001' },
  { id: 'dddd00000004', down: 'aaaa00000001' },
]

describe('errors through the API carry their data', () => {
  test('several heads: MultipleHeadsError with the heads', async () => {
    const made = project(BRANCHED)
    const options = { directory: made.migrations, url: made.url }
    const error = await failure(() => upgrade(options, 'head'))
    assert.ok(error instanceof MultipleHeadsError, String(error))
    assert.equal(error.code, 'MULTIPLE_HEADS')
    assert.deepEqual([...error.heads].sort(), ['cccc00000003', 'dddd00000004'])
    assert.match(error.message, /^Multiple heads for 'head': /)
    const fromRevision = await failure(() => revision({ directory: made.migrations, message: 'more' }))
    assert.ok(fromRevision instanceof MultipleHeadsError, String(fromRevision))
    assert.deepEqual([...fromRevision.heads].sort(), ['cccc00000003', 'dddd00000004'])
    assert.ok(isAthanorError(fromRevision.cause, 'MULTIPLE_HEADS'))
  })

  test('unknown and ambiguous revisions name what was asked and what matched', async () => {
    const made = project(chain(['ae1027a6acf0', 'ae10b8d31c22']))
    const missing = await failure(() => show({ directory: made.migrations }, 'ffff9999'))
    assert.ok(missing instanceof RevisionNotFoundError, String(missing))
    assert.equal(missing.revision, 'ffff9999')
    const ambiguous = await failure(() => show({ directory: made.migrations }, 'ae10'))
    assert.ok(ambiguous instanceof AmbiguousRevisionError, String(ambiguous))
    assert.equal(ambiguous.revision, 'ae10')
    assert.deepEqual([...ambiguous.candidates].sort(), ['ae1027a6acf0', 'ae10b8d31c22'])
  })

  test('a failing statement: MigrationFailedError (code SQL_FAILED) with revision, file and SQL, the SqlError as cause', async () => {
    const made = project([{ id: 'f1', down: null, upgrade: "  await op.execute('INSERT INTO nowhere VALUES (1)')" }])
    const error = await failure(() => upgrade({ directory: made.migrations, url: made.url }, 'head'))
    assert.ok(error instanceof MigrationFailedError, String(error))
    assert.equal(error.code, 'SQL_FAILED')
    assert.deepEqual(
      [error.revision, error.direction, error.file, error.statementIndex],
      ['f1', 'upgrade', join(made.versions, scriptFileName({ id: 'f1' })), undefined],
    )
    assert.equal(error.sql, 'INSERT INTO nowhere VALUES (1)')
    assert.ok(error.cause instanceof SqlError)
    assert.equal(error.cause.sql, 'INSERT INTO nowhere VALUES (1)')
    assert.ok(error.cause.cause instanceof Error, 'the driver error is kept')
  })

  test('a step stopped outside a transaction: MIGRATION_INCOMPLETE with the statement, then UnresolvedMigrationError', async () => {
    const made = project([
      { id: 'a1', down: null },
      {
        id: 'b2',
        down: 'a1',
        upgrade: [
          "  await op.execute('CREATE TABLE half (id INTEGER)')",
          "  await op.execute('INSERT INTO missing_table VALUES (1)')",
        ].join('\n'),
        extra: 'export const transactional = false',
      },
    ])
    const options = { directory: made.migrations, url: made.url }
    const error = await failure(() => upgrade(options, 'head'))
    assert.ok(error instanceof MigrationFailedError, String(error))
    assert.equal(error.code, 'MIGRATION_INCOMPLETE')
    assert.deepEqual([error.revision, error.statementIndex, error.sql], ['b2', 2, 'INSERT INTO missing_table VALUES (1)'])
    assert.match(error.message, /failed at statement 2 of the migration/)
    const blocked = await failure(() => upgrade(options, 'head'))
    assert.ok(blocked instanceof UnresolvedMigrationError, String(blocked))
    assert.equal(blocked.revision, 'b2')
  })

  test('a lock that stays busy: LockTimeoutError with scope and timeout', async () => {
    const error = await failure(() => pollForLock(async () => false, { scope: 'sqlite:///app.db', timeoutMs: 30 }))
    assert.ok(error instanceof LockTimeoutError, String(error))
    assert.deepEqual([error.code, error.scope, error.timeoutMs, error.holder], ['LOCK_TIMEOUT', 'sqlite:///app.db', 30, undefined])
  })

  test('a SQLite file that cannot be opened: ConnectionError with the file and the cause', async () => {
    const made = project([{ id: 'a1', down: null }])
    // In a folder that does not exist. (A folder itself is NOT_A_SQLITE_DATABASE: test/cli/sqlite-file.test.ts.)
    const file = join(made.root, 'no-such-folder', 'app.db')
    const error = await failure(() => upgrade({ directory: made.migrations, url: `sqlite:///${file}` }, 'head'))
    assert.ok(error instanceof ConnectionError, String(error))
    assert.deepEqual([error.server, error.file, error.host], ['SQLite', file, undefined])
    assert.ok(error.cause instanceof Error)
  })
})
