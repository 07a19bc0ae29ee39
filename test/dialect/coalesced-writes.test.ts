import assert from 'node:assert/strict'
import { once } from 'node:events'
import { createServer, Socket, type AddressInfo } from 'node:net'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { test } from 'node:test'
import { writesHeldForTurn } from '../../src/dialect/postgresql/coalesced-writes.js'

// pg writes each protocol message on its own; the PostgreSQL driver holds
// a turn's writes back so that they leave together. Checked on a real
// socket: held once however many statements the turn sends, let go at the
// next turn, and every byte arrives in order.
test('a turn of writes is held once, let go at the next turn, and arrives whole', async () => {
  const received: Buffer[] = []
  const server = createServer((peer) => peer.on('data', (chunk: Buffer) => received.push(chunk)))
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const socket = new Socket()
  socket.connect((server.address() as AddressInfo).port, '127.0.0.1')
  await once(socket, 'connect')
  try {
    const hold = writesHeldForTurn(socket)
    for (const part of ['parse;', 'bind;', 'describe;', 'execute;', 'sync;']) {
      hold()
      socket.write(part)
    }
    assert.equal(socket.writableCorked, 1, 'held once for the whole turn')
    assert.equal(socket.writableLength, 'parse;bind;describe;execute;sync;'.length, 'nothing left yet')
    await nextTurn()
    assert.equal(socket.writableCorked, 0, 'let go at the next turn')
    // A later turn is held again, on its own.
    hold()
    socket.write('query;')
    assert.equal(socket.writableCorked, 1)
    await nextTurn()
    assert.equal(socket.writableCorked, 0)
    while (Buffer.concat(received).length < 'parse;bind;describe;execute;sync;query;'.length) await nextTurn()
    assert.equal(Buffer.concat(received).toString(), 'parse;bind;describe;execute;sync;query;')
  } finally {
    socket.destroy()
    server.close()
  }
})
