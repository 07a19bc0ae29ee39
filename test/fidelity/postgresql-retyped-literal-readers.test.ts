// A column moved to another type under a check, a partial index or an
// expression index that reads it failed at upgrade: PostgreSQL parses them
// again for the new type and stops where the old one was kept ("operator
// does not exist: task_status = status" for an enum swapped for another with
// the same labels, "function length(integer) does not exist" for text moved
// to integer). athanor took every named type for one family and left the
// enum's readers in place. They are now dropped before the change and made
// again after it, both ways; a plain index on the column and a check that
// does not read it are left alone.
import assert from 'node:assert/strict'
import { describeStages } from './stages.js'

/** The models with the column `st` of the enum type `enumName` and `qty` of `qtyType`. */
const stage = (enumName: string, qtyType: string): string =>
  [
    "import { check, col, defineModels, index, pgEnum, table } from 'athanor'",
    `export const st = pgEnum('${enumName}', ['new', 'done'])`,
    "export const tasks = table('tasks', {",
    '  id: col.integer().primaryKey(),',
    '  st: st.column().notNull(),',
    `  qty: col.${qtyType}(),`,
    '}, {',
    '  checks: [',
    `    check('ck_st', "st <> 'new' OR id > 0"),`,
    "    check('ck_qty', 'length(qty::text) < 9'),",
    "    check('ck_id', 'id > 0'),",
    '  ],',
    '  indexes: [',
    `    index(['id'], { name: 'ix_done', where: "st = 'done'" }),`,
    `    index(["(st = 'new')"], { name: 'ix_st_new', expressions: true }),`,
    "    index(['st'], { name: 'ix_st' }),",
    '  ],',
    '})',
    'export default defineModels(st, tasks)',
  ].join('\n')

const ROWS = [
  { id: 1, st: 'new', qty: '3' },
  { id: 2, st: 'done', qty: '7' },
]

describeStages(
  'postgresql: checks, partial and expression indexes comparing a retyped column with a literal',
  [stage('status', 'text'), stage('task_status', 'integer')],
  "INSERT INTO tasks VALUES (1, 'new', 3), (2, 'done', 7)",
  async (db, scripts) => {
    assert.deepEqual(await db.query('SELECT id, st::text AS st, qty::text AS qty FROM tasks ORDER BY id'), ROWS)
    const types = await db.query(
      'SELECT attname, format_type(atttypid, atttypmod) AS type FROM pg_attribute ' +
        "WHERE attrelid = 'tasks'::regclass AND attname IN ('st', 'qty') ORDER BY attname",
    )
    assert.deepEqual(types, [
      { attname: 'qty', type: 'integer' },
      { attname: 'st', type: 'task_status' },
    ])
    const swap = scripts.find((script) => script.includes("createEnum('task_status'"))
    assert.ok(swap, 'the script of the swap')
    const upgrade = swap.slice(swap.indexOf('upgrade('), swap.indexOf('downgrade('))
    for (const name of ['ix_done', 'ix_st_new', 'ck_st', 'ck_qty']) assert.match(upgrade, new RegExp(`'${name}'`), `${name} made again`)
    // ALTER TYPE rebuilds a plain index itself, and a check that reads another column is no business of the change.
    for (const name of ['ix_st', 'ck_id']) assert.doesNotMatch(swap, new RegExp(`'${name}'`), `${name} left alone`)
    await assert.rejects(db.query("INSERT INTO tasks VALUES (3, 'done', 123456789)"), /ck_qty/)
  },
  async (db) => {
    assert.deepEqual(await db.query('SELECT id, st::text AS st, qty::text AS qty FROM tasks ORDER BY id'), ROWS)
  },
)
