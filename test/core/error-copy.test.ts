import assert from 'node:assert/strict'
import { inspect, types } from 'node:util'
import { describe, test } from 'node:test'
import { MigrationFailedError, SqlError } from '../../src/core/error-classes.js'
import { redactCause, redactError, rewordError } from '../../src/core/error-copy.js'
import { AthanorError, isAthanorError } from '../../src/core/errors.js'

const SECRET = 'S3cret-canary'
const scrub = (text: string) => text.split(SECRET).join('***')

/** Every text an error shows: String(), stack, the cause chain, and inspect. */
function everything(error: unknown): string {
  const parts = [String(error), inspect(error, { depth: 10 })]
  for (let at: unknown = error, depth = 0; at !== undefined && depth < 20; at = (at as { cause?: unknown }).cause, depth++) {
    if (at instanceof Error) parts.push(at.message, at.stack ?? '')
    else parts.push(String(at))
  }
  return parts.join('\n')
}

/** A driver's error: its message names the secret, it holds its client, and wraps a lower error. */
function driverError(): Error {
  const low = new Error(`socket closed for postgresql://u:${SECRET}@db/app`)
  const error = Object.assign(new Error(`password ${SECRET} rejected`, { cause: low }), {
    code: '28P01',
    detail: { user: 'u', password: SECRET },
    client: new (class Client {
      password = SECRET
    })(),
    callback: () => SECRET,
  })
  return error
}

describe('redactError', () => {
  test('blanks the secret in message, stack, fields and the cause chain; drops what the driver held', () => {
    const original = driverError()
    assert.ok(everything(original).includes(SECRET))
    const safe = redactError(original, scrub)
    assert.notEqual(safe, original)
    assert.ok(!everything(safe).includes(SECRET), everything(safe))
    assert.equal(safe.message, 'password *** rejected')
    assert.ok(safe.stack?.startsWith('Error: password *** rejected\n    at '))
    assert.equal((safe as Error & { code: string }).code, '28P01')
    assert.deepEqual((safe as Error & { detail: unknown }).detail, { user: 'u', password: '***' })
    assert.equal('client' in safe, false)
    assert.equal('callback' in safe, false)
    assert.ok(safe.cause instanceof Error)
    assert.equal((safe.cause as Error).message, 'socket closed for postgresql://u:***@db/app')
    assert.ok(types.isNativeError(safe))
    // The original is left as it was.
    assert.ok(original.message.includes(SECRET))
  })

  test('keeps the class, code, fields and brand of an athanor error', () => {
    const inner = new SqlError(`syntax error near ${SECRET} (in: SELECT ${SECRET})`, { sql: `SELECT ${SECRET}` }, { cause: driverError() })
    const error = new MigrationFailedError(
      `upgrade of revision ae10 failed: ${inner.message}`,
      { code: inner.code, revision: 'ae10', direction: 'upgrade', file: 'v/ae10.ts', sql: inner.sql },
      { cause: inner },
    )
    const safe = redactError(error, scrub)
    assert.ok(safe instanceof MigrationFailedError && safe instanceof AthanorError)
    assert.ok(isAthanorError(safe, 'SQL_FAILED'))
    assert.equal(safe.revision, 'ae10')
    assert.equal(safe.file, 'v/ae10.ts')
    assert.equal(safe.sql, 'SELECT ***')
    assert.ok(safe.cause instanceof SqlError)
    assert.equal((safe.cause as SqlError).sql, 'SELECT ***')
    assert.ok(!everything(safe).includes(SECRET), everything(safe))
  })

  test('an error with nothing to hide is returned as it is', () => {
    const error = new AthanorError('LOCK_TIMEOUT', 'busy', { cause: new Error('also fine') })
    assert.equal(redactError(error, scrub), error)
  })

  test('AggregateError: every error in it is redacted; a cycle in the causes ends', () => {
    const looped = new Error(`first ${SECRET}`)
    ;(looped as { cause?: unknown }).cause = looped
    const error = new AggregateError([looped, new Error(`second ${SECRET}`)], 'connect failed')
    const safe = redactError(error, scrub)
    assert.ok(safe instanceof AggregateError)
    assert.deepEqual(
      safe.errors.map((e: Error) => e.message),
      ['first ***', 'second ***'],
    )
    assert.equal(safe.errors[0].cause, safe.errors[0])
    assert.ok(!inspect(safe, { depth: 10 }).includes(SECRET))
  })
})

describe('redactCause', () => {
  test('an error is copied, a string scrubbed, anything else left out', () => {
    assert.equal((redactCause(new Error(SECRET), scrub) as Error).message, '***')
    assert.equal(redactCause(`x ${SECRET}`, scrub), 'x ***')
    assert.equal(redactCause({ password: SECRET }, scrub), undefined)
    assert.equal(redactCause(undefined, scrub), undefined)
  })
})

describe('rewordError', () => {
  test('a new message on the same class and fields, the original as the cause', () => {
    const error = new MigrationFailedError('upgrade of revision ae10 failed: boom', {
      revision: 'ae10',
      direction: 'upgrade',
      file: 'v/ae10.ts',
    })
    const named = rewordError(error, `database db2: ${error.message}`)
    assert.ok(named instanceof MigrationFailedError && named instanceof AthanorError)
    assert.equal(named.code, 'MIGRATION_FAILED')
    assert.equal(named.revision, 'ae10')
    assert.equal(named.message, 'database db2: upgrade of revision ae10 failed: boom')
    assert.equal(named.cause, error)
    assert.equal(String(named), 'AthanorError: database db2: upgrade of revision ae10 failed: boom')
    assert.ok(named.stack?.startsWith('AthanorError: database db2: upgrade of revision ae10 failed: boom\n    at '))
    assert.equal(named.stack?.split('\n').slice(1).join('\n'), error.stack?.split('\n').slice(1).join('\n'))
  })
})
