import assert from 'node:assert/strict'
import type { TestDatabase } from '../helpers/databases.js'
import { describeStages } from './stages.js'

const MEASUREMENT = [
  "export const measurement = table('measurement', {",
  '  city_id: col.integer().notNull(),',
  '  logdate: col.date().notNull(),',
  '  peaktemp: col.integer(),',
  "}, { primaryKey: { columns: ['city_id', 'logdate'] }, indexes: [index(['peaktemp'])], postgresql: { partitionBy: 'RANGE (logdate)' } })",
  "export const february = partition('measurement_y2006m02', measurement, sql`FOR VALUES FROM ('2006-02-01') TO ('2006-03-01')`)",
  "export const rest = partition('measurement_rest', measurement, 'DEFAULT')",
]

/** The manual's measurement table, evolved: a partition added, one given new bounds, one removed. */
const STAGES: readonly string[] = [
  [
    ...MEASUREMENT,
    "export const march = partition('measurement_y2006m03', measurement, sql`FOR VALUES FROM ('2006-03-01') TO ('2006-04-01')`)",
    'export default defineModels(measurement, february, march, rest)',
  ],
  [
    ...MEASUREMENT,
    "export const march = partition('measurement_y2006m03', measurement, sql`FOR VALUES FROM ('2006-03-01') TO ('2006-03-20')`)",
    "export const april = partition('measurement_y2006m04', measurement, sql`FOR VALUES FROM ('2006-04-01') TO ('2006-05-01')`)",
    'export default defineModels(measurement, february, march, april, rest)',
  ],
  [
    ...MEASUREMENT,
    "export const march = partition('measurement_y2006m03', measurement, sql`FOR VALUES FROM ('2006-03-01') TO ('2006-03-20')`)",
    'export default defineModels(measurement, february, march, rest)',
  ],
].map((lines) => ["import { col, defineModels, index, partition, sql, table } from 'athanor'", ...lines, ''].join('\n'))

const ROWS = "INSERT INTO measurement VALUES (1, '2006-02-10', 20), (1, '2006-03-10', 25), (2, '2006-03-11', 18), (2, '2007-01-01', 5)"

/** Which partition holds each row. */
const placement = (db: TestDatabase) =>
  db.query('SELECT tableoid::regclass::text AS part, city_id, logdate::text AS day FROM measurement ORDER BY 2, 3')

describeStages(
  'postgresql: partitions evolve: added, given new bounds and removed, rows kept',
  STAGES,
  ROWS,
  async (db, scripts) => {
    assert.ok(scripts.some((s) => s.includes("await op.changePartitionBounds('measurement_y2006m03', 'measurement', ")))
    // The index is declared once, on the partitioned table; PostgreSQL gives each partition its copy.
    assert.ok(scripts.every((s) => !s.includes('measurement_y2006m02_peaktemp_idx')))
    assert.deepEqual(await placement(db), [
      { part: 'measurement_y2006m02', city_id: 1, day: '2006-02-10' },
      { part: 'measurement_y2006m03', city_id: 1, day: '2006-03-10' },
      { part: 'measurement_y2006m03', city_id: 2, day: '2006-03-11' },
      { part: 'measurement_rest', city_id: 2, day: '2007-01-01' },
    ])
  },
  async (db) => assert.equal((await placement(db)).length, 4),
)
