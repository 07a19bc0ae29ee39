// The kept catalog of --offline is JSON: the values drivers give that JSON
// cannot hold must come back as they were, and anything else must be refused
// rather than come back changed.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { decodeValue, encodeValue, UnencodableValue } from '../../src/runtime/catalog-codec.js'

const roundTrip = (value: unknown) => decodeValue(JSON.parse(JSON.stringify(encodeValue(value))))

test('catalog rows come back as the drivers gave them', () => {
  const row = {
    name: 'order_no',
    max: 2n ** 63n - 1n,
    increment: 1,
    cycle: false,
    comment: null,
    made: new Date('2026-12-04T10:00:00.123Z'),
    bytes: Buffer.from([0, 1, 254, 255]),
    labels: ['sad', 'ok', ['nested']],
    options: { '~': 'looks like a tag', fillfactor: 70 },
    nothing: Number.NaN,
  }
  assert.deepEqual(roundTrip([row]), [row])
})

test('a value of another kind is refused, and a tag no run wrote is not read', () => {
  assert.throws(() => encodeValue({ when: new (class Moment {})() }), UnencodableValue)
  assert.throws(() => decodeValue({ '~': 'nonsense' }), /not an encoded catalog value/)
})
