import assert from 'node:assert/strict'
import { once } from 'node:events'
import { createServer, Socket, type AddressInfo } from 'node:net'
import { test } from 'node:test'
import { isAthanorError } from '../../src/core/errors.js'
import { LostSession } from '../../src/dialect/connection-loss.js'
import { InFlight } from '../../src/dialect/in-flight.js'
import { mysqlSessionEnd } from '../../src/dialect/mysql/session-end.js'
import { postgresSessionEnd } from '../../src/dialect/postgresql/session-end.js'

// How a driver's errors read once the server ended the session; the live
// cases (pg_terminate_backend, KILL) are in test/runtime/connection-lost.test.ts.

const TARGET = { server: 'PostgreSQL', host: 'db', port: 5432, user: 'app', password: 'hunter2' }

test("statements on a socket the server closed add no 'connect' listener to it", async () => {
  const server = createServer((peer) => peer.destroy())
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const socket = new Socket()
  socket.connect((server.address() as AddressInfo).port, '127.0.0.1')
  await once(socket, 'close')
  server.close()
  const inFlight = new InFlight(socket)
  for (let call = 0; call < 12; call++) await inFlight.track(Promise.reject(new Error('closed'))).catch(() => undefined)
  assert.equal(socket.listenerCount('connect'), 0)
})

test('the first error that shows the session over is the one every later call gets', () => {
  const socket = { destroyed: false }
  const session = new LostSession(TARGET, postgresSessionEnd, socket)
  const syntax = Object.assign(new Error('syntax error at or near "SELEC"'), { severity: 'ERROR', code: '42601' })
  assert.equal(session.failure(syntax), syntax, "a statement's own error is left as it is")
  assert.equal(session.lost, undefined)
  const killed = Object.assign(new Error('terminating connection due to administrator command'), { severity: 'FATAL', code: '57P01' })
  const lost = session.failure(killed)
  assert.ok(isAthanorError(lost, 'CONNECTION_LOST'))
  assert.equal(
    lost.message,
    'the connection to PostgreSQL at db:5432 was closed by the server: terminating connection due to administrator command',
  )
  assert.equal(lost.cause instanceof Error && lost.cause.message, killed.message)
  socket.destroyed = true
  assert.equal(session.failure(new Error('Client has encountered a connection error and is not queryable')), lost)
  session.noticed(new Error('Connection terminated unexpectedly'))
  assert.equal(session.lost, lost)
})

test('an error after which the socket is closed ends the session, whatever the driver calls it', () => {
  const session = new LostSession(TARGET, postgresSessionEnd, { destroyed: true })
  const lost = session.failure(new Error("Can't write to hunter2's socket"))
  assert.ok(isAthanorError(lost, 'CONNECTION_LOST'))
  assert.equal(lost.message, "the connection to PostgreSQL at db:5432 was lost: Can't write to ***'s socket")
})

test("an 'error' event while idle ends the session, and the next call hears why", () => {
  const session = new LostSession({ ...TARGET, server: 'MySQL/MariaDB', port: 3306 }, mysqlSessionEnd, { destroyed: false })
  session.noticed(
    Object.assign(new Error('Connection lost: The server closed the connection.'), { code: 'PROTOCOL_CONNECTION_LOST', fatal: true }),
  )
  assert.equal(
    session.lost?.message,
    'the connection to MySQL/MariaDB at db:3306 was closed by the server or a proxy, which gave no reason',
  )
})

test("each driver's reading of its errors", () => {
  const error = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), fields)
  assert.deepEqual(postgresSessionEnd(error('read ECONNRESET', { code: 'ECONNRESET', syscall: 'read' })), {
    how: 'cut',
    reason: 'read ECONNRESET',
  })
  assert.deepEqual(postgresSessionEnd(error('Connection terminated unexpectedly', {})), { how: 'closed' })
  assert.equal(postgresSessionEnd(error('canceling statement due to user request', { severity: 'ERROR', code: '57014' })), undefined)
  assert.deepEqual(mysqlSessionEnd(error('Connection was killed', { errno: 1927, fatal: true })), {
    how: 'ended',
    reason: 'Connection was killed',
  })
  assert.deepEqual(mysqlSessionEnd(error("Can't add new command when connection is in closed state", { fatal: true })), {
    how: 'cut',
    reason: "Can't add new command when connection is in closed state",
  })
  assert.equal(mysqlSessionEnd(error('Query execution was interrupted', { errno: 1317 })), undefined)
})
