import { refusedModels } from './refused-models.js'

const MODELS = `import { col, defineModels, table } from 'athanor'

export const counters = table('counters', {
  id: col.tinyint().unsigned().primaryKey().autoincrement(),
})

export default defineModels(counters)
`

refusedModels(
  'a model its dialect cannot create fails at migrate and check, naming the table and column',
  'postgresql',
  MODELS,
  /column "id" of table "counters" is UNSIGNED, which only MySQL and MariaDB can create/,
)

refusedModels(
  'two tables whose names differ only in case are refused where the database ignores case',
  'sqlite',
  `import { col, defineModels, table } from 'athanor'
export const lower = table('accounts', { id: col.integer().primaryKey() })
export const upper = table('Accounts', { id: col.integer().primaryKey() })
export default defineModels(lower, upper)
`,
  /the tables "accounts" and "Accounts" differ only in case, which this database ignores: rename one/,
)

refusedModels(
  'two columns whose names differ only in case are refused where the database ignores case',
  'mysql',
  `import { col, defineModels, table } from 'athanor'
export const accounts = table('accounts', { id: col.integer().primaryKey(), code: col.integer(), Code: col.integer() })
export default defineModels(accounts)
`,
  /the columns of table "accounts" "code" and "Code" differ only in case/,
)
