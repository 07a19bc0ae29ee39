// PGlite: PostgreSQL in this process. Its URLs read like SQLite's, its
// values read back as pg's do, and its data directory is held by one
// process at a time, since PGlite itself lets a second one in.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { parseDatabaseUrl } from '../../src/core/database-url.js'
import { isAthanorError } from '../../src/core/errors.js'
import { PGLITE_OPEN_FILE } from '../../src/dialect/postgresql/pglite-directory.js'
import { capabilitiesOf, openConnection } from '../../src/dialect/registry.js'

const work = mkdtempSync(join(tmpdir(), 'athanor-pglite-'))
after(() => rmSync(work, { recursive: true, force: true }))

describe('pglite:// URLs', () => {
  test('in memory, relative and absolute data directories, as SQLite URLs read', () => {
    assert.deepEqual(parseDatabaseUrl('pglite://'), {
      dialect: 'postgresql',
      driver: 'pglite',
      redacted: 'pglite://',
      filename: ':memory:',
      params: {},
    })
    assert.equal(parseDatabaseUrl('pglite:///db/pgdata', '/srv/app').filename, '/srv/app/db/pgdata')
    assert.equal(parseDatabaseUrl('pglite:////var/lib/pgdata').filename, '/var/lib/pgdata')
    assert.equal(parseDatabaseUrl('pglite:///db?schema=billing', '/srv').schema, 'billing')
  })

  test('a URL with a host is refused, naming the forms it takes', () => {
    assert.throws(
      () => parseDatabaseUrl('pglite://localhost/db'),
      (error: unknown) =>
        isAthanorError(error, 'INVALID_URL') &&
        (error as Error).message === 'invalid PGlite URL pglite://localhost/db: use pglite:///relative/dir or pglite:////absolute/dir',
    )
  })

  test('the PostgreSQL dialect, with no second session to read the catalog on', () => {
    assert.equal(capabilitiesOf(parseDatabaseUrl('pglite://')).catalogConnections, 0)
    assert.equal(capabilitiesOf(parseDatabaseUrl('postgresql://u@h/db')).catalogConnections, 2)
    assert.equal(capabilitiesOf(parseDatabaseUrl('pglite://')).transactionalDdl, true)
  })
})

describe('a PGlite connection', () => {
  test('reads values back as the pg driver does', async () => {
    const connection = await openConnection(parseDatabaseUrl('pglite://'))
    try {
      const [row] = await connection.query(
        "SELECT 9007199254740993::int8 AS big, 5::int8 AS small, '2024-02-29'::date AS day, '\\x0102'::bytea AS data, " +
          "'2024-02-29 23:59:58.123'::timestamp AS at, 1.50::numeric(4, 2) AS amount",
      )
      assert.deepEqual(row, {
        big: 9007199254740993n,
        small: 5,
        day: '2024-02-29',
        data: Buffer.from([1, 2]),
        at: new Date(Date.UTC(2024, 1, 29, 23, 59, 58, 123)),
        amount: '1.50',
      })
    } finally {
      await connection.close()
    }
  })

  test('runs several statements in one text, binds parameters and tracks its transaction', async () => {
    const connection = await openConnection(parseDatabaseUrl('pglite://'))
    try {
      await connection.execute({ sql: 'CREATE TABLE t (a int8, at timestamptz); INSERT INTO t VALUES (1, now())' })
      await connection.begin()
      assert.equal(connection.inTransaction, true)
      await connection.execute({ sql: 'INSERT INTO t (a, at) VALUES ($1, $2)', params: [2n, new Date(0)] })
      await connection.rollback()
      assert.equal(connection.inTransaction, false)
      assert.deepEqual(await connection.query('SELECT a FROM t ORDER BY a'), [{ a: 1 }])
      assert.equal(await connection.hasTable('t'), true)
    } finally {
      await connection.close()
    }
  })
})

describe('the template of a fresh in-memory database', () => {
  test('is kept in the cache by the first open, used by the next, and made again when it will not load', async () => {
    const cache = join(work, 'cache')
    const saved = process.env['XDG_CACHE_HOME']
    process.env['XDG_CACHE_HOME'] = cache
    const open = async () => {
      const connection = await openConnection(parseDatabaseUrl('pglite://'))
      try {
        assert.deepEqual(await connection.query('SELECT count(*) AS tables FROM pg_tables WHERE schemaname = $1', ['public']), [
          { tables: 0 },
        ])
      } finally {
        await connection.close()
      }
    }
    try {
      await open()
      const [file] = readdirSync(join(cache, 'athanor')).filter((name) => /^pglite-[0-9a-f]{16}\.tar\.gz$/.test(name))
      assert.ok(file, 'the first fresh database left its template')
      const path = join(cache, 'athanor', file)
      const made = statSync(path).mtimeMs
      await open()
      assert.equal(statSync(path).mtimeMs, made, 'the second open read it and wrote nothing')
      writeFileSync(path, 'not a tarball')
      await open()
      assert.notEqual(readFileSync(path, 'utf8').slice(0, 13), 'not a tarball')
    } finally {
      if (saved === undefined) delete process.env['XDG_CACHE_HOME']
      else process.env['XDG_CACHE_HOME'] = saved
    }
  })
})

describe('PGlite extensions', () => {
  test('?extensions= loads those PGlite ships, so CREATE EXTENSION finds them; without it, it does not', async () => {
    const plain = await openConnection(parseDatabaseUrl('pglite://'))
    try {
      await assert.rejects(plain.execute({ sql: 'CREATE EXTENSION pg_trgm' }), /extension "pg_trgm" is not available/)
    } finally {
      await plain.close()
    }
    const loaded = await openConnection(parseDatabaseUrl('pglite://?extensions=pg_trgm,uuid-ossp'))
    try {
      await loaded.execute({ sql: 'CREATE EXTENSION pg_trgm; CREATE EXTENSION "uuid-ossp"' })
      assert.deepEqual(await loaded.query("SELECT similarity('athanor', 'athanor') AS same"), [{ same: 1 }])
    } finally {
      await loaded.close()
    }
  })

  test('one it does not ship is one line naming it', async () => {
    await assert.rejects(openConnection(parseDatabaseUrl('pglite://?extensions=postgis')), (error: unknown) => {
      assert.ok(isAthanorError(error, 'INVALID_URL'), String(error))
      assert.match(
        (error as Error).message,
        /^PGlite has no extension 'postgis' \(\?extensions= names those in @electric-sql\/pglite\/contrib/,
      )
      return true
    })
  })
})

describe('a PGlite data directory', () => {
  test('keeps what was written across connections, and a second open in this process is refused at once', async () => {
    const url = parseDatabaseUrl(`pglite:///${join(work, 'kept')}`)
    const first = await openConnection(url)
    try {
      await first.execute({ sql: 'CREATE TABLE kept (id int)' })
      await assert.rejects(openConnection(url), (error: unknown) => {
        assert.ok(isAthanorError(error, 'DATABASE_IN_USE'), String(error))
        assert.match((error as Error).message, /this process has it open already/)
        return true
      })
    } finally {
      await first.close()
    }
    assert.equal(existsSync(join(work, 'kept', PGLITE_OPEN_FILE)), false)
    const second = await openConnection(url)
    try {
      assert.equal(await second.hasTable('kept'), true)
    } finally {
      await second.close()
    }
  })

  test('another process holding it makes an open wait, then fail naming that process', async () => {
    const dir = join(work, 'busy')
    const url = parseDatabaseUrl(`pglite:///${dir}?connect_timeout=1`)
    const holder = await openConnection(url)
    await holder.close()
    // A live process that is not this one: a child that sleeps.
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' })
    try {
      writeFileSync(join(dir, PGLITE_OPEN_FILE), `${child.pid}\n${hostname()}\n`)
      await assert.rejects(openConnection(url), (error: unknown) => {
        assert.ok(isAthanorError(error, 'DATABASE_IN_USE'), String(error))
        assert.match((error as Error).message, new RegExp(`process ${child.pid} on .* for longer than the 1 s wait`))
        return true
      })
    } finally {
      child.kill('SIGKILL')
      await new Promise((resolve) => child.once('exit', resolve))
    }
    // Its process gone (kill -9 leaves the file), the directory is taken over.
    const after = await openConnection(url)
    try {
      assert.equal(await after.hasTable('kept'), false)
    } finally {
      await after.close()
    }
  })
})
