/**
 * The part of `athanor` a models file imports: the light entry (src/light.ts)
 * and the schema DSL (`col`, `table`, `view`, `pgEnum`, …). A models file
 * whose every import from `athanor` is here is pointed at this entry (see
 * relocate in script/direct-import.ts) rather than at the whole library,
 * whose hundred modules `check`, `migrate` and `pull` do not all need and
 * took a tenth of a 500-table `check` to load. Built as an entry of the same
 * bundle as the library and the CLI, so these are the library's own functions
 * and classes, not copies.
 *
 * @example
 * import { col, defineModels, table } from 'athanor' // in models.ts: loads this entry only
 * export default defineModels(table('users', { id: col.integer().primaryKey() }))
 */
export * from './light.js'
export {
  check,
  col,
  ColumnBuilder,
  defineModels,
  extension,
  foreignKey,
  index,
  partition,
  pgComposite,
  pgDomain,
  pgEnum,
  pgRange,
  policy,
  routine,
  sequence,
  table,
  trigger,
  unique,
  view,
} from './models/index.js'
