import { refusedModels } from '../fidelity/refused-models.js'

const MODELS = `import { col, defineModels, routine, sql, table } from 'athanor'

export const counters = table('counters', { id: col.integer().primaryKey() })
export const bump = routine('bump', sql\`CREATE FUNCTION bump(n INT) RETURNS INT DETERMINISTIC RETURN n + 1\`)

export default defineModels(counters, bump)
`

refusedModels(
  'SQLite: models declaring a routine fail at migrate and check, naming it, before anything is written',
  'sqlite',
  MODELS,
  /^error: the models declare function "bump", but sqlite has no stored functions or procedures\n$/,
)
