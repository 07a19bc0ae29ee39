import { AthanorError } from '../core/errors.js'
import { nodeOf, type GraphData } from './node.js'
import { filterForLineage } from './lookup.js'

/**
 * A position for relative moves: a revision id, `BASE` (walked down past the
 * bases) or `null` (no revision yet: walking up starts from the bases).
 */
export type Position = string | null
export const BASE = 'base'

/**
 * Moves `steps` revisions up (through declared children, narrowed to
 * `label`'s lineage) or down (through declared parents). A fork on the way
 * is an error rather than a guess. Returns undefined when the walk leaves the
 * graph and `noOverwalk` is set; otherwise it stops where it was.
 */
export function walk(g: GraphData, start: Position, steps: number, label: string | null = null, noOverwalk = true): Position | undefined {
  let at: Position = start
  for (let i = 0; i < Math.abs(steps); i++) {
    let options: readonly string[]
    if (steps > 0) {
      const up = at === null || at === BASE ? g.bases : nodeOf(g, at).next
      options = label ? filterForLineage(g, up, label) : up
    } else if (at === BASE) {
      options = []
    } else if (at === null) {
      throw new AthanorError('INVALID_TARGET', 'Cannot walk down from base')
    } else {
      const down = nodeOf(g, at).down
      options = down.length === 0 ? [BASE] : down
    }
    if (options.length === 0) return noOverwalk ? undefined : at
    if (options.length > 1) {
      const from = at === null || at === BASE ? 'base' : at
      throw new AthanorError(
        'AMBIGUOUS_TARGET',
        `Ambiguous relative move from ${from}: it could go to ${options.join(' or ')}; name a revision or use 'label@+N'`,
      )
    }
    at = options[0] as string
  }
  return at
}
