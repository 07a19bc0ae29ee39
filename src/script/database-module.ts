import { AthanorError } from '../core/errors.js'
import type { Operations } from '../ops/operations.js'

/** Which database a view of the scripts runs for, in a project with several. */
export interface DatabaseBinding {
  readonly name: string
  /** The first database of the config: plain `upgrade(op)` scripts run on it. */
  readonly isDefault: boolean
  /** Every database of the project, to catch a misspelt key in a script. */
  readonly names: readonly string[]
}

type Step = (op: Operations) => unknown

/**
 * What a multi-database script exports as `upgrades` and `downgrades`:
 * one function per database, by the names of the config's `databases`.
 *
 * @example
 * export const upgrades: DatabaseMigrations = {
 *   async db1(op) {
 *     await op.addColumn('user', { name: 'email', type: t.string(120) })
 *   },
 * }
 */
export type DatabaseMigrations = Readonly<Record<string, (op: Operations) => Promise<void>>>

/** What one database runs of a script: its functions, or nothing. */
export interface DatabaseSteps {
  readonly upgrade: Step
  readonly downgrade: Step
}

const nothing: Step = async () => {}

/**
 * Picks one database's functions from a script module. A multi-database
 * script exports `upgrades` and `downgrades`, objects keyed by database
 * name, as Flask-Migrate's multidb template has `upgrade_<bind>()`; a
 * database a script does not name has nothing to do in that revision and
 * only moves its version row. A plain `upgrade(op)`/`downgrade(op)` script
 * (one written before the project had several databases) runs on the
 * default database alone.
 *
 * @example
 * const script = { upgrades: { db1: async (op: Operations) => op.dropTable('chatbot') }, downgrades: {} }
 * const { upgrade } = databaseSteps(script, 'b2_drop_chatbot.ts', { name: 'db1', isDefault: false, names: ['default', 'db1'] })
 */
export function databaseSteps(module: Record<string, unknown>, source: string, binding: DatabaseBinding): DatabaseSteps {
  const perDatabase = module['upgrades'] !== undefined || module['downgrades'] !== undefined
  if (!perDatabase) {
    for (const name of ['upgrade', 'downgrade']) {
      if (typeof module[name] !== 'function') {
        throw new AthanorError(
          'SCRIPT_MISSING_EXPORT',
          `${source}: missing export 'upgrades' (functions by database) or 'function ${name}(op)'`,
        )
      }
    }
    return binding.isDefault
      ? { upgrade: module['upgrade'] as Step, downgrade: module['downgrade'] as Step }
      : { upgrade: nothing, downgrade: nothing }
  }
  if (module['upgrade'] !== undefined || module['downgrade'] !== undefined) {
    throw new AthanorError('SCRIPT_BAD_EXPORT', `${source}: exports both upgrade(op) and per-database upgrades; keep one form`)
  }
  return { upgrade: pick(module, 'upgrades', source, binding), downgrade: pick(module, 'downgrades', source, binding) }
}

function pick(module: Record<string, unknown>, exportName: string, source: string, binding: DatabaseBinding): Step {
  const functions = module[exportName]
  if (typeof functions !== 'object' || functions === null) {
    throw new AthanorError(
      'SCRIPT_MISSING_EXPORT',
      `${source}: missing export '${exportName}' (an object of functions by database: { ${binding.names.join(', ')} })`,
    )
  }
  for (const [key, value] of Object.entries(functions)) {
    if (!binding.names.includes(key)) {
      throw new AthanorError(
        'SCRIPT_BAD_EXPORT',
        `${source}: ${exportName}.${key} names no database of the config (${binding.names.join(', ')})`,
      )
    }
    if (typeof value !== 'function')
      throw new AthanorError('SCRIPT_BAD_EXPORT', `${source}: ${exportName}.${key} must be a function (op) => …`)
  }
  return Object.hasOwn(functions, binding.name) ? ((functions as Record<string, Step>)[binding.name] as Step) : nothing
}
