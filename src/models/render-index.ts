import { quote, renderData } from '../ops/render-value.js'
import type { Index } from '../schema/types.js'

const list = (items: readonly string[]) => `[${items.map(quote).join(', ')}]`

/** An index's per-key options (`order`, `nulls`, `opclass`), each an object keyed by column. */
function keyOptions(index: Index): string[] {
  return (['order', 'nulls', 'opclass'] as const).flatMap((option) => {
    const values = index[option]
    return values === undefined ? [] : [`${option}: ${renderData(values, { names: new Set() })}`]
  })
}

/**
 * A pulled index as the `index(...)` call of a table's (or a materialized
 * view's) options, with its name and every option it has.
 *
 * @example
 * renderIndex({ name: 'ix_users_email', columns: ['email'], unique: true })
 * // "index(['email'], { name: 'ix_users_email', unique: true })"
 */
export function renderIndex(i: Index): string {
  const extra = [
    `name: ${quote(i.name)}`,
    ...(i.unique ? ['unique: true'] : []),
    ...(i.expressions ? ['expressions: true'] : []),
    ...(i.where === undefined ? [] : [`where: ${quote(i.where)}`]),
    ...(i.prefixLengths === undefined ? [] : [`prefixLengths: ${renderData(i.prefixLengths, { names: new Set() })}`]),
    ...(i.using === undefined ? [] : [`using: ${quote(i.using)}`]),
    ...keyOptions(i),
    ...(i.include === undefined ? [] : [`include: ${list(i.include)}`]),
    ...(i.nullsNotDistinct === true ? ['nullsNotDistinct: true'] : []),
    ...(i.storage === undefined ? [] : [`storage: ${renderData(i.storage, { names: new Set() })}`]),
    ...(i.fulltext === true ? ['fulltext: true'] : []),
    ...(i.spatial === true ? ['spatial: true'] : []),
    ...(i.invisible === true ? ['invisible: true'] : []),
  ]
  return `index(${list(i.columns)}, { ${extra.join(', ')} })`
}
