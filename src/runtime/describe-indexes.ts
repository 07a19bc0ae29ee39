import type { InvalidIndex } from '../dialect/invalid-indexes.js'

/**
 * `index "public"."ix" on table items`, for messages.
 *
 * @example
 * describeIndexes([{ schema: 'public', table: 'items', name: 'ix', qualifiedName: '"public"."ix"' }])
 * // 'index "public"."ix" on table items'
 */
export function describeIndexes(indexes: readonly InvalidIndex[]): string {
  const each = indexes.map((index) => `${index.qualifiedName} on table ${index.table}`)
  return `${indexes.length === 1 ? 'index' : 'indexes'} ${each.join(', ')}`
}
