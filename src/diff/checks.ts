import { createHash } from 'node:crypto'
import type { Operation } from '../ops/operation.js'
import { conventionalName } from '../schema/conventional-name.js'
import type { CheckConstraint, Table } from '../schema/types.js'
import type { DiffHooks } from '../dialect/diff-hooks.js'
import { withRenamedColumns } from './columns.js'
import { refOf } from './keys.js'

/**
 * Check constraints that differ. Named ones match by name, and are dropped
 * and added again when their normalised expression (`hooks.checkKey`)
 * changes. An unnamed check of the models is its expression alone: it
 * matches one check of the database with that expression. Where the
 * database keeps a check created without a name unnamed
 * (`hooks.keepsUnnamedConstraints`), it matches an unnamed one, unnamed ones
 * left over are dropped, addressed by their expression, and one the models
 * add stays unnamed. Elsewhere the database named it, so it matches one of
 * any name the models do not give to a check of their own, and one added
 * takes a name from its expression (`ck_<table>_<digest>`), which its
 * downgrade drops it by.
 *
 * @example
 * const before = table('t', { s: col.text() }, { checks: [check(null, "s <> 'z'")] })
 * const after = table('t', { s: col.text() }, { checks: [check(null, "s <> 'y'")] })
 * diffChecks(before, after, diffHooksFor('sqlite'))
 * // { drop: [drop_constraint '' expression "s <> 'z'"], create: [create_check_constraint "s <> 'y'"] }
 */
export function diffChecks(
  current: Table,
  target: Table,
  hooks: DiffHooks,
  renamed: ReadonlyMap<string, string> = new Map(),
): { drop: Operation[]; create: Operation[] } {
  const ref = refOf(target)
  const drop: Operation[] = []
  const create: Operation[] = []
  const named = (list: readonly CheckConstraint[] | undefined) =>
    new Map((list ?? []).filter((c) => c.name !== undefined).map((c) => [hooks.nameKey(c.name!), c]))
  const curChecks = named(current.checkConstraints)
  const wantChecks = named(target.checkConstraints)
  // A check kept under its name but with another expression is dropped and added again.
  const same = (a: CheckConstraint | undefined, b: CheckConstraint) =>
    a !== undefined && hooks.checkKey(a.expression) === hooks.checkKey(b.expression) && (a.noInherit === true) === (b.noInherit === true)
  const unnamed = (list: readonly CheckConstraint[] | undefined) => (list ?? []).filter((c) => c.name === undefined)
  // The database rewrites a renamed column in the checks that read it, so under its new name it is no change.
  const keyOf = (ck: CheckConstraint, names: ReadonlyMap<string, string>) =>
    hooks.checkKey(names.size === 0 ? ck.expression : withRenamedColumns(ck.expression, names))
  const left = unnamed(target.checkConstraints).map((ck) => ({ ck, key: keyOf(ck, new Map()) }))
  const matchedUnnamed = (ck: CheckConstraint) => {
    const at = left.findIndex((w) => w.key === keyOf(ck, renamed))
    if (at >= 0) left.splice(at, 1)
    return at >= 0
  }

  for (const [key, ck] of curChecks) {
    const wanted = wantChecks.get(key)
    if (same(wanted, ck)) continue
    if (wanted === undefined && !hooks.keepsUnnamedConstraints && matchedUnnamed(ck)) continue
    drop.push({ kind: 'drop_constraint', ...ref, name: ck.name!, type: 'check', existing: ck })
  }
  for (const [key, ck] of wantChecks) {
    if (!same(curChecks.get(key), ck)) create.push({ kind: 'create_check_constraint', ...ref, constraint: ck })
  }
  if (hooks.keepsUnnamedConstraints) {
    for (const ck of unnamed(current.checkConstraints)) {
      if (!matchedUnnamed(ck))
        drop.push({ kind: 'drop_constraint', ...ref, name: '', type: 'check', expression: ck.expression, existing: ck })
    }
  }
  for (const { ck, key } of left) {
    const constraint = hooks.keepsUnnamedConstraints ? ck : { ...ck, name: conventionalName('ck', target.name, [digest(key)]) }
    create.push({ kind: 'create_check_constraint', ...ref, constraint })
  }
  return { drop, create }
}

function digest(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 8)
}
