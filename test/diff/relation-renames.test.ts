// PostgreSQL's partitions are tables, named as tables are: a dropped and
// an added partition of one parent may be a rename, which `--rename-table` (or the terminal's answer) makes
// one, and which is otherwise only ever a possible rename, never a guess.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { cliRenames } from '../../src/cli/renames.js'
import { diffHooksFor } from '../../src/dialect/registry.js'
import { autogenerate } from '../../src/diff/autogenerate.js'
import { describePossibleRename, possibleRenames } from '../../src/diff/possible-renames.js'
import type { RenameResolver } from '../../src/diff/options.js'
import type { Partition } from '../../src/schema/partitioning.js'
import { noSchemaObjects, type SchemaObjects } from '../../src/schema/pg-objects.js'
import type { Table } from '../../src/schema/types.js'

const hooks = diffHooksFor('postgresql')
const objects = (o: Partial<SchemaObjects>): SchemaObjects => ({ ...noSchemaObjects, ...o })
const parent = (name: string): Table => ({
  name,
  columns: [{ name: 'd', type: { kind: 'date' }, nullable: false }],
  postgresql: { partitionBy: 'RANGE (d)' },
})
const y2020 = "FOR VALUES FROM ('2020-01-01') TO ('2021-01-01')"
const part = (name: string, of = 'm', bounds = y2020): Partition => ({ name, parent: of, bounds })

describe('partitions renamed', () => {
  const tables = [parent('m'), parent('n')]
  const diff = (was: Partition[], now: Partition[], renames?: RenameResolver) =>
    autogenerate(tables, tables, {
      hooks,
      ...(renames === undefined ? {} : { renames }),
      objects: { current: objects({ partitions: was }), target: objects({ partitions: now }), home: 'public' },
    })

  test('a dropped and an added partition of one parent are a possible rename naming --rename-table', async () => {
    const ops = await diff([part('m_2020')], [part('m_y2020'), part('n_2020', 'n')])
    const [possible, ...more] = possibleRenames(ops)
    assert.deepEqual(more, [])
    assert.deepEqual(possible, {
      kind: 'partition',
      table: 'm',
      dropped: ['m_2020'],
      added: ['m_y2020'],
      flag: '--rename-table m_2020:m_y2020',
    })
    assert.equal(
      describePossibleRename(possible!),
      'm: partition m_2020 is dropped and m_y2020 added; if it is a rename, run again with --rename-table m_2020:m_y2020',
    )
  })

  test('--rename-table renames it, and new bounds are changed after', async () => {
    const renames = cliRenames(['m_2020:m_y2020'], [])
    assert.deepEqual(await diff([part('m_2020')], [part('m_y2020')], renames), [
      { kind: 'rename_table', table: 'm_2020', newName: 'm_y2020' },
    ])
    assert.deepEqual(renames.unmatched?.(), [])
    const wider = part('m_y2020', 'm', "FOR VALUES FROM ('2020-01-01') TO ('2022-01-01')")
    const kinds = (await diff([part('m_2020')], [wider], cliRenames(['m_2020:m_y2020'], []))).map((op) => op.kind)
    assert.deepEqual(kinds, ['rename_table', 'change_partition_bounds'])
  })

  test('a partition of another parent is no rename: the flag matches nothing', async () => {
    assert.deepEqual(possibleRenames(await diff([part('m_2020')], [part('n_2020', 'n')])), [])
    const renames = cliRenames(['m_2020:n_2020'], [])
    const kinds = (await diff([part('m_2020')], [part('n_2020', 'n')], renames)).map((op) => op.kind)
    assert.deepEqual(kinds, ['drop_partition', 'create_partition'])
    assert.deepEqual(renames.unmatched?.(), ['--rename-table m_2020:n_2020'])
  })

  test('on a terminal, the question names a partition', async () => {
    const asked: string[] = []
    const renames = cliRenames([], [], async (question) => {
      asked.push(question)
      return true
    })
    assert.deepEqual(await diff([part('m_2020')], [part('m_y2020')], renames), [
      { kind: 'rename_table', table: 'm_2020', newName: 'm_y2020' },
    ])
    assert.deepEqual(asked, ['Is partition m_2020 renamed to m_y2020?'])
  })
})
