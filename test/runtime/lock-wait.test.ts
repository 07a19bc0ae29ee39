import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { parseLockTimeout } from '../../src/config/lock-timeout.js'
import { isAthanorError } from '../../src/core/errors.js'
import { pollForLock } from '../../src/dialect/lock-polling.js'
import { advisoryLockKey } from '../../src/dialect/postgresql/lock.js'
import { mysqlLockName } from '../../src/dialect/mysql/lock.js'

describe('lock waiting', () => {
  test('a free lock is taken at once and nothing is said', async () => {
    const said: string[] = []
    await pollForLock(async () => true, { scope: 'db', timeoutMs: 1000, onWait: (message) => said.push(message) })
    assert.deepEqual(said, [])
  })

  test('a busy lock is polled until free, and the wait is announced once', async () => {
    const said: string[] = []
    let tries = 0
    await pollForLock(async () => ++tries >= 6, { scope: 'sqlite:///app.db', timeoutMs: 60_000, onWait: (message) => said.push(message) })
    assert.equal(tries, 6)
    assert.deepEqual(said, ['waiting for another athanor run on sqlite:///app.db to finish…'])
  })

  test('a lock that stays busy ends in LOCK_TIMEOUT naming the database and the setting', async () => {
    const said: string[] = []
    await assert.rejects(
      pollForLock(async () => false, { scope: 'postgresql://u:***@h/app', timeoutMs: 50, onWait: (message) => said.push(message) }),
      (error) =>
        isAthanorError(error, 'LOCK_TIMEOUT') &&
        /postgresql:\/\/u:\*\*\*@h\/app/.test(error.message) &&
        /--lock-timeout/.test(error.message),
    )
    assert.equal(said.length, 1)
  })
})

describe('lock timeout setting', () => {
  test('numbers are seconds; strings may carry ms, s or m', () => {
    assert.equal(parseLockTimeout(90), 90_000)
    assert.equal(parseLockTimeout(0.5), 500)
    assert.equal(parseLockTimeout('30'), 30_000)
    assert.equal(parseLockTimeout('2m'), 120_000)
    assert.equal(parseLockTimeout('250ms'), 250)
    assert.equal(parseLockTimeout('0'), 0)
  })

  test('anything else is refused with a message naming the setting', () => {
    for (const bad of [-1, Number.NaN, 'soon', '5h', '']) {
      assert.throws(
        () => parseLockTimeout(bad),
        (error) => isAthanorError(error, 'INVALID_LOCK_TIMEOUT') && /lockTimeout/.test(error.message),
      )
    }
  })
})

describe('lock names are scoped', () => {
  test('the PostgreSQL key depends on schema and version table, and fits a signed bigint', () => {
    const key = advisoryLockKey('public', 'athanor_version')
    assert.equal(key, advisoryLockKey('public', 'athanor_version'))
    assert.notEqual(key, advisoryLockKey('tenant_a', 'athanor_version'))
    assert.notEqual(key, advisoryLockKey('public', 'alembic_version'))
    const value = BigInt(key)
    assert.ok(value >= -(2n ** 63n) && value < 2n ** 63n)
  })

  test('the MySQL name depends on database and version table and stays under 64 characters', () => {
    const name = mysqlLockName('app', 'athanor_version')
    assert.match(name, /^athanor_[0-9a-f]{40}$/)
    assert.notEqual(name, mysqlLockName('other', 'athanor_version'))
    assert.notEqual(name, mysqlLockName('app', 'alembic_version'))
  })
})
