import { col, table } from 'athanor'

// The `db1` database of MARS-labs (SQLALCHEMY_BINDS['db1']): the students
// and the JSON progress the chat and the dashboard write.

/**
 * A student. `age` stays a string because the original Flask model declared
 * it as `db.String(4)`, and the application's data is kept as it was.
 */
export const User = table('User', {
  id: col.integer().primaryKey(),
  first_name: col.string(50).notNull(),
  last_name: col.string(50).notNull(),
  age: col.string(4).notNull(),
  email: col.string(120),
}, { bind: 'db1' })

/** One progress record of a student: subjects, experiments and quizzes, as JSON. */
export const Progress = table('Progress', {
  id: col.integer().primaryKey(),
  user_id: col.integer().notNull().references('User'),
  progress_data: col.json().notNull(),
}, { bind: 'db1' })
