import { renderData, type RenderImports } from './render-value.js'

/**
 * A trailing options argument, `, { a: 1 }`, or nothing when every value is absent.
 *
 * @example
 * optionsArgument({ schema: undefined, existing: { name: 'x' } }, { names: new Set() }) // ", { existing: { name: 'x' } }"
 */
export function optionsArgument(values: Record<string, unknown>, imports: RenderImports): string {
  const present = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined))
  return Object.keys(present).length === 0 ? '' : `, ${renderData(present, imports)}`
}
