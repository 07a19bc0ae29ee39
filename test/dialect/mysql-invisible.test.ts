import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { isAthanorError } from '../../src/core/errors.js'
import { dialects } from '../../src/dialect/registry.js'
import { mysqlCompiler as c } from '../../src/dialect/mysql/compiler.js'
import { invisibleIndexCondition } from '../../src/dialect/mysql/introspect-sql.js'
import type { Operation } from '../../src/ops/operation.js'
import type { Column, Table } from '../../src/schema/types.js'
import { sqlOf } from './helpers.js'
import { refuseUncreatableModels } from '../../src/runtime/creatable-models.js'
import { col, table } from '../../src/models/index.js'

const MARIADB_IGNORED = '/*M!100600 IGNORED*/ /*!80000 INVISIBLE*/'
const spot: Column = { name: 'spot', type: { kind: 'raw', sql: 'POINT' }, nullable: false, srid: { id: 4326 } }
const places: Table = {
  name: 'places',
  columns: [
    { name: 'id', type: { kind: 'integer' }, primaryKey: true },
    spot,
    { name: 'note', type: { kind: 'string', length: 20 }, invisible: true },
  ],
  indexes: [
    { name: 'ix_places_note', columns: ['note'], invisible: true },
    { name: 'ix_places_lower_note', columns: ['lower(note)'], expressions: true, invisible: true },
  ],
}

describe('mysql: invisible columns and indexes, spatial reference systems', () => {
  test('CREATE TABLE writes the SRID in both servers’ words, INVISIBLE, and an ignored index inline or after', () => {
    assert.deepEqual(sqlOf(c, { kind: 'create_table', table: places }), [
      [
        'CREATE TABLE `places` (',
        '  `id` INT NOT NULL,',
        '  `spot` POINT /*M!100201 REF_SYSTEM_ID=4326*/ /*!80003 SRID 4326*/ NOT NULL,',
        '  `note` VARCHAR(20) INVISIBLE,',
        '  PRIMARY KEY (`id`),',
        `  INDEX \`ix_places_note\` (\`note\`) ${MARIADB_IGNORED}`,
        ') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4',
      ].join('\n'),
      `CREATE INDEX \`ix_places_lower_note\` ON \`places\` ((lower(note))) ${MARIADB_IGNORED}`,
    ])
  })

  test('an SRID read from a server keeps that server’s spelling', () => {
    const at = (spelling: 'SRID' | 'REF_SYSTEM_ID') =>
      sqlOf(c, { kind: 'add_column', table: 'places', column: { ...spot, srid: { id: 3857, spelling } } })[0]
    assert.match(String(at('SRID')), /`spot` POINT SRID 3857 NOT NULL/)
    assert.match(String(at('REF_SYSTEM_ID')), /`spot` POINT REF_SYSTEM_ID=3857 NOT NULL/)
  })

  test('an index made invisible or visible is altered in place', () => {
    assert.deepEqual(sqlOf(c, { kind: 'alter_index', table: 'places', name: 'ix_places_note', invisible: true }), [
      `ALTER TABLE \`places\` ALTER INDEX \`ix_places_note\` ${MARIADB_IGNORED}`,
    ])
    assert.deepEqual(sqlOf(c, { kind: 'alter_index', table: 'places', name: 'ix_places_note', invisible: false }), [
      'ALTER TABLE `places` ALTER INDEX `ix_places_note` /*M!100600 NOT IGNORED*/ /*!80000 VISIBLE*/',
    ])
  })

  test('a column made invisible, visible, or given another SRID is restated with MODIFY', () => {
    const note: Column = { name: 'note', type: { kind: 'string', length: 20 } }
    const alter = (changes: Extract<Operation, { kind: 'alter_column' }>['changes'], existing: Column) =>
      sqlOf(c, { kind: 'alter_column', table: 'places', column: existing.name, changes, existing })
    assert.deepEqual(alter({ invisible: true }, note), ['ALTER TABLE `places` MODIFY COLUMN `note` VARCHAR(20) NULL INVISIBLE'])
    assert.deepEqual(alter({ invisible: false }, { ...note, invisible: true }), [
      'ALTER TABLE `places` MODIFY COLUMN `note` VARCHAR(20) NULL',
    ])
    const read: Column = { ...spot, srid: { id: 4326, spelling: 'REF_SYSTEM_ID' } }
    assert.deepEqual(alter({ srid: { id: 3857, spelling: 'REF_SYSTEM_ID' } }, read), [
      'ALTER TABLE `places` MODIFY COLUMN `spot` POINT REF_SYSTEM_ID=3857 NOT NULL',
    ])
    assert.deepEqual(alter({ srid: null }, read), ['ALTER TABLE `places` MODIFY COLUMN `spot` POINT NOT NULL'])
  })

  test('the catalog is asked in the words of the server it is', () => {
    assert.equal(invisibleIndexCondition('10.11.19-MariaDB-0+deb12u1'), "IGNORED = 'YES'")
    assert.equal(invisibleIndexCondition('10.5.27-MariaDB'), 'FALSE')
    assert.equal(invisibleIndexCondition('8.0.36'), "IS_VISIBLE = 'NO'")
    assert.equal(invisibleIndexCondition('5.7.44-log'), 'FALSE')
  })
})

for (const dialect of ['postgresql', 'sqlite'] as const) {
  describe(`${dialect}: what only MySQL and MariaDB have`, () => {
    const compiler = dialects[dialect].compiler
    test('an invisible index is a plain one, as other MySQL-only index options are', () => {
      const [created] = sqlOf(compiler, { kind: 'create_index', table: 't', index: { name: 'ix', columns: ['a'], invisible: true } })
      assert.equal(created, 'CREATE INDEX "ix" ON "t" ("a")')
    })

    test('making an index invisible is refused, naming the index and its table', () => {
      assert.throws(
        () => sqlOf(compiler, { kind: 'alter_index', table: 'places', name: 'ix_places_note', invisible: true }),
        (e) => isAthanorError(e, 'UNSUPPORTED_OPERATION') && /"ix_places_note" on table "places"/.test(e.message),
      )
    })

    test('migrate and check refuse models with an invisible column, naming it and its table', () => {
      const models = [table('places', { id: col.integer().primaryKey(), note: col.text().invisible() })]
      assert.throws(
        () => refuseUncreatableModels(models, compiler),
        (e) => isAthanorError(e, 'UNSUPPORTED_COLUMN') && /column "note" of table "places" is INVISIBLE/.test(e.message),
      )
    })

    test('an invisible column or an SRID is refused, naming the column and its table', () => {
      const { indexes: _indexes, ...table } = places
      const only = (column: Column): Table => ({ ...table, columns: [column] })
      assert.throws(
        () => sqlOf(compiler, { kind: 'create_table', table: only({ name: 'note', type: { kind: 'text' }, invisible: true }) }),
        (e) =>
          isAthanorError(e, 'UNSUPPORTED_COLUMN') &&
          e.message === 'column "note" of table "places" is INVISIBLE, which only MySQL and MariaDB can create',
      )
      assert.throws(
        () => sqlOf(compiler, { kind: 'create_table', table: only({ ...spot, type: { kind: 'raw', sql: 'TEXT' } }) }),
        (e) => isAthanorError(e, 'UNSUPPORTED_COLUMN') && /column "spot" of table "places" is of SRID 4326/.test(e.message),
      )
      assert.throws(
        () =>
          sqlOf(compiler, {
            kind: 'alter_column',
            table: 'places',
            column: 'note',
            changes: { invisible: true },
            existing: { name: 'note', type: { kind: 'text' } },
          }),
        (e) => isAthanorError(e, 'UNSUPPORTED_COLUMN') && /column "note" of table "places" is INVISIBLE/.test(e.message),
      )
    })
  })
}
