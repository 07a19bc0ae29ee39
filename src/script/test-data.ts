import { AthanorError } from '../core/errors.js'
import type { Operations } from '../ops/operations.js'
import type { DatabaseBinding } from './database-module.js'

type Seed = (op: Operations) => unknown

/**
 * A script's `testData`: rows `athanor test` inserts right after the
 * revision is applied, so the migrations after it run on data. A function
 * seeds a single-database project (or the default database of several); an
 * object of functions by database name seeds each database it names.
 * `undefined` when the script seeds nothing for this database.
 *
 * @example
 * const module = { testData: async (op: Operations) => op.bulkInsert('users', [{ id: 1, name: 'ada' }]) }
 * typeof testDataOf(module, 'a1_users.ts', undefined) // 'function'
 */
export function testDataOf(module: Record<string, unknown>, source: string, binding: DatabaseBinding | undefined): Seed | undefined {
  const value = module['testData']
  if (value === undefined) return undefined
  if (typeof value === 'function') return binding === undefined || binding.isDefault ? (value as Seed) : undefined
  if (binding !== undefined && typeof value === 'object' && value !== null) {
    const own = (value as Record<string, unknown>)[binding.name]
    for (const [key, seed] of Object.entries(value)) {
      if (!binding.names.includes(key) || typeof seed !== 'function') {
        throw new AthanorError('SCRIPT_BAD_EXPORT', `${source}: testData.${key} must be a function (op) => … of a database of the config`)
      }
    }
    return own as Seed | undefined
  }
  const form = binding === undefined ? 'a function (op) => …' : 'a function (op) => …, or an object of them by database'
  throw new AthanorError('SCRIPT_BAD_EXPORT', `${source}: export 'testData' must be ${form}`)
}
