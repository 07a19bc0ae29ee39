import { col, table } from 'athanor'

// The `db2` database of MARS-labs (SQLALCHEMY_BINDS['db2']): the dashboard's
// summary per student. Its table is also called "Progress" in the original
// application; the two never meet because they live in different databases.

/** A student's dashboard summary; its id is the student's id. */
export const ProgressSummary = table('Progress', {
  id: col.integer().primaryKey(),
  classes: col.string(50).notNull(),
  assignments: col.string(50).notNull(),
  test: col.string(50).notNull(),
  time_spend: col.string(50).notNull(),
}, { bind: 'db2' })
