import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { assertCleanError, cli } from '../helpers/cli.js'
import { createTestDatabase } from '../helpers/databases.js'
import { writeMigrations } from './fixture.js'

// A password given in a URL must never reach any output: not the error line,
// not the --verbose stack, not the progress lines.
const CANARY = 'Canary-pw_7f3a!'
const migrations = writeMigrations([{ id: 'c1', down: null, upgrade: `  await op.execute('SELECT 1')` }])

/** A local port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

const encoded = encodeURIComponent(CANARY)
const cases = async () => {
  const port = await closedPort()
  return [
    {
      name: 'PostgreSQL, closed port',
      url: `postgresql://root:${encoded}@127.0.0.1:${port}/app`,
      line: `cannot connect to PostgreSQL at 127.0.0.1:${port} as root: connect ECONNREFUSED`,
    },
    {
      name: 'PostgreSQL, wrong database',
      url: `postgresql://postgres:${encoded}@127.0.0.1:5432/athanor_no_such_db`,
      line: 'cannot connect to PostgreSQL at 127.0.0.1:5432 as postgres: database "athanor_no_such_db" does not exist',
    },
    {
      name: 'MariaDB, closed port',
      url: `mariadb://root:${encoded}@127.0.0.1:${port}/app`,
      line: `cannot connect to MySQL/MariaDB at 127.0.0.1:${port} as root: connect ECONNREFUSED`,
    },
    {
      name: 'MariaDB, wrong password',
      url: `mysql://root:${encoded}@127.0.0.1:3306/athanor_no_such_db`,
      line: "cannot connect to MySQL/MariaDB at 127.0.0.1:3306 as root: Access denied for user 'root'@'localhost' (using password: YES)",
    },
  ]
}

describe('a failed connection is one line, and the password never appears', () => {
  test('through --url, DATABASE_URL and the config file, with and without --verbose', async () => {
    for (const { name, url, line } of await cases()) {
      const plain = await cli(['upgrade', '-d', migrations, '--url', url])
      const error = assertCleanError(plain)
      assert.equal(error.replace("'127.0.0.1'", "'localhost'"), `error: ${line}`, name)
      const verbose = await cli(['upgrade', '-d', migrations, '--url', url, '--verbose'])
      const fromEnv = await cli(['current', '-d', migrations, '--verbose'], { DATABASE_URL: url })
      const configured = writeMigrations([])
      writeFileSync(join(configured, 'athanor.config.ts'), `export default { url: ${JSON.stringify(url)} }\n`)
      const fromConfig = await cli(['upgrade', '-d', configured, '--verbose'])
      for (const result of [plain, verbose, fromEnv, fromConfig]) {
        assert.equal(result.status, 1, name)
        const output = result.stdout + result.stderr
        assert.ok(!output.includes(CANARY) && !output.includes(encoded), `${name}: the password leaked:\n${output}`)
      }
      assert.match(verbose.stderr, /\n\s+at /, `${name}: --verbose shows the stack`)
    }
  })
})

describe('a password holding a raw @ never appears on a working connection', () => {
  // PostgreSQL on 127.0.0.1 trusts the test user, so any password connects
  // and the redacted URL is printed in headers and JSON.
  test('current -v, current --json, and history --applied on PostgreSQL', async () => {
    const db = await createTestDatabase('postgresql')
    try {
      const url = new URL(db.url)
      const withPassword = db.url.replace(`//${url.username}@`, `//${url.username}:p@${CANARY}@`)
      assert.notEqual(withPassword, db.url)
      const project = writeMigrations([{ id: 'a1', down: null, upgrade: `  await op.execute('SELECT 1')` }])
      for (const args of [
        ['upgrade', 'head', '--verbose'],
        ['current', '-v'],
        ['current', '--json', '--verbose'],
        ['history', '--applied', '--json'],
        ['history', '--applied', '--verbose'],
      ]) {
        const result = await cli([...args, '-d', project, '--url', withPassword])
        assert.equal(result.status, 0, result.stderr)
        const output = result.stdout + result.stderr
        assert.ok(!output.includes(CANARY), `${args.join(' ')}: the password leaked:\n${output}`)
      }
      const verbose = await cli(['current', '-v', '-d', project, '--url', withPassword])
      assert.match(verbose.stdout, /Current revision\(s\) for postgresql:\/\/postgres:\*\*\*@127\.0\.0\.1:5432\//)
    } finally {
      await db.drop()
    }
  })
})
