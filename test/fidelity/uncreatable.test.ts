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
