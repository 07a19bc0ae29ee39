import type { SequenceChanges } from '../../schema/pg-objects.js'

/**
 * The clauses of CREATE/ALTER SEQUENCE for a sequence's values, in
 * PostgreSQL's manual's order, which MariaDB takes too; `null` is the
 * option's default (a cache of 1, as the models take it everywhere).
 * `noCycle` is how the dialect says NO CYCLE (MariaDB: NOCYCLE, refusing
 * PostgreSQL's spelling).
 *
 * @example
 * sequenceValueClauses({ increment: 5, maxValue: null, cycle: false }, 'NO CYCLE') // ['INCREMENT BY 5', 'NO MAXVALUE', 'NO CYCLE']
 */
export function sequenceValueClauses(options: SequenceChanges, noCycle: 'NO CYCLE' | 'NOCYCLE'): string[] {
  const clauses: string[] = []
  if (options.increment !== undefined) clauses.push(`INCREMENT BY ${options.increment ?? 1}`)
  if (options.minValue !== undefined) clauses.push(options.minValue === null ? 'NO MINVALUE' : `MINVALUE ${options.minValue}`)
  if (options.maxValue !== undefined) clauses.push(options.maxValue === null ? 'NO MAXVALUE' : `MAXVALUE ${options.maxValue}`)
  // On ALTER, START WITH only sets what RESTART goes back to: the sequence's current value stays.
  if (options.start !== undefined && options.start !== null) clauses.push(`START WITH ${options.start}`)
  if (options.cache !== undefined) clauses.push(`CACHE ${options.cache ?? 1}`)
  if (options.cycle !== undefined) clauses.push(options.cycle === true ? 'CYCLE' : noCycle)
  return clauses
}
