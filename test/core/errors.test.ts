import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { constants } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, test } from 'node:test'
import {
  AmbiguousRevisionError,
  AthanorError,
  ConnectionError,
  ERROR_CODES,
  errorCodeInfo,
  isAthanorError,
  LockTimeoutError,
  MigrationFailedError,
  MultipleHeadsError,
  RevisionNotFoundError,
  SqlError,
  UnresolvedMigrationError,
  type ErrorCode,
} from '../../src/index.js'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const TABLE_FILE = join('src', 'core', 'errors.ts')

/**
 * An exhaustive switch over ErrorCode, as an API user writes one: when a
 * code is added to ERROR_CODES, this stops compiling until it has a case.
 */
function handled(code: ErrorCode): true {
  switch (code) {
    case 'ALEMBIC_SCRIPT_UNREADABLE':
    case 'AMBIGUOUS_CURRENT':
    case 'AMBIGUOUS_REVISION':
    case 'AMBIGUOUS_TARGET':
    case 'CANNOT_CONTINUE':
    case 'CANNOT_CREATE_DIRECTORY':
    case 'CANNOT_RESOLVE':
    case 'CONFIG_NOT_FOUND':
    case 'CONNECTION_FAILED':
    case 'CONNECTION_LOST':
    case 'CYCLE':
    case 'DATABASE_ERROR':
    case 'DATABASE_IN_USE':
    case 'DDL_LOCK_TIMEOUT':
    case 'DIRECTORY_NOT_EMPTY':
    case 'DRIVER_NOT_INSTALLED':
    case 'DUPLICATE_BRANCH_LABEL':
    case 'DUPLICATE_HEAD':
    case 'DUPLICATE_REVISION':
    case 'EDITED_MIGRATION':
    case 'FOREIGN_KEY_VIOLATION':
    case 'GALERA_RSU':
    case 'IDENTIFIER_TOO_LONG':
    case 'INTERRUPTED':
    case 'INVALID_ARGUMENT':
    case 'INVALID_AUTOINCREMENT':
    case 'INVALID_BRANCH_LABEL':
    case 'INVALID_CONFIG':
    case 'INVALID_CONSTRAINT':
    case 'INVALID_HISTORY_TABLE':
    case 'INVALID_IDENTIFIER':
    case 'INVALID_INDEX':
    case 'INVALID_LOCK_TIMEOUT':
    case 'INVALID_MODEL':
    case 'INVALID_MODELS':
    case 'INVALID_OPTION':
    case 'INVALID_RANGE':
    case 'INVALID_REVISION_ID':
    case 'INVALID_TABLE':
    case 'INVALID_TABLE_OPTION':
    case 'INVALID_TARGET':
    case 'INVALID_TENANT':
    case 'INVALID_TYPE':
    case 'INVALID_URL':
    case 'INVALID_VERSION_TABLE':
    case 'INVALID_X_ARGUMENT':
    case 'IRREVERSIBLE_OPERATION':
    case 'LINT_FAILED':
    case 'LOCK_LOST':
    case 'LOCK_TIMEOUT':
    case 'MERGE_NEEDS_REVISIONS':
    case 'MIGRATION_FAILED':
    case 'MIGRATION_INCOMPLETE':
    case 'MISSING_ARGUMENT':
    case 'MISSING_DOWN_REVISION':
    case 'MISSING_OPTION_VALUE':
    case 'MISSING_TYPE':
    case 'MODELS_NOT_FOUND':
    case 'MULTIDB_NEEDS_DB':
    case 'MULTIPLE_HEADS':
    case 'MYSQL_CONSTRAINT_TYPE_REQUIRED':
    case 'MYSQL_EXISTING_COLUMN_REQUIRED':
    case 'MYSQL_VARCHAR_LENGTH_REQUIRED':
    case 'NEVER_SETTLED':
    case 'NON_TRANSACTIONAL_IN_SINGLE_MODE':
    case 'NOTHING_TO_RESOLVE':
    case 'NOT_A_DIRECTORY':
    case 'NOT_A_HEAD':
    case 'NOT_A_SQLITE_DATABASE':
    case 'NOT_MULTIDB':
    case 'NOT_UP_TO_DATE':
    case 'NO_ALEMBIC_SCRIPTS':
    case 'NO_DATABASE_URL':
    case 'NO_MIGRATIONS_FOLDER':
    case 'NO_MODELS':
    case 'NO_TENANTS':
    case 'NO_VERSIONS_FOLDER':
    case 'OFFLINE_QUERY':
    case 'OFFLINE_RANGE_REQUIRED':
    case 'POSSIBLE_RENAME':
    case 'READ_ONLY_DATABASE':
    case 'RENAME_NOT_MATCHED':
    case 'REVISION_NOT_FOUND':
    case 'REVISION_NOT_IN_BRANCH':
    case 'RUNNER_STILL_RUNNING':
    case 'SCHEMA_NOT_FOUND':
    case 'SCRATCH_DATABASE_FAILED':
    case 'SCRATCH_NOT_EMPTY':
    case 'SCRIPTS_CHANGED':
    case 'SCRIPT_BAD_EXPORT':
    case 'SCRIPT_EXISTS':
    case 'SCRIPT_IMPORT':
    case 'SCRIPT_LOAD':
    case 'SCRIPT_MISSING_EXPORT':
    case 'SCRIPT_SYNTAX':
    case 'SCRIPT_UNREADABLE':
    case 'SHADOW_REPLAY_FAILED':
    case 'SHADOW_URL_REQUIRED':
    case 'SHARED_VERSION_TABLE':
    case 'SQLITE_ALTER_UNSUPPORTED':
    case 'SQLITE_AMBIGUOUS_CONSTRAINT':
    case 'SQLITE_DUPLICATE_COLUMN':
    case 'SQLITE_DUPLICATE_CONSTRAINT':
    case 'SQLITE_NO_SUCH_COLUMN':
    case 'SQLITE_NO_SUCH_CONSTRAINT':
    case 'SQLITE_NO_SUCH_INDEX':
    case 'SQLITE_NO_SUCH_TABLE':
    case 'SQLITE_OFFLINE_REBUILD':
    case 'SQLITE_REBUILD_FAILED':
    case 'SQLITE_REBUILD_UNSUPPORTED':
    case 'SQLITE_UNPARSEABLE_TABLE':
    case 'SQL_FAILED':
    case 'STATEMENT_TIMEOUT':
    case 'STEP_TIMEOUT':
    case 'TEMPLATE_NOT_FOUND':
    case 'TEMPLATE_UNKNOWN_FIELD':
    case 'TENANTS_FAILED':
    case 'TERMINATED':
    case 'TRANSACTION_CONTROL':
    case 'TRANSACTION_STATE_CHANGED':
    case 'TYPE_IN_USE':
    case 'UNCERTAIN_STATEMENT':
    case 'UNEXPECTED_ARGUMENT':
    case 'UNEXPECTED_OPTION_VALUE':
    case 'UNKNOWN_COMMAND':
    case 'UNKNOWN_DATABASE':
    case 'UNKNOWN_DATABASE_REVISION':
    case 'UNKNOWN_OPTION':
    case 'UNKNOWN_VERSION_PATH':
    case 'UNPORTED_MIGRATION':
    case 'UNREACHABLE_TARGET':
    case 'UNRESOLVED_MIGRATION':
    case 'UNSUPPORTED_COLUMN':
    case 'UNSUPPORTED_DIALECT':
    case 'UNSUPPORTED_FEATURE':
    case 'UNSUPPORTED_LITERAL':
    case 'UNSUPPORTED_OPERATION':
    case 'VERSION_PATH_REQUIRED':
    case 'VERSION_ROWS_MISMATCH':
    case 'VERSION_TABLE_CHANGED':
    case 'VERSION_TABLE_CONFLICT':
    case 'WRITE_FAILED':
      return true
    default: {
      const unhandled: never = code
      return unhandled
    }
  }
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name)
      return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : []
    })
}

/** Every code literal src hands to an error, with where. */
function codesInSource(): Map<string, string[]> {
  const patterns = [
    /AthanorError\(\s*'([A-Z0-9_]+)'/g, // new AthanorError('X', ...)
    /super\(\s*'([A-Z0-9_]+)'/g, // a subclass passing its code
    /isAthanorError\([^,()]+,\s*'([A-Z0-9_]+)'/g,
    /\bcode\??:\s*'([A-Z0-9_]+)'/g, // { code: 'X' } given to a subclass
    /\bcode\s*=\s*[^\n]*?'([A-Z0-9_]+)'/g, // const code = ... : 'X'
    /\.code\s*===\s*'([A-Z0-9_]+)'/g,
  ]
  const found = new Map<string, string[]>()
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    const where = relative(ROOT, file)
    if (where === TABLE_FILE) continue
    const text = readFileSync(file, 'utf8')
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) found.set(match[1]!, [...(found.get(match[1]!) ?? []), where])
    }
  }
  return found
}

/** Error codes of the databases and of Node that src compares with, not athanor's own. */
const FOREIGN_CODES = new Set([
  'SQLITE_BUSY',
  'SQLITE_FULL',
  'SQLITE_NOTADB',
  '55P03',
  '57014',
  'ERR_MODULE_NOT_FOUND',
  'MODULE_NOT_FOUND',
  'EACCES',
  'ENOENT',
  'EPIPE',
  'EEXIST',
  'EPERM',
  'PROTOCOL_CONNECTION_LOST',
])

/** The codes of a run stopped by a signal, with the status a process killed by that signal has. */
const BY_SIGNAL: Readonly<Record<string, number>> = {
  INTERRUPTED: 128 + constants.signals.SIGINT,
  TERMINATED: 128 + constants.signals.SIGTERM,
}

describe('the error-code table', () => {
  test('every code has an exit status and a one-line description', () => {
    const codes = Object.keys(ERROR_CODES) as ErrorCode[]
    assert.ok(codes.length >= 90, `only ${codes.length} codes`)
    for (const code of codes) {
      assert.equal(handled(code), true)
      const info = ERROR_CODES[code]
      const inRange = info.exit >= 1 && (info.exit <= 125 || Object.hasOwn(BY_SIGNAL, code))
      assert.ok(Number.isInteger(info.exit) && inRange, `${code}: exit ${info.exit}`)
      assert.ok(info.description.trim().length > 0, `${code}: empty description`)
      assert.equal(info.description, info.description.trim(), `${code}: description has surrounding blanks`)
      assert.ok(!/[\n\r]/.test(info.description), `${code}: description is not one line`)
      assert.match(code, /^[A-Z][A-Z0-9_]*$/)
      assert.equal(errorCodeInfo(code), info)
    }
    assert.equal(errorCodeInfo('NOT_A_CODE'), undefined)
    assert.equal(errorCodeInfo('toString'), undefined)
  })

  test('usage errors exit 2, a run a signal stopped 128 + its number, every other error 1', () => {
    const usage = new Set([
      'INVALID_OPTION',
      'INVALID_X_ARGUMENT',
      'MERGE_NEEDS_REVISIONS',
      'MISSING_ARGUMENT',
      'MISSING_OPTION_VALUE',
      'UNEXPECTED_ARGUMENT',
      'UNEXPECTED_OPTION_VALUE',
      'UNKNOWN_COMMAND',
      'UNKNOWN_OPTION',
    ])
    for (const [code, info] of Object.entries(ERROR_CODES)) assert.equal(info.exit, usage.has(code) ? 2 : (BY_SIGNAL[code] ?? 1), code)
  })

  test('every code src uses is in the table, and every code in the table is used', () => {
    const used = codesInSource()
    const known = new Set<string>(Object.keys(ERROR_CODES))
    const unknown = [...used.entries()].filter(([code]) => !known.has(code) && !FOREIGN_CODES.has(code))
    assert.deepEqual(unknown, [], 'codes used in src but missing from ERROR_CODES')
    const unused = [...known].filter((code) => !used.has(code))
    assert.deepEqual(unused, [], 'codes in ERROR_CODES that src never raises')
    // The patterns above must keep finding the throw sites.
    assert.ok(used.size >= 90, `only ${used.size} codes found in src`)
  })

  test('a code with its own class is only raised through the class', () => {
    const own: readonly ErrorCode[] = [
      'MULTIPLE_HEADS',
      'REVISION_NOT_FOUND',
      'AMBIGUOUS_REVISION',
      'LOCK_TIMEOUT',
      'UNRESOLVED_MIGRATION',
      'CONNECTION_FAILED',
      'SQL_FAILED',
      'MIGRATION_FAILED',
      'MIGRATION_INCOMPLETE',
    ]
    for (const file of sourceFiles(join(ROOT, 'src'))) {
      const text = readFileSync(file, 'utf8')
      for (const code of own) {
        assert.ok(
          !new RegExp(`new AthanorError\\(\\s*'${code}'`).test(text),
          `${relative(ROOT, file)} raises ${code} as a plain AthanorError`,
        )
      }
    }
  })

  test('a code outside the table does not compile', () => {
    // @ts-expect-error 'NO_SUCH_CODE' is not an ErrorCode
    const error = new AthanorError('NO_SUCH_CODE', 'x')
    assert.equal(error.code, 'NO_SUCH_CODE')
    // @ts-expect-error neither in isAthanorError
    assert.equal(isAthanorError(error, 'NO_SUCH_CODE'), true)
  })
})

describe('the README lists the table', () => {
  test('the same codes, in the same order, with the same exit statuses and meanings', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
    const start = readme.indexOf('\n## Error codes\n')
    assert.ok(start >= 0, 'README has no "## Error codes" section')
    const end = readme.indexOf('\n## ', start + 1)
    const section = readme.slice(start, end < 0 ? undefined : end)
    const header = section.indexOf('| code | exit status | meaning |')
    assert.ok(header >= 0, 'the section has no | code | exit status | meaning | table')
    const rows = section
      .slice(header)
      .split('\n')
      .slice(2)
      .filter((line) => line.startsWith('|'))
      .map((line) => {
        const cells = line
          .split('|')
          .slice(1, -1)
          .map((cell) => cell.trim())
        assert.equal(cells.length, 3, `README row: ${line}`)
        return { code: cells[0]!.replace(/^`|`$/g, ''), exit: Number(cells[1]), description: cells[2]! }
      })
    const table = Object.entries(ERROR_CODES).map(([code, info]) => ({ code, exit: info.exit, description: info.description }))
    assert.deepEqual(rows, table)
  })
})

describe('the error classes', () => {
  const made = [
    new MultipleHeadsError('m', { heads: ['a1', 'b2'] }),
    new RevisionNotFoundError('m', { revision: 'ae10' }),
    new AmbiguousRevisionError('m', { revision: 'ae10', candidates: ['ae1027', 'ae10b8'] }),
    new LockTimeoutError('m', { scope: 'sqlite:///app.db', timeoutMs: 50 }),
    new MigrationFailedError('m', { revision: 'ae10', direction: 'upgrade', file: 'v/ae10.ts' }),
    new UnresolvedMigrationError('m', { revision: 'ae10' }),
    new ConnectionError('m', { server: 'PostgreSQL', host: 'db', port: 5432, user: 'app' }),
    new SqlError('m', { sql: 'SELECT 1' }),
  ]

  test('each is an AthanorError with its code, named AthanorError as before', () => {
    const codes = made.map((error) => error.code)
    assert.deepEqual(codes, [
      'MULTIPLE_HEADS',
      'REVISION_NOT_FOUND',
      'AMBIGUOUS_REVISION',
      'LOCK_TIMEOUT',
      'MIGRATION_FAILED',
      'UNRESOLVED_MIGRATION',
      'CONNECTION_FAILED',
      'SQL_FAILED',
    ])
    for (const error of made) {
      assert.ok(error instanceof AthanorError && error instanceof Error)
      assert.ok(isAthanorError(error, error.code))
      assert.equal(error.name, 'AthanorError')
      assert.equal(String(error), 'AthanorError: m')
    }
  })

  test('instanceof a class is the prototype check; instanceof AthanorError is the brand', () => {
    const classes = [
      MultipleHeadsError,
      RevisionNotFoundError,
      AmbiguousRevisionError,
      LockTimeoutError,
      MigrationFailedError,
      UnresolvedMigrationError,
      ConnectionError,
      SqlError,
    ]
    made.forEach((error, index) => {
      classes.forEach((cls, other) => {
        assert.equal(error instanceof cls, index === other, `${cls.name}`)
      })
    })
    assert.equal(new AthanorError('REVISION_NOT_FOUND', 'm') instanceof RevisionNotFoundError, false)
    // An error of another copy of athanor: branded, but of other classes.
    const foreign = Object.assign(new Error('m'), { code: 'REVISION_NOT_FOUND', [Symbol.for('athanor.error')]: true })
    assert.equal(foreign instanceof AthanorError, true)
    assert.equal(foreign instanceof RevisionNotFoundError, false)
    assert.equal({} instanceof AthanorError, false)
  })

  test('the data is readonly fields', () => {
    const [heads, , ambiguous, lock, failed, , connection, sql] = made as [
      MultipleHeadsError,
      RevisionNotFoundError,
      AmbiguousRevisionError,
      LockTimeoutError,
      MigrationFailedError,
      UnresolvedMigrationError,
      ConnectionError,
      SqlError,
    ]
    assert.deepEqual(heads.heads, ['a1', 'b2'])
    assert.ok(Object.isFrozen(heads.heads) && Object.isFrozen(ambiguous.candidates))
    assert.deepEqual(ambiguous.candidates, ['ae1027', 'ae10b8'])
    assert.equal(lock.holder, undefined)
    assert.equal(lock.timeoutMs, 50)
    assert.deepEqual(
      [failed.revision, failed.direction, failed.file, failed.statementIndex, failed.sql],
      ['ae10', 'upgrade', 'v/ae10.ts', undefined, undefined],
    )
    assert.deepEqual([connection.host, connection.port, connection.user, connection.file], ['db', 5432, 'app', undefined])
    assert.equal(sql.sql, 'SELECT 1')
    const assign = () => {
      // @ts-expect-error the fields are readonly
      heads.heads = []
    }
    assert.equal(typeof assign, 'function')
  })

  test('MigrationFailedError keeps the code of the error inside', () => {
    const inner = new SqlError('no such table: x (in: SELECT * FROM x)', { sql: 'SELECT * FROM x' })
    const error = new MigrationFailedError(
      'upgrade of revision ae10 failed',
      { code: inner.code, revision: 'ae10', direction: 'upgrade', sql: inner.sql },
      { cause: inner },
    )
    assert.equal(error.code, 'SQL_FAILED')
    assert.equal(error.cause, inner)
  })
})
