import assert from 'node:assert/strict'
import { once } from 'node:events'
import { createServer, type Socket, connect } from 'node:net'
import { test } from 'node:test'
import { TurnWrites } from '../../src/dialect/postgresql/turn-writes.js'

/** A connected pair of real TCP sockets on the loopback, and what the server side received. */
async function socketPair(): Promise<{ client: Socket; received: () => string; close: () => Promise<void> }> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address() as { port: number }
  const accepted = once(server, 'connection')
  const client = connect(address.port, '127.0.0.1')
  await once(client, 'connect')
  const [peer] = (await accepted) as [Socket]
  let text = ''
  peer.on('data', (chunk: Buffer) => {
    text += chunk.toString()
  })
  return {
    client,
    received: () => text,
    close: async () => {
      client.destroy()
      peer.destroy()
      server.close()
      await once(server, 'close')
    },
  }
}

/** Counts the socket's calls into its handle: one per system call's worth of data. */
function countWrites(socket: Socket): { single: number; gathered: number[] } {
  const counts = { single: 0, gathered: [] as number[] }
  const target = socket as unknown as { _write: (...args: unknown[]) => void; _writev: (chunks: unknown[], cb: unknown) => void }
  const write = target._write.bind(socket)
  const writev = target._writev.bind(socket)
  target._write = (...args: unknown[]) => {
    counts.single++
    write(...args)
  }
  target._writev = (chunks: unknown[], cb: unknown) => {
    counts.gathered.push(chunks.length)
    writev(chunks, cb)
  }
  return counts
}

test('postgresql: the writes of one turn leave the socket together, and each later turn is released on its own', async () => {
  const { client, received, close } = await socketPair()
  try {
    const writes = new TurnWrites(client)
    const counts = countWrites(client)
    for (const part of ['BEGIN;', 'CREATE TABLE t ();', 'COMMIT;']) {
      writes.hold()
      client.write(part)
    }
    assert.deepEqual(counts, { single: 0, gathered: [] }, 'held until the turn ends')
    await new Promise((resolve) => process.nextTick(resolve))
    assert.deepEqual(counts, { single: 0, gathered: [3] })
    // A later turn that waits for nothing in between is still released: nothing stays held.
    writes.hold()
    client.write('SELECT 1;')
    await new Promise((resolve) => setImmediate(resolve))
    assert.deepEqual(counts, { single: 1, gathered: [3] })
    const expected = 'BEGIN;CREATE TABLE t ();COMMIT;SELECT 1;'
    for (let tries = 0; received() !== expected && tries < 200; tries++) await new Promise((resolve) => setTimeout(resolve, 5))
    assert.equal(received(), expected)
  } finally {
    await close()
  }
})
