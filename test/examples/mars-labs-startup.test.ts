// Start-up against the migrations: refuse a database behind head, upgrade
// first when asked (as a Flask-Migrate app calling upgrade() does), or
// start anyway when told to.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { athanor, isRunning, makeWorkDir, removeWorkDir, request, startServer } from './mars-labs-app.js'

describe('MARS-labs start-up', () => {
  const dirs: string[] = []
  const workDir = () => {
    const dir = makeWorkDir()
    dirs.push(dir)
    return dir
  }
  let heads: string

  before(async () => {
    heads = (await athanor(workDir(), 'heads')).stdout.split(' ')[0]!
    assert.match(heads, /^[0-9a-f]{12}$/)
  })

  after(() => dirs.forEach(removeWorkDir))

  it('refuses fresh databases with one line naming them, and exits 1', async () => {
    const result = await startServer(workDir())
    assert.ok(!isRunning(result))
    assert.equal(result.status, 1)
    const lines = result.stderr.trim().split('\n')
    assert.equal(lines.length, 1, result.stderr)
    assert.equal(
      lines[0],
      `error: databases default, db1, db2 are at base, behind head ${heads}: ` +
        "run 'athanor upgrade' or start with --migrate (--allow-outdated starts anyway)",
    )
  })

  it('refuses a database one migration behind, naming the revisions', async () => {
    const dir = workDir()
    assert.equal((await athanor(dir, 'upgrade')).status, 0)
    assert.equal((await athanor(dir, 'downgrade', '--db', 'db1')).status, 0)
    const result = await startServer(dir)
    assert.ok(!isRunning(result))
    assert.equal(result.status, 1)
    assert.match(
      result.stderr,
      new RegExp(`^error: database db1 \\(sqlite:///instance/database1\\.db\\) is at [0-9a-f]{12}, behind head ${heads}:`),
    )
    assert.doesNotMatch(result.stderr, /database default|database db2/)
  })

  for (const [how, args, env] of [
    ['--migrate', ['--migrate'], {}],
    ['MARS_LABS_MIGRATE=1', [], { MARS_LABS_MIGRATE: '1' }],
  ] as const) {
    it(`upgrades every database at start-up with ${how}`, async () => {
      const dir = workDir()
      const server = await startServer(dir, args, env)
      assert.ok(isRunning(server), JSON.stringify(server))
      try {
        assert.equal((await request(`${server.url}/users`)).status, 200)
      } finally {
        await server.stop()
      }
      const current = await athanor(dir, 'current')
      assert.equal(current.stdout.split(heads).length - 1, 3, current.stdout)
    })
  }

  it('starts behind head with --allow-outdated', async () => {
    const dir = workDir()
    assert.equal((await athanor(dir, 'upgrade')).status, 0)
    assert.equal((await athanor(dir, 'downgrade', '--db', 'db2')).status, 0)
    const server = await startServer(dir, ['--allow-outdated'])
    assert.ok(isRunning(server), JSON.stringify(server))
    await server.stop()
  })
})
