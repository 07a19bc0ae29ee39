// The MARS-labs API over real HTTP, served from SQLite databases that the
// example's committed migrations just built.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { athanor, isRunning, makeWorkDir, removeWorkDir, request, startServer, type RunningServer } from './mars-labs-app.js'

describe('MARS-labs API', () => {
  let dir: string
  let server: RunningServer

  before(async () => {
    dir = makeWorkDir()
    const upgraded = await athanor(dir, 'upgrade')
    assert.equal(upgraded.status, 0, upgraded.stderr)
    const started = await startServer(dir)
    assert.ok(isRunning(started), `server did not start: ${JSON.stringify(started)}`)
    server = started
  })

  after(async () => {
    await server?.stop()
    removeWorkDir(dir)
  })

  it('creates, lists and gets users, email included', async () => {
    assert.deepEqual(await request(`${server.url}/users`), { status: 200, body: [] })
    const created = await request(`${server.url}/users`, 'POST', { first_name: 'John', last_name: 'Doe', age: '16' })
    assert.deepEqual(created, { status: 201, body: { id: 1, first_name: 'John', last_name: 'Doe', age: '16', email: null } })
    const jane = { first_name: 'Jane', last_name: 'Smith', age: '17', email: 'jane@example.org' }
    assert.deepEqual((await request(`${server.url}/users`, 'POST', jane)).body, { id: 2, ...jane })
    const listed = await request(`${server.url}/users`)
    assert.deepEqual(
      (listed.body as Array<{ id: number }>).map((u) => u.id),
      [1, 2],
    )
    assert.deepEqual(await request(`${server.url}/users/2`), { status: 200, body: { id: 2, ...jane } })
  })

  it('answers 404 for an unknown user and 400 for a bad one', async () => {
    assert.equal((await request(`${server.url}/users/99`)).status, 404)
    assert.equal((await request(`${server.url}/users/abc`)).status, 400)
    assert.equal((await request(`${server.url}/users`, 'POST', { first_name: 'No', last_name: 'Age' })).status, 400)
    // age is VARCHAR(4) in the schema, as in the original application.
    assert.equal((await request(`${server.url}/users`, 'POST', { first_name: 'A', last_name: 'B', age: '12345' })).status, 400)
    assert.equal((await request(`${server.url}/users/99/progress`)).status, 404)
    assert.equal((await request(`${server.url}/users/99/progress`, 'PUT', { progress_data: {} })).status, 404)
  })

  it('reads and updates progress across db1 (JSON) and db2 (summary)', async () => {
    assert.deepEqual(await request(`${server.url}/users/1/progress`), {
      status: 200,
      body: { user_id: 1, progress_data: null, summary: null },
    })
    const data = { class: 12, subject_progress: { phy: { completed_experiments: ["ohm's law"], completed_quizzes: [] } } }
    const first = await request(`${server.url}/users/1/progress`, 'PUT', { progress_data: data })
    assert.deepEqual(first, { status: 200, body: { user_id: 1, progress_data: data, summary: null } })
    const summary = { classes: '12', assignments: '3/5', test: '82%', time_spend: '14h' }
    const both = await request(`${server.url}/users/1/progress`, 'PUT', { summary })
    assert.deepEqual(both.body, { user_id: 1, progress_data: data, summary })
    const newer = { ...data, class: 13 }
    await request(`${server.url}/users/1/progress`, 'PUT', { progress_data: newer, summary: { ...summary, test: '90%' } })
    assert.deepEqual((await request(`${server.url}/users/1/progress`)).body, {
      user_id: 1,
      progress_data: newer,
      summary: { ...summary, test: '90%' },
    })
    // Another student's progress is their own.
    assert.deepEqual((await request(`${server.url}/users/2/progress`)).body, { user_id: 2, progress_data: null, summary: null })
    assert.equal((await request(`${server.url}/users/1/progress`, 'PUT', {})).status, 400)
  })
})
