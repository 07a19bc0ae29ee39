import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isAthanorError } from '../../src/core/errors.js'
import { col, index, table } from '../../src/models/index.js'
import { renderModels } from '../../src/models/render.js'

describe('models: invisible columns and indexes, SRIDs', () => {
  const places = table(
    'places',
    { id: col.integer().primaryKey(), spot: col.raw('POINT').notNull().srid(4326), note: col.string(20).invisible() },
    { indexes: [index(['note'], { invisible: true })] },
  )

  it('declares them on the column and the index', () => {
    assert.deepEqual(places.columns.slice(1), [
      { name: 'spot', type: { kind: 'raw', sql: 'POINT' }, nullable: false, srid: { id: 4326 } },
      { name: 'note', type: { kind: 'string', length: 20 }, invisible: true },
    ])
    assert.deepEqual(places.indexes, [{ name: 'ix_places_note', columns: ['note'], invisible: true }])
  })

  it('renders them as pull writes them, the spelling a server reads left out', () => {
    const read = {
      ...places,
      columns: places.columns.map((c) => (c.srid === undefined ? c : { ...c, srid: { ...c.srid, spelling: 'SRID' as const } })),
    }
    const text = renderModels([read])
    assert.match(text, /spot: col\.raw\('POINT'\)\.notNull\(\)\.srid\(4326\),/)
    assert.match(text, /note: col\.string\(20\)\.invisible\(\),/)
    assert.match(text, /index\(\['note'\], \{ name: 'ix_places_note', invisible: true \}\)/)
  })

  it('takes an SRID on a spatial column only, and SRID 0 as none', () => {
    assert.throws(
      () => col.string(20).srid(4326),
      (e) => isAthanorError(e, 'INVALID_MODEL') && e.message === 'an SRID needs a spatial column (GEOMETRY, POINT, …), not string',
    )
    assert.throws(
      () => col.raw('TEXT').srid(4326),
      (e) => isAthanorError(e, 'INVALID_MODEL') && /not TEXT/.test(e.message),
    )
    assert.throws(
      () => col.raw('POINT').srid(-1),
      (e) => isAthanorError(e, 'INVALID_MODEL') && /not -1/.test(e.message),
    )
    assert.deepEqual(col.raw('geometry').srid(4326).srid(0).settings, {})
  })
})
