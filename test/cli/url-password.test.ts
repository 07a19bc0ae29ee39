import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { parseDatabaseUrl, redactUrl } from '../../src/core/database-url.js'
import { assertCleanError, cli } from '../helpers/cli.js'
import { writeMigrations } from '../dialect-live/fixture.js'

// A password holding a raw '@' (`u:p@ss@host`) is user u, password p@ss to
// WHATWG and to the drivers; the redaction must hide all of it, not stop at
// the first '@' and print the rest.
const CANARY = 'Qz7Canary'

describe('redactUrl hides the whole password', () => {
  test('raw @, /, ?, : and %40 in the password; @ in the query left alone', () => {
    assert.equal(redactUrl(`postgresql://u:p@${CANARY}@host/db`), 'postgresql://u:***@host/db')
    assert.equal(redactUrl(`mysql://u:p@${CANARY}@host:notaport/db`), 'mysql://u:***@host:notaport/db')
    assert.equal(redactUrl(`postgresql://u:a/${CANARY}@host:5432/db`), 'postgresql://u:***@host:5432/db')
    assert.equal(redactUrl(`postgresql://u:a?${CANARY}@host/db`), 'postgresql://u:***@host/db')
    assert.equal(redactUrl(`postgresql://u:a:${CANARY}@host`), 'postgresql://u:***@host')
    assert.equal(redactUrl(`postgresql://u:p%40${CANARY}@host/db`), 'postgresql://u:***@host/db')
    assert.equal(redactUrl(`postgresql://u:${CANARY}@host/db?application_name=a@b`), 'postgresql://u:***@host/db?application_name=a@b')
    assert.equal(redactUrl('postgresql://u@host/db'), 'postgresql://u@host/db')
  })

  test('an invalid URL whose password holds a raw @ fails without printing any of it', async () => {
    const migrations = writeMigrations([])
    const url = `mysql://u:p@${CANARY}@host:notaport/db`
    for (const args of [
      ['upgrade', 'head'],
      ['upgrade', 'head', '--verbose'],
      ['current', '-v'],
      ['upgrade', 'head', '--sql'],
    ]) {
      const fromFlag = await cli([...args, '-d', migrations, '--url', url])
      const fromEnv = await cli([...args, '-d', migrations], { DATABASE_URL: url })
      for (const result of [fromFlag, fromEnv]) {
        assert.equal(result.status, 1)
        const output = result.stdout + result.stderr
        assert.ok(!output.includes(CANARY), `${args.join(' ')}: the password leaked:\n${output}`)
        assert.match(output, /invalid database URL mysql:\/\/u:\*\*\*@host:/)
        // Only the password is blanked, not every letter it shares with the rest.
        assert.match(output, /@host:notaport\/db/)
      }
    }
    assertCleanError(await cli(['upgrade', 'head', '-d', migrations, '--url', url]), 'invalid database URL')
  })

  test('an invalid SQLite URL does not print a password in the thrown error', () => {
    assert.throws(
      () => parseDatabaseUrl(`sqlite://u:${CANARY}@x`),
      (error: Error) => {
        assert.ok(!error.message.includes(CANARY), error.message)
        assert.match(error.message, /invalid SQLite URL sqlite:\/\/u:\*\*\*@x/)
        return true
      },
    )
  })
})

describe('a credential anywhere in what athanor prints or writes is redacted', () => {
  test('a URL given where none is expected: a positional, or an unknown option', async () => {
    const migrations = writeMigrations([])
    for (const args of [
      ['current', `postgresql://u:${CANARY}@h/db`],
      ['current', `--uri=postgresql://u:${CANARY}@h/db`],
      ['history', `mysql://root:p@${CANARY}@h/db`],
    ]) {
      const result = await cli([...args, '-d', migrations])
      assert.equal(result.status, 2, 'a usage error')
      assert.ok(!(result.stdout + result.stderr).includes(CANARY), `${args.join(' ')} leaked:\n${result.stderr}`)
      assert.match(result.stderr, /:\*\*\*@h/)
    }
  })

  test('sslpassword and other credential parameters, raw or percent-encoded', () => {
    for (const url of [
      `postgresql://u@h/db?sslpassword=${CANARY}`,
      `postgresql://u@h/db?sslmode=require&SSLPASSWORD=${CANARY}`,
      `postgresql://u@h/db?ssl%70assword=${CANARY}`,
      `mysql://u@h/db?password=${CANARY}&ssl=true`,
    ]) {
      assert.ok(!redactUrl(url).includes(CANARY), redactUrl(url))
      assert.ok(!parseDatabaseUrl(url).redacted.includes(CANARY))
    }
    assert.equal(
      redactUrl('postgresql://u@h/db?sslmode=require&application_name=app'),
      'postgresql://u@h/db?sslmode=require&application_name=app',
    )
  })

  test('init --url leaves the password out of the config it writes, and names the variable to set', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const root = mkdtempSync(join(tmpdir(), 'athanor-init-secret-'))
    for (const extra of [[], ['--multidb']]) {
      const directory = join(root, `m${extra.length}`)
      const result = await cli(['init', directory, ...extra, '--url', `postgresql://u:${CANARY}@h/db?sslpassword=${CANARY}`])
      assert.equal(result.status, 0, result.stderr)
      const config = readFileSync(join(directory, 'athanor.config.ts'), 'utf8')
      assert.ok(!config.includes(CANARY), config)
      assert.match(config, /set DATABASE_URL to/)
      assert.match(config, /postgresql:\/\/u:\*\*\*@h\/db\?sslpassword=\*\*\*/)
    }
    const plain = join(root, 'plain')
    assert.equal((await cli(['init', plain, '--url', 'postgresql://u@h/db'])).status, 0)
    assert.match(readFileSync(join(plain, 'athanor.config.ts'), 'utf8'), /url: 'postgresql:\/\/u@h\/db'/)
  })
})
